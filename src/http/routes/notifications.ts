import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { closed, Nullable } from '../../domain/fields.ts'

export const EntregasQuery = Type.Object(
  {
    limit: Type.Optional(
      Type.String({ pattern: '^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$', description: '1–200, default 50' }),
    ),
    antes: Type.Optional(
      Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'the `siguiente` of the previous page' }),
    ),
  },
  closed,
)

const Entrega = Type.Object({
  n: Type.Integer(),
  eventoId: Type.String(),
  messageId: Type.String(),
  tipo: Type.String(),
  destinatarioTipo: Type.String(),
  destinatarioId: Nullable(Type.String()),
  ticketCodigo: Nullable(Type.String()),
  estado: Type.String(),
  intentos: Type.Integer(),
  error: Nullable(Type.String()),
  actualizadoEn: Type.String(),
})

/** /api/notificaciones…: what the e-mail subscriber delivered, ADMIN only ('notificaciones'). */
export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/entregas',
    {
      config: { operation: 'notificaciones' },
      schema: {
        tags: ['notifications'],
        operationId: 'listEmailDeliveries',
        summary: 'Recent e-mail deliveries, newest first (sent, failed for good, retrying)',
        querystring: EntregasQuery,
        response: {
          200: Type.Object({
            items: Type.Array(Entrega),
            siguiente: Nullable(Type.Integer()),
            correo: Type.Object({ activo: Type.Boolean(), pendientes: Type.Integer() }),
          }),
        },
      },
    },
    async (request) => {
      const { limit, antes } = request.query
      const page = app.correo.deliveries.page(limit ? Number(limit) : 50, antes ? Number(antes) : null)
      return { ...page, correo: { activo: app.correo.enabled, pendientes: await app.correo.backlog() } }
    },
  )
}
