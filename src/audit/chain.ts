import { createHash } from 'node:crypto'
import type { EventMetadata, NewEvent, RecordedEvent } from '../eventstore/port.ts'
import { canonicalJson } from '../lib/canonical-json.ts'

/**
 * Tamper evidence (docs/audit.md): every event appended since this module exists carries, in its
 * metadata, `cadena: { previo, hash }` —
 *
 *   hash = hex(SHA-256(canonicalJson(["mesa-de-ayuda/cadena/v1", previo, stream, revision,
 *                                     type, data, metadata without `cadena`])))
 *
 * where `revision` is the decimal string of the 0-based stream revision and `previo` the hash of
 * the event before it in the stream ("" for revision 0). An event written before chaining has no
 * `cadena`; its hash is still defined by the same formula, so the first chained event of an older
 * stream vouches for everything before it. Editing, removing or reordering any event changes the
 * hash of every later event; the digests of `npm run audit -- digest` pin stream heads outside
 * the database, so a rewritten tail is caught too.
 *
 * Pure: no I/O, no clock.
 */

export const CHAIN_FIELD = 'cadena'
const LABEL = 'mesa-de-ayuda/cadena/v1'

export interface ChainLink {
  previo: string
  hash: string
}

/** What the hash covers of an event. */
export interface Chainable {
  stream: string
  revision: bigint
  type: string
  data: unknown
  metadata: EventMetadata
}

export function eventHash(previous: string, event: Chainable): string {
  const { [CHAIN_FIELD]: _link, ...metadata } = event.metadata
  return createHash('sha256')
    .update(
      canonicalJson([
        LABEL,
        previous,
        event.stream,
        event.revision.toString(),
        event.type,
        event.data,
        metadata,
      ]),
    )
    .digest('hex')
}

/** The link an event carries, or null for an event written before chaining. */
export function linkOf(event: { metadata: EventMetadata }): ChainLink | null {
  const link = event.metadata[CHAIN_FIELD] as Partial<ChainLink> | undefined
  return link && typeof link.hash === 'string' && typeof link.previo === 'string'
    ? { previo: link.previo, hash: link.hash }
    : null
}

/**
 * The hash of the last of `events` (a stream's events in order, from `fromHash`, the hash of the
 * event before the first of them; "" from the stream's start). A chained event's stored hash is
 * taken as it is (verification is the auditor's job, not the writer's); an unchained one is
 * computed.
 */
export function headHash(events: readonly RecordedEvent[], fromHash = ''): string {
  let previous = fromHash
  for (const event of events) previous = linkOf(event)?.hash ?? eventHash(previous, event)
  return previous
}

/** `events` to append at `firstRevision` of `stream` after the head `previous`, each with its link. */
export function chainEvents(
  stream: string,
  firstRevision: bigint,
  previous: string,
  events: readonly NewEvent[],
): NewEvent[] {
  let last = previous
  return events.map((event, index) => {
    const { [CHAIN_FIELD]: _old, ...metadata } = event.metadata
    const hash = eventHash(last, {
      stream,
      revision: firstRevision + BigInt(index),
      type: event.type,
      data: event.data,
      metadata: metadata as EventMetadata,
    })
    const chained = { ...event, metadata: { ...metadata, [CHAIN_FIELD]: { previo: last, hash } } }
    last = hash
    return chained
  })
}

/** The first break found in a stream: where, and what differs. */
export interface ChainBreak {
  stream: string
  revision: number
  motivo: string
}

/** What a verifier knows of one stream after the events it was given. */
export interface StreamState {
  /** Events seen. */
  events: number
  /** Revisions 0…N-1 written before chaining (vouched for by the first chained event, if any). */
  sinCadenaHasta: number
  /** The recomputed hash of the last event seen. */
  head: string
  ruptura: ChainBreak | null
}

/**
 * Recomputes chains from events given in log order (any number of streams, interleaved), keeping
 * only a small state per stream, so a whole log is checked in one pass. For each stream: revisions
 * must run 0, 1, 2, … with no gap; a chained event's `previo` must be the hash of the event before
 * it and its `hash` the hash of its own content; an unchained event after a chained one is a
 * break (the service never removes links). After a stream's first break, its later events are not
 * judged (every later hash differs anyway).
 */
export class ChainVerifier {
  readonly #streams = new Map<string, StreamState & { chained: boolean }>()

  add(event: RecordedEvent): void {
    let state = this.#streams.get(event.stream)
    if (!state) {
      state = { events: 0, sinCadenaHasta: 0, head: '', ruptura: null, chained: false }
      this.#streams.set(event.stream, state)
    }
    const index = state.events
    state.events += 1
    if (state.ruptura) return
    const fail = (motivo: string) => {
      state.ruptura = { stream: event.stream, revision: Number(event.revision), motivo }
    }
    if (event.revision !== BigInt(index))
      return fail(
        `se esperaba la revisión ${index} y aparece la ${event.revision}: falta, sobra o se movió un evento`,
      )
    const computed = eventHash(state.head, event)
    const link = linkOf(event)
    if (link === null) {
      if (state.chained) return fail('evento sin cadena después de eventos encadenados')
      state.sinCadenaHasta = index + 1
    } else {
      state.chained = true
      if (link.previo !== state.head)
        return fail('el hash previo no es el del evento anterior: se eliminó, reordenó o modificó un evento')
      if (link.hash !== computed)
        return fail('el contenido no coincide con su hash: el evento fue modificado')
    }
    state.head = computed
  }

  stream(name: string): StreamState | undefined {
    const state = this.#streams.get(name)
    if (!state) return undefined
    const { chained: _chained, ...result } = state
    return result
  }

  /** Every stream seen, with its state. */
  *streams(): Iterable<[string, StreamState]> {
    for (const name of this.#streams.keys()) yield [name, this.stream(name)!]
  }

  breaks(): ChainBreak[] {
    return [...this.#streams.values()].flatMap((state) => (state.ruptura ? [state.ruptura] : []))
  }
}

/** One stream's chain, checked (for a ticket's history). */
export function verifyStream(stream: string, events: readonly RecordedEvent[]): StreamState {
  const verifier = new ChainVerifier()
  for (const event of events) verifier.add(event)
  return verifier.stream(stream) ?? { events: 0, sinCadenaHasta: 0, head: '', ruptura: null }
}
