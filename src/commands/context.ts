import { randomUUID } from 'node:crypto'
import type { EventMetadata } from '../eventstore/port.ts'
import { FINGERPRINT_FIELD } from './idempotency.ts'
import { uuidFromName } from './ids.ts'

export const SCHEMA_VERSION = 1

/** Who is acting, as recorded in every event's metadata (name at the time of the action). */
export interface Actor {
  id: string | null
  rol: string
  nombre: string
}

/** Everything about one request that a command needs besides its own data. */
export interface CommandContext {
  actor: Actor
  requestId?: string
  correlationId?: string
  causationId?: string
  /** The client's Idempotency-Key: event (and new aggregate) ids are derived from it. */
  idempotencyKey?: string
  /**
   * Fingerprint of the whole request (method, path, caller, canonical body; see idempotency.ts),
   * kept with the key in the events' metadata so a reused key with another request is refused.
   */
  requestFingerprint?: string
  /** The revision the client saw (If-Match): a mismatch is a conflict, not retried. */
  expectedRevision?: bigint
}

/** Clock and id source, injected so tests control them and the domain never reads them itself. */
export interface Runtime {
  now: () => Date
  newId: () => string
  randomBytes?: (size: number) => Buffer
}

export const systemRuntime: Runtime = { now: () => new Date(), newId: randomUUID }

export function buildMetadata(context: CommandContext, now: Date): EventMetadata {
  const metadata: EventMetadata = {
    actor: context.actor,
    occurredAt: now.toISOString(),
    schemaVersion: SCHEMA_VERSION,
  }
  if (context.requestId) metadata.requestId = context.requestId
  metadata.correlationId = context.correlationId ?? context.requestId ?? undefined
  if (metadata.correlationId === undefined) delete metadata.correlationId
  if (context.causationId) metadata.causationId = context.causationId
  if (context.idempotencyKey && context.requestFingerprint)
    metadata[FINGERPRINT_FIELD] = context.requestFingerprint
  return metadata
}

/**
 * Event ids for one command. With an Idempotency-Key they are derived from (scope, key, index),
 * so a repeated request yields the same ids; otherwise random, but fixed before the first attempt.
 */
export function eventIdsFor(
  context: CommandContext,
  scope: string,
  runtime: Runtime,
): (index: number) => string {
  if (context.idempotencyKey) {
    const key = context.idempotencyKey
    return (index) => uuidFromName('event', scope, context.actor.id ?? 'anonimo', key, String(index))
  }
  const ids: string[] = []
  return (index) => {
    while (ids.length <= index) ids.push(runtime.newId())
    return ids[index]!
  }
}
