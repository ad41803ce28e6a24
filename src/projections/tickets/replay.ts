import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../domain/sla.ts'
import type { RecordedEvent } from '../../eventstore/port.ts'
import { openReadModel } from '../database.ts'
import { ticketsProjector } from './projector.ts'
import { TicketQueries } from './queries.ts'
import type { TicketDetail } from './view.ts'

/**
 * The ticket view folded from a list of its events — for `?asOf=` and for answering a repeated
 * request as it was first answered. It runs the very projector that feeds the read models, on a
 * throw-away in-memory database, so the two can never disagree.
 */
export function ticketViewFromEvents(
  events: readonly RecordedEvent[],
  sla: SlaPolicy = DEFAULT_SLA_POLICY,
  now: () => Date = () => new Date(),
  { latestResponses = false } = {},
): TicketDetail | null {
  const first = events[0]
  if (!first) return null
  const db = openReadModel(':memory:')
  try {
    const projector = ticketsProjector(db, sla)
    db.transaction(() => {
      for (const event of events) projector.apply(event)
    })()
    return new TicketQueries(db, { sla, now }).ticket(
      first.stream.slice('ticket-'.length),
      { area: null },
      { latestResponses },
    )
  } finally {
    db.close()
  }
}
