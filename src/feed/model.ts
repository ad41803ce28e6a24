import type { RecordedEvent } from '../eventstore/port.ts'
import { accessFor, type Caller } from '../domain/roles.ts'
import type { TicketFacts } from './ticket-facts.ts'

/** One ticket event ready to send: its facts for scoping and its SSE frame, built once for all clients. */
export interface FeedItem {
  position: string
  facts: TicketFacts
  frame: string
}

/** Who holds a connection: checked again on every event and heartbeat. */
export interface FeedIdentity {
  userId: string
  tokenVersion: number
  caller: Caller
  /** When the token (and so the stream) ends, ms since the epoch. */
  expiresAt: number
}

export interface FeedLimits {
  heartbeatMs: number
  maxPerUser: number
  maxQueue: number
  drainTimeoutMs: number
}

/** Why a stream ended (sent as the `fin` event's `motivo` when the client can still read it). */
export type CloseReason =
  'sesion-revocada' | 'sesion-caducada' | 'servidor-cerrando' | 'cliente-lento' | 'cliente-desconectado'

/**
 * Whether `caller` may receive an event of a ticket (DESIGN §4, the dashboard's rule): ADMIN and
 * MESA every ticket; AREA the tickets of its area, judged at that event — before or after it, so
 * the event that moves a ticket out of the area (or into it) reaches both areas, and the ticket's
 * later events only the new one.
 */
export function mayReceive(caller: Caller, facts: TicketFacts): boolean {
  const access = accessFor('dashboard', caller)
  if (access === 'all') return true
  if (access === 'none' || !caller.area) return false
  return facts.area === caller.area || facts.areaAntes === caller.area
}

/** What a connection needs of the hub (src/feed/hub.ts implements it). */
export interface FeedHost {
  readonly limits: FeedLimits
  readonly position: string | null
  comparePositions(a: string | null, b: string | null): number
  revoked(identity: FeedIdentity): CloseReason | null
  read(after: string | null, maxCount: number): Promise<RecordedEvent[]>
  item(event: RecordedEvent): Promise<FeedItem | null>
  forget(connection: { readonly identity: FeedIdentity }, reason: CloseReason): void
}
