import { createHash } from 'node:crypto'
import { DomainError } from '../domain/errors.ts'
import { chainEvents, headHash } from '../audit/chain.ts'
import type { EventMetadata, EventStore } from '../eventstore/port.ts'
import { isWrongExpectedVersion } from '../eventstore/port.ts'
import { withoutRequesterName } from '../privacy/personal-data.ts'
import { sealFor } from '../privacy/private-store.ts'
import { uuidFromName } from './ids.ts'

/**
 * Uniqueness across aggregates (user email, ticket code) without a second database: each unique
 * value has a reservation stream. Taking a free value appends `Reservado` at the revision the
 * value was seen free (no_stream the first time), so of two concurrent claims exactly one wins,
 * on either event store. Releasing appends `Liberado`.
 *
 * A reservation whose owner no longer holds the value (a release that was lost) is free, and so
 * is one whose owner never came to exist (the process died between reserving and creating) once
 * it is older than ABANDONED_AFTER_MS: younger ones may belong to a creation still under way.
 * `ownerStatus` asks the owner.
 */
export const ABANDONED_AFTER_MS = 60_000

export type OwnerStatus = 'holds' | 'released' | 'absent'

export function emailReservationStream(normalizedEmail: string): string {
  return `unico-email-${createHash('sha256').update(normalizedEmail).digest('hex')}`
}

export function codeReservationStream(codigo: string): string {
  return `unico-codigo-${codigo}`
}

interface ReservationData {
  owner: string
}

export async function currentOwner(
  store: EventStore,
  stream: string,
): Promise<{ owner: string | null; revision: bigint | null; since: Date | null; hash: string }> {
  const events = await store.readStream(stream)
  const last = events[events.length - 1]
  if (!last) return { owner: null, revision: null, since: null, hash: '' }
  return {
    owner: last.type === 'Reservado' ? (last.data as ReservationData).owner : null,
    revision: last.revision,
    since: new Date(last.metadata.occurredAt),
    hash: headHash(events),
  }
}

export async function reserve(
  store: EventStore,
  stream: string,
  owner: string,
  metadata: EventMetadata,
  ownerStatus: (owner: string) => Promise<OwnerStatus>,
  what: string,
): Promise<void> {
  const now = new Date(metadata.occurredAt).getTime()
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await currentOwner(store, stream)
    if (current.owner === owner) return
    if (current.owner !== null) {
      const status = await ownerStatus(current.owner)
      const abandoned = status === 'absent' && now - (current.since?.getTime() ?? now) > ABANDONED_AFTER_MS
      if (status === 'holds' || (status === 'absent' && !abandoned)) {
        throw new DomainError('conflict', `${what} ya está en uso`)
      }
    }
    try {
      await store.append(
        stream,
        chainEvents(
          stream,
          nextRevision(current.revision),
          current.hash,
          await sealFor(store, stream, [
            {
              id: reservationEventId('Reservado', stream, owner, current.revision),
              type: 'Reservado',
              data: { owner },
              metadata: withoutRequesterName(metadata),
            },
          ]),
        ),
        {
          expectedRevision: current.revision ?? 'no_stream',
        },
      )
      return
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error
      // Someone else claimed it (or released it) meanwhile: look again.
    }
  }
  throw new DomainError('conflict', `${what} ya está en uso`)
}

export async function release(
  store: EventStore,
  stream: string,
  owner: string,
  metadata: EventMetadata,
): Promise<void> {
  const current = await currentOwner(store, stream)
  if (current.owner !== owner || current.revision === null) return
  try {
    await store.append(
      stream,
      chainEvents(
        stream,
        nextRevision(current.revision),
        current.hash,
        await sealFor(store, stream, [
          {
            id: reservationEventId('Liberado', stream, owner, current.revision),
            type: 'Liberado',
            data: { owner },
            metadata: withoutRequesterName(metadata),
          },
        ]),
      ),
      {
        expectedRevision: current.revision,
      },
    )
  } catch (error) {
    // Claimed by someone else since: nothing of ours left to release.
    if (!isWrongExpectedVersion(error)) throw error
  }
}

const nextRevision = (revision: bigint | null): bigint => (revision === null ? 0n : revision + 1n)

/**
 * Deterministic ids: the same claim at the same revision is the same event, so a retried claim
 * whose acknowledgement was lost is an idempotent re-append rather than a second claim.
 */
function reservationEventId(type: string, stream: string, owner: string, revision: bigint | null): string {
  return uuidFromName(type, stream, owner, revision === null ? 'nuevo' : String(revision))
}
