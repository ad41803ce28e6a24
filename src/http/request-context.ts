import type { FastifyRequest } from 'fastify'
import type { CommandContext } from '../commands/context.ts'
import { requestFingerprint } from '../commands/idempotency.ts'
import { accessFor, type Operation } from '../domain/roles.ts'
import { callerOf } from './plugins/auth.ts'
import { ProblemError } from './problems.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Key of the Idempotency-Key request fingerprints (derived from the JWT secret, see app.ts). */
    idempotencySecret: Buffer
  }
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/

/** What a command needs to know about the HTTP request: actor, ids for tracing, retries, If-Match. */
export function commandContext(request: FastifyRequest, actorName?: string): CommandContext {
  const context: CommandContext = {
    actor: request.auth?.actor ?? { id: null, rol: 'ANONIMO', nombre: actorName ?? 'anónimo' },
    requestId: request.id,
    correlationId: headerValue(request, 'x-correlation-id') ?? request.id,
  }
  const key = headerValue(request, 'idempotency-key')
  if (key !== undefined) {
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new ProblemError(
        'validacion',
        'Idempotency-Key no válida',
        'Use de 1 a 200 caracteres ASCII visibles',
        {
          errores: [{ campo: 'headers.idempotency-key', mensaje: 'formato no válido' }],
        },
      )
    }
    context.idempotencyKey = key
    context.requestFingerprint = requestFingerprint(request.server.idempotencySecret, {
      method: request.method,
      route: request.routeOptions.url ?? request.url.split('?')[0]!,
      params: request.params ?? {},
      caller: context.actor.id,
      body: request.body ?? null,
    })
  }
  const ifMatch = headerValue(request, 'if-match')
  if (ifMatch !== undefined && ifMatch.trim() !== '*') {
    const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(ifMatch)
    if (!match) {
      throw new ProblemError(
        'validacion',
        'If-Match no válido',
        'Envíe el ETag recibido, por ejemplo If-Match: "3"',
        {
          errores: [{ campo: 'headers.if-match', mensaje: 'formato no válido' }],
        },
      )
    }
    context.expectedRevision = BigInt(match[1]!)
  }
  return context
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Role-level check (DESIGN §4): a role that may never do `operation` gets 403 before anything is read. */
export function requireAccess(request: FastifyRequest, operation: Operation): void {
  const caller = callerOf(request)
  if (accessFor(operation, caller) === 'none') {
    throw new ProblemError('prohibido', 'Prohibido', `El rol ${caller.rol} no puede realizar '${operation}'`)
  }
}

export function etag(revision: number | bigint): string {
  return `"${revision}"`
}
