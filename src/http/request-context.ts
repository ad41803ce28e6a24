import type { FastifyRequest } from 'fastify'
import type { CommandContext } from '../commands/context.ts'
import { requestFingerprint } from '../commands/idempotency.ts'
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
    correlationId: traceId(request, 'x-correlation-id') ?? traceId(request, 'x-request-id') ?? request.id,
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
    // RFC 9110 §13.1.1: If-Match uses the strong comparison, so a weak tag never matches: it is a
    // well-formed precondition that fails (412), not a malformed header (400).
    if (/^\s*W\/"?\d{1,15}"?\s*$/.test(ifMatch)) {
      throw new ProblemError(
        'version-obsoleta',
        'La condición If-Match no se cumple',
        'If-Match no coincide: una etiqueta débil (W/) nunca coincide; envíe el ETag tal como se recibió',
      )
    }
    const match = /^\s*"?(\d{1,15})"?\s*$/.exec(ifMatch)
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

/** What a client may choose as a correlation id: short, and safe in logs, headers and metadata. */
export const TRACE_ID = /^[A-Za-z0-9._:-]{1,64}$/

/**
 * A client's x-correlation-id or x-request-id, only when it matches TRACE_ID (otherwise ignored,
 * and the server's own id is used). Either one becomes the correlation id; the request id is
 * always the server's (genReqId in app.ts), so it is unique and never client-chosen.
 */
function traceId(request: FastifyRequest, name: 'x-correlation-id' | 'x-request-id'): string | undefined {
  const value = headerValue(request, name)
  return value !== undefined && TRACE_ID.test(value) ? value : undefined
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

export function etag(revision: number | bigint): string {
  return `"${revision}"`
}
