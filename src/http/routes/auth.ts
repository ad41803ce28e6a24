import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { hashPassword, verifyPassword } from '../../commands/passwords.ts'
import { requireAuth } from '../plugins/auth.ts'
import { ProblemError } from '../problems.ts'
import { commandContext } from '../request-context.ts'
import { LoginBody, LoginReply, PasswordBody, Problem, User } from '../schemas.ts'

const problems = { 400: Problem, 401: Problem, 403: Problem, 422: Problem, 429: Problem }

/** POST /api/auth/login, GET /api/auth/me, POST /api/auth/password (seed 000, DESIGN §7). */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { loginRateLimit, passwordCost, jwtExpiresInSeconds } = app.config
  // Login policy (docs/api.md): every attempt counts against the caller's IP; only failures count
  // against the (IP, email) pair and against the email. A pair over its limit waits; the email's
  // larger ceiling stops only clients that have themselves failed on it, so an attacker guessing
  // someone's password never locks the owner out of logging in from elsewhere.
  const emailOf = (request: FastifyRequest) =>
    String((request.body as { email?: unknown } | undefined)?.email ?? '')
      .trim()
      .toLowerCase()
  const failuresOfPair = app.createRateLimit({
    max: loginRateLimit.failuresPerIpEmailPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `${request.ip}\n${emailOf(request)}`,
  })
  const failuresOfEmail = app.createRateLimit({
    max: loginRateLimit.failuresPerEmailPerMinute,
    timeWindow: 60_000,
    keyGenerator: emailOf,
  })
  const tooMany = (seconds: number) =>
    new ProblemError(
      'demasiadas-peticiones',
      'Demasiados intentos',
      `Espere ${seconds} s`,
      {},
      { 'retry-after': String(seconds) },
    )
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
      config: {
        auth: 'none',
        rateLimit: { max: loginRateLimit.perIpPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password',
        body: LoginBody,
        response: { 200: LoginReply, ...problems },
      },
    },
    async (request) => {
      const email = emailOf(request)
      const [pair, perEmail] = await Promise.all([
        failuresOfPair(request, { increment: false }),
        failuresOfEmail(request, { increment: false }),
      ])
      if (!pair.isAllowed && !perEmail.isAllowed) {
        const pairFailures = pair.max - pair.remaining
        if (pair.remaining === 0) throw tooMany(Math.max(1, pair.ttlInSeconds))
        if (perEmail.remaining === 0 && pairFailures > 0) throw tooMany(Math.max(1, perEmail.ttlInSeconds))
      }
      const user = app.readModels.users.credentialsByEmail(email)
      const valid = await verifyPassword(request.body.password, user?.password_hash ?? (await decoy))
      if (!user || !valid || !user.is_active) {
        await Promise.all([failuresOfPair(request), failuresOfEmail(request)])
        throw rejected()
      }
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
