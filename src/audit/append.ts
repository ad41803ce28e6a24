import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  isWrongExpectedVersion,
  type NewEvent,
} from '../eventstore/port.ts'
import { sealFor } from '../privacy/private-store.ts'
import { chainEvents, headHash, linkOf } from './chain.ts'

/**
 * An append that chains its events (docs/audit.md) for writers that do not already hold the
 * stream's head, as the command handler does: the webhook endpoints, their delivery leases. It
 * reads the head (one event when the expected revision is known), links the events to it, and
 * appends at exactly that revision — so `'stream_exists'` and `'any'` become "at the head I
 * chained to", retried when another writer got there first.
 */
export async function appendChained(
  store: EventStore,
  stream: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
): Promise<AppendResult> {
  for (let attempt = 0; ; attempt++) {
    const head = await headOf(store, stream, expectedRevision)
    try {
      // Personal data (staff names in the metadata) sealed first, as by the command handler.
      const stored = await sealFor(store, stream, [...events])
      return await store.append(stream, chainEvents(stream, head.next, head.hash, stored), {
        expectedRevision: head.revision ?? 'no_stream',
      })
    } catch (error) {
      const flexible = expectedRevision === 'stream_exists' || expectedRevision === 'any'
      if (!flexible || !isWrongExpectedVersion(error) || attempt >= 3) throw error
    }
  }
}

async function headOf(
  store: EventStore,
  stream: string,
  expected: ExpectedRevision,
): Promise<{ revision: bigint | null; next: bigint; hash: string }> {
  if (expected === 'no_stream') return { revision: null, next: 0n, hash: '' }
  if (typeof expected === 'bigint') {
    const [last] = await store.readStream(stream, { fromRevision: expected, maxCount: 1 })
    const link = last && last.revision === expected ? linkOf(last) : null
    if (link) return { revision: expected, next: expected + 1n, hash: link.hash }
  }
  // The head is unchained (written before chaining) or not known: fold the whole stream.
  const events = await store.readStream(stream)
  const last = events[events.length - 1]
  if (!last) {
    if (expected === 'stream_exists' || typeof expected === 'bigint')
      // Let the store answer as it would have: its own WrongExpectedVersion.
      return { revision: typeof expected === 'bigint' ? expected : -1n, next: 0n, hash: '' }
    return { revision: null, next: 0n, hash: '' }
  }
  return { revision: last.revision, next: last.revision + 1n, hash: headHash(events) }
}
