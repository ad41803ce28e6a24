import { TICKET_STREAM_PREFIX, ticketStream } from '../commands/streams.ts'
import type { EventStore, RecordedEvent } from '../eventstore/port.ts'

/** Where a ticket stood around one of its events: what the feed's scoping needs. */
export interface TicketFacts {
  ticketId: string
  codigo: string
  /** The area before the event (null for TicketCreado). */
  areaAntes: string | null
  /** The area the event left the ticket in. */
  area: string
}

interface Known {
  revision: bigint
  facts: TicketFacts
}

/**
 * The area and code of a ticket at each of its events, taken from the events themselves (not from
 * the read model, which shows the ticket's latest area: a batch holding an update in area A and
 * then a transfer to B must show the update to A). The last event seen of each ticket is kept
 * (bounded, oldest forgotten first); an event that does not follow the kept one — a resumed
 * client reading the past, or a ticket forgotten — is answered by folding the ticket's stream up
 * to that event.
 */
export class TicketFactsCache {
  readonly #known = new Map<string, Known>()

  constructor(
    private readonly store: EventStore,
    private readonly capacity = 10_000,
  ) {}

  async of(event: RecordedEvent): Promise<TicketFacts | null> {
    if (!event.stream.startsWith(TICKET_STREAM_PREFIX)) return null
    const ticketId = event.stream.slice(TICKET_STREAM_PREFIX.length)
    const known = this.#known.get(ticketId)
    if (known && known.revision === event.revision) return known.facts
    let before: TicketFacts | null
    if (event.revision === 0n) before = null
    else if (known && known.revision === event.revision - 1n) before = known.facts
    else before = await this.#fold(ticketId, event.revision)
    const facts = next(ticketId, before, event)
    if (!facts) return null
    if (!known || known.revision < event.revision)
      this.#remember(ticketId, { revision: event.revision, facts })
    return facts
  }

  /** The facts after the events before `revision`. */
  async #fold(ticketId: string, revision: bigint): Promise<TicketFacts | null> {
    const events = await this.store.readStream(ticketStream(ticketId), { maxCount: Number(revision) })
    let facts: TicketFacts | null = null
    for (const event of events) facts = next(ticketId, facts, event)
    return facts
  }

  #remember(ticketId: string, known: Known): void {
    this.#known.delete(ticketId)
    this.#known.set(ticketId, known)
    if (this.#known.size > this.capacity) {
      const oldest = this.#known.keys().next().value
      if (oldest !== undefined) this.#known.delete(oldest)
    }
  }
}

/** The facts after `event`: TicketCreado names the code and area, a change of area carries {antes, despues}. */
function next(ticketId: string, before: TicketFacts | null, event: RecordedEvent): TicketFacts | null {
  const data = (event.data ?? {}) as Record<string, unknown>
  if (event.type === 'TicketCreado')
    return { ticketId, codigo: String(data.codigo), areaAntes: null, area: String(data.area) }
  if (!before) return null
  const area = data.area as { antes?: unknown; despues?: unknown } | undefined
  const after =
    area && typeof area === 'object' && typeof area.despues === 'string' ? area.despues : before.area
  return { ticketId, codigo: before.codigo, areaAntes: before.area, area: after }
}
