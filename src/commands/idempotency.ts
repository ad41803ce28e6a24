import { createHmac } from 'node:crypto'
import type { EventMetadata, EventStore, RecordedEvent } from '../eventstore/port.ts'
import { canonicalJson } from '../lib/canonical-json.ts'

/**
 * Idempotency-Key with a request fingerprint. The key alone decides the event ids (see
 * eventIdsFor), so it tells that "this command was applied before"; the fingerprint, kept in the
 * metadata of the events the command appended, tells whether the repeat is the same request. Same
 * key + same request → the first answer; same key + another request → IdempotencyKeyReusedError
 * (422), nothing appended. Living in the events, it holds on both stores with no extra table.
 */

/** Metadata field holding the fingerprint of the request that appended the event. */
export const FINGERPRINT_FIELD = 'idempotencia'

export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError'
  constructor() {
    super('Idempotency-Key already used for a different request')
  }
}

/** What identifies a request for idempotency: who sends what to where. */
export interface FingerprintInput {
  method: string
  /** The route pattern, e.g. /api/tickets/:id/pausar, with its params apart: one spelling per path. */
  route: string
  params: unknown
  /** The caller's user id, or null when anonymous. */
  caller: string | null
  body: unknown
}

/**
 * HMAC-SHA256 (hex) of the canonical request. Keyed, not a bare SHA-256: bodies carry passwords,
 * and a fast unkeyed hash of them next to the rest of the body in the log would let anyone who
 * reads the log guess them far faster than the Argon2id hashes allow.
 */
export function requestFingerprint(secret: Buffer, input: FingerprintInput): string {
  const canonical = canonicalJson([
    input.method.toUpperCase(),
    input.route,
    input.params,
    input.caller,
    input.body,
  ])
  return createHmac('sha256', secret).update(canonical).digest('hex')
}

/**
 * Throws when `recorded` (the first event a keyed command appended) came from another request
 * than the one now carrying its key. Events written before fingerprints existed, and commands run
 * without one (direct calls), are taken as the same request, as before.
 */
export function assertSameRequest(recorded: RecordedEvent, metadata: EventMetadata): void {
  const before = recorded.metadata[FINGERPRINT_FIELD]
  const now = metadata[FINGERPRINT_FIELD]
  if (typeof before === 'string' && typeof now === 'string' && before !== now) {
    throw new IdempotencyKeyReusedError()
  }
}

/**
 * The event a keyed command appended earlier to `stream`, when there is one (checked against this
 * request: throws IdempotencyKeyReusedError on a different one). For commands with side effects
 * before the append (an email reservation, a password check), which must not run for a repeat.
 */
export async function earlierAppend(
  store: EventStore,
  stream: string,
  firstEventId: string,
  metadata: EventMetadata,
): Promise<RecordedEvent | null> {
  const recorded = (await store.readStream(stream)).find((event) => event.id === firstEventId)
  if (!recorded) return null
  assertSameRequest(recorded, metadata)
  return recorded
}
