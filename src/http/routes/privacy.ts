import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { closed, Email, Motivo } from '../../domain/fields.ts'
import { trimBodyStrings } from '../input.ts'
import { commandContext } from '../request-context.ts'
import { Problem, UserIdParams } from '../schemas.ts'

const ErasureBody = Type.Union([
  Type.Object({ email: Email, motivo: Motivo }, { ...closed, title: 'Un solicitante' }),
  Type.Object(
    { user_id: UserIdParams.properties.user_id, motivo: Motivo },
    { ...closed, title: 'Una cuenta' },
  ),
])

const ErasureReply = Type.Object({
  borrado: Type.Boolean({ description: 'false when nothing was left to erase (a repeat)' }),
  sujeto: Type.Union([Type.Literal('SOLICITANTE'), Type.Literal('USUARIO')]),
  tickets: Type.Integer({ description: 'Tickets whose requester data was erased' }),
})

/**
 * POST /api/privacidad/borrar (ADMIN): the right to erasure (issue 17 §3, docs/audit.md). A
 * requester by e-mail (all their tickets) or an account by id (deleted first, by the rules of
 * DELETE /api/auth/users/{id}); their key is destroyed and their data reads `[dato eliminado]`.
 */
export const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', trimBodyStrings)
  app.post(
    '/borrar',
    {
      config: { operation: 'privacidad' },
      schema: {
        tags: ['privacidad'],
        operationId: 'erasePersonalData',
        summary: 'Erase a person’s data (crypto-shredding): a requester by email, or an account',
        body: ErasureBody,
        response: { 200: ErasureReply, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const { borrado, sujeto, tickets } = await app.privacy.borrar(request.body, commandContext(request))
      return { borrado, sujeto, tickets }
    },
  )
}
