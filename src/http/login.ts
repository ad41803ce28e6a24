import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { hashPassword, verifyPassword } from '../commands/passwords.ts'
import type { UserCredentials, UserRecord } from '../projections/users/view.ts'
import { ProblemError } from './problems.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Checks an email and password under the login policy and signs a token: the one login of
     * the service, used by POST /api/auth/login and the console's login page alike (they share
     * the counters). Throws 429 `demasiadas-peticiones` or 401 `credenciales-invalidas`.
     */
    login(request: FastifyRequest, email: string, password: string): Promise<LoginSuccess>
  }
}

export interface LoginSuccess {
  token: string
  expiresIn: number
  user: UserRecord
}

/**
 * Login policy (docs/api.md): every attempt counts against the caller's IP (the route's own
 * rateLimit); only failures count against the (IP, email) pair and against the email. A pair over
 * its limit waits; the email's larger ceiling stops only clients that have themselves failed on
 * it, so an attacker guessing someone's password never locks the owner out from elsewhere.
 */
export const loginPlugin = fp(
  async (app: FastifyInstance) => {
    const { loginRateLimit, passwordCost, jwtExpiresInSeconds } = app.config
    // The rate limiter keys on the request; the email it counts is the one being tried.
    const tried = new WeakMap<FastifyRequest, string>()
    const emailOf = (request: FastifyRequest) => tried.get(request) ?? ''
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

    app.decorate('login', async (request: FastifyRequest, emailInput: string, password: string) => {
      const email = emailInput.trim().toLowerCase()
      tried.set(request, email)
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
      const valid = await verifyPassword(password, user?.password_hash ?? (await decoy))
      if (!user || !valid || !user.is_active) {
        await Promise.all([failuresOfPair(request), failuresOfEmail(request)])
        throw rejected()
      }
      return {
        token: app.jwt.sign({ sub: user.user_id, ver: user.token_version, rol: user.rol }),
        expiresIn: jwtExpiresInSeconds,
        user: publicUser(user),
      }
    })
  },
  { name: 'login', dependencies: ['services', 'auth'] },
)

/** The user as the API shows it: without the password hash and token version. */
export function publicUser(user: UserCredentials): UserRecord {
  const { password_hash: _hash, token_version: _version, ...record } = user
  return record
}
