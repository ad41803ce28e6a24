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
        operationId: 'streamEventos',
        summary: 'Feed en vivo de eventos de tickets (Server-Sent Events)',
        querystring: Type.Object({ desde: Type.Optional(Type.String({ maxLength: 100 })) }),
        produces: ['text/event-stream'],
        response: {
          200: {
            description: 'The stream: `event:` the event type, `id:` its log position, `data:` JSON',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
        },
      },
    },
    (request, reply) => {
      const auth = requireAuth(request)
      const token = request.headers.authorization!.slice('Bearer '.length)
      serveFeed(request, reply, { userId: auth.user.user_id, caller: auth.caller, token })
    },
  )
}
