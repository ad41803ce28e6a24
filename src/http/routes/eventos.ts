import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { serveFeed } from '../../feed/plugin.ts'
import { requireAuth } from '../plugins/auth.ts'

/** GET /api/eventos: the live change feed as Server-Sent Events (docs/notifications.md). */
export const eventosRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      // A HEAD would open a stream that can never carry a body.
      exposeHeadRoute: false,
      config: { operation: 'dashboard' },
      schema: {
        tags: ['eventos'],
        summary: 'Feed en vivo de eventos de tickets (Server-Sent Events)',
        security: [{ bearer: [] }],
        querystring: Type.Object({ desde: Type.Optional(Type.String({ maxLength: 100 })) }),
        produces: ['text/event-stream'],
      },
    },
    (request, reply) => {
      const auth = requireAuth(request)
      const token = request.headers.authorization!.slice('Bearer '.length)
      serveFeed(request, reply, { userId: auth.user.user_id, caller: auth.caller, token })
    },
  )
}
