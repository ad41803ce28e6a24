import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { requireAuth } from '../plugins/auth.ts'
import { publicUser } from '../login.ts'
import { commandContext } from '../request-context.ts'
import { LoginBody, LoginReply, PasswordBody, Problem, User } from '../schemas.ts'

// Their own problems (login's 401 is credenciales-invalidas); 400, 403, 429, … come from the OpenAPI
// plugin (src/http/openapi.ts).
const problems = { 401: Problem, 422: Problem }

/** POST /api/auth/login, GET /api/auth/me, POST /api/auth/password (seed 000, DESIGN §7). */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { loginRateLimit, jwtExpiresInSeconds } = app.config

  app.post(
    '/login',
    {
      config: {
        auth: 'none',
        rateLimit: { max: loginRateLimit.perIpPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Log in with email and password',
        body: LoginBody,
        response: { 200: LoginReply, ...problems },
      },
    },
    async (request) => app.login(request, request.body.email, request.body.password),
  )

  app.get(
    '/me',
    {
      config: { allowMustChange: true },
      schema: {
        tags: ['auth'],
        operationId: 'getMe',
        summary: 'The authenticated user',
        response: { 200: User, ...problems },
      },
    },
    async (request) => {
      return publicUser(requireAuth(request).user)
    },
  )

  app.post(
    '/password',
    {
      config: { allowMustChange: true },
      schema: {
        tags: ['auth'],
        operationId: 'changePassword',
        summary: 'Change your own password (required after an admin creates or resets the account)',
        body: PasswordBody,
        response: { 200: Type.Object({ token: Type.String(), expiresIn: Type.Integer() }), ...problems },
      },
    },
    async (request) => {
      const auth = requireAuth(request)
      const result = await app.users.cambiarPassword(
        auth.user.user_id,
        request.body.passwordActual,
        request.body.passwordNuevo,
        commandContext(request),
      )
      await app.settle(result.position)
      // The change revoked every earlier token, this one included: hand out a fresh one.
      const version =
        result.state.status === 'existe' ? result.state.tokenVersion : auth.user.token_version + 1
      return {
        token: app.jwt.sign({ sub: auth.user.user_id, ver: version, rol: auth.user.rol }),
        expiresIn: jwtExpiresInSeconds,
      }
    },
  )
}
