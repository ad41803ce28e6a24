import jwt from '@fastify/jwt'
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Actor } from '../../commands/context.ts'
import { accessFor, type Caller, type Operation } from '../../domain/roles.ts'
import type { UserCredentials } from '../../projections/users/view.ts'
import { ProblemError } from '../problems.ts'

export interface AuthContext {
  user: UserCredentials
  caller: Caller
  actor: Actor
}

/** How a route treats the Authorization header. */
export type AuthMode = 'required' | 'optional' | 'none'

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null
  }
  interface FastifyContextConfig {
    /** Default: required. */
    auth?: AuthMode
    /** Reachable while the user must still change their password (the password route, /me). */
    allowMustChange?: boolean
    /**
     * The DESIGN §4 operation the route performs. A role that may never perform it gets 403 right
     * after authentication, before the body is parsed or validated (a 400 would describe the schema
     * to a caller who may not use the endpoint at all).
     */
    operation?: Operation
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; ver: number; rol: string }
    user: { sub: string; ver: number; rol: string; iat: number; exp: number }
  }
}

export interface AuthOptions {
  secret: string
  expiresInSeconds: number
}

/**
 * Bearer JWT (HS256 only; `exp`, `iat`, `sub` required; no clock tolerance). A valid signature is
 * not enough: every request re-reads the user from the read model, so deactivation, deletion, a
 * role or area change and a password change (all bump `token_version`) end old tokens at once.
 */
export const authPlugin = fp<AuthOptions>(
  async (app, options) => {
    await app.register(jwt, {
      secret: options.secret,
      // @fastify/jwt reads a number as seconds (it converts to fast-jwt's milliseconds itself).
      sign: { algorithm: 'HS256', expiresIn: options.expiresInSeconds },
      verify: {
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub'],
        // fast-jwt's tolerance is in ms and is not converted. None at all: nothing here checks a
        // claim against the clock except `exp` (no `nbf`, `iat` unchecked), so skew between
        // instances cannot refuse a fresh token, and a token ends at its `exp` as promised.
        clockTolerance: 0,
        // fast-jwt remembers verified tokens (never past `exp` plus the tolerance, here 0), so a
        // client's repeated requests skip the HMAC and claim checks. Revocation does not depend on it: the user
        // and token version are re-read on every request below.
        cache: 10_000,
      },
    })
    app.decorateRequest('auth', null)

    app.addHook('onRequest', async (request) => {
      const mode: AuthMode = request.routeOptions.config?.auth ?? 'required'
      if (mode === 'none' || !request.routeOptions.url) return
      const header = request.headers.authorization
      if (!header) {
        if (mode === 'optional') return
        throw new ProblemError(
          'no-autenticado',
          'Se requiere autenticación',
          'Envíe Authorization: Bearer <token>',
          {},
          {
            'www-authenticate': 'Bearer',
          },
        )
      }
      request.auth = await authenticate(request)
      if (request.auth.user.must_change_password && !request.routeOptions.config?.allowMustChange) {
        throw new ProblemError(
          'cambio-de-password-requerido',
          'Debe cambiar su contraseña',
          'Cambie la contraseña con POST /api/auth/password antes de usar el resto de la API',
        )
      }
      const operation = request.routeOptions.config?.operation
      if (operation) requireAccess(request, operation)
    })
  },
  { name: 'auth', dependencies: ['services'] },
)

const unauthenticated = () =>
  new ProblemError(
    'no-autenticado',
    'Token no válido',
    'El token falta, caducó, fue revocado o no es válido',
    {},
    {
      'www-authenticate': 'Bearer error="invalid_token"',
    },
  )

async function authenticate(request: FastifyRequest): Promise<AuthContext> {
  const header = request.headers.authorization ?? ''
  if (!/^Bearer [A-Za-z0-9._~+/=-]+$/.test(header)) throw unauthenticated()
  let claims: { sub: string; ver: number }
  try {
    // The app-wide verifier, synchronously: request.jwtVerify() would decode the token a second
    // time and run an async callback chain per request, and its result is not needed on request.
    claims = request.server.jwt.verify(header.slice('Bearer '.length))
  } catch {
    throw unauthenticated()
  }
  const user = request.server.readModels.users.credentialsById(String(claims.sub))
  if (!user || !user.is_active || user.token_version !== claims.ver) throw unauthenticated()
  const caller: Caller = { rol: user.rol, area: user.area }
  return { user, caller, actor: { id: user.user_id, rol: user.rol, nombre: user.nombre } }
}

/** The caller as the access rules see it; anonymous when no token was sent. */
export function callerOf(request: FastifyRequest): Caller {
  return request.auth?.caller ?? { rol: 'ANONIMO', area: null }
}

/** Role-level check (DESIGN §4): a role that may never do `operation` gets 403 before anything is read. */
export function requireAccess(request: FastifyRequest, operation: Operation): void {
  const caller = callerOf(request)
  if (accessFor(operation, caller) === 'none') {
    // Anonymous callers reach here only on routes with optional auth, which every role may use;
    // on the others the missing token was already a 401.
    throw new ProblemError('prohibido', 'Prohibido', `El rol ${caller.rol} no puede realizar '${operation}'`)
  }
}

export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthenticated()
  return request.auth
}
