import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

/** GET /health: the process answers. GET /ready: the store answers and the read models are caught up. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      config: { auth: 'none' },
      schema: {
        tags: ['operations'],
        operationId: 'getHealth',
        summary: 'Liveness: the process answers',
        response: { 200: Type.Object({ status: Type.String() }) },
      },
    },
    async () => ({ status: 'ok' }),
  )

  app.get(
    '/ready',
    {
      config: { auth: 'none' },
      schema: {
        tags: ['operations'],
        operationId: 'getReady',
        summary: 'Readiness: the event store answers and the read models have caught up with the log',
        response: {
          '2xx': Type.Object({
            status: Type.String(),
            store: Type.Boolean(),
            projections: Type.Boolean(),
            position: Type.Union([Type.String(), Type.Null()]),
            // E-mail backlog (issue 15): reported, never a reason to be not ready.
            correo: Type.Optional(Type.Object({ activo: Type.Boolean(), pendientes: Type.Integer() })),
          }),
          503: Type.Object({
            status: Type.String(),
            store: Type.Boolean(),
            projections: Type.Boolean(),
            position: Type.Union([Type.String(), Type.Null()]),
            // E-mail backlog (issue 15): reported, never a reason to be not ready.
            correo: Type.Optional(Type.Object({ activo: Type.Boolean(), pendientes: Type.Integer() })),
          }),
        },
      },
    },
    async (_request, reply) => {
      const store = await app.store.healthy().catch(() => false)
      let caughtUp = false
      if (store && app.readModels.runner.healthy) {
        const head = await app.store
          .readAll({ after: app.readModels.runner.position, maxCount: 1 })
          .catch(() => [1])
        caughtUp = head.length === 0
      }
      const ready = store && caughtUp
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not-ready',
        store,
        projections: caughtUp,
        position: app.readModels.runner.position,
        correo: {
          activo: app.correo.enabled,
          pendientes: await app.correo.backlog().catch(() => -1),
        },
      })
    },
  )
}
