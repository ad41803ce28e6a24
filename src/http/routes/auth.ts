import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { hashPassword, verifyPassword } from '../../commands/passwords.ts'
import { requireAuth } from '../plugins/auth.ts'
import { ProblemError } from '../problems.ts'
import { RateLimiter } from '../rate-limit.ts'
import { commandContext } from '../request-context.ts'
import { LoginBody, LoginReply, PasswordBody, Problem, User } from '../schemas.ts'

const problems = { 400: Problem, 401: Problem, 403: Problem, 422: Problem, 429: Problem }

/** POST /api/auth/login, GET /api/auth/me, POST /api/auth/password (seed 000, DESIGN §7). */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { loginRateLimit, passwordCost, jwtExpiresInSeconds } = app.config
  const perIp = new RateLimiter(loginRateLimit.perIpPerMinute, 60_000)
  const perEmail = new RateLimiter(loginRateLimit.perEmailPerMinute, 60_000)
  // Unknown emails are checked against this hash, so they cost the same time as a wrong password.
  const decoy = hashPassword('decoy-password-never-valid', passwordCost)
  const rejected = () =>
    new ProblemError(
      'credenciales-invalidas',
      'Credenciales no válidas',
      'Email o contraseña incorrectos, o cuenta desactivada',
    )

  app.post(
    '/login',
    {
      config: { auth: 'none' },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password',
        body: LoginBody,
        response: { 200: LoginReply, ...problems },
      },
    },
    async (request) => {
      const email = request.body.email.trim().toLowerCase()
      const wait = Math.max(perIp.hit(request.ip), perEmail.hit(email))
      if (wait > 0) {
        throw new ProblemError(
          'demasiadas-peticiones',
          'Demasiados intentos',
          `Espere ${wait} s`,
          {},
          { 'retry-after': String(wait) },
        )
      }
      const user = app.readModels.users.credentialsByEmail(email)
      const valid = await verifyPassword(request.body.password, user?.password_hash ?? (await decoy))
      if (!user || !valid || !user.is_active) throw rejected()
      perEmail.reset(email)
      const token = app.jwt.sign({ sub: user.user_id, ver: user.token_version, rol: user.rol })
      const { password_hash: _hash, token_version: _version, ...publicUser } = user
      return { token, expiresIn: jwtExpiresInSeconds, user: publicUser }
    },
  )

  app.get(
    '/me',
    {
      config: { allowMustChange: true },
      schema: {
        tags: ['auth'],
        summary: 'The authenticated user',
        security: [{ bearer: [] }],
        response: { 200: User, ...problems },
      },
    },
    async (request) => {
      const { password_hash: _hash, token_version: _version, ...user } = requireAuth(request).user
      return user
    },
  )

  app.post(
    '/password',
    {
      config: { allowMustChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (required after an admin creates or resets the account)',
        security: [{ bearer: [] }],
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
