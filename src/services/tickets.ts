import { linkOf, verifyStream } from '../audit/chain.ts'
import { ticketStream } from '../commands/streams.ts'
import type { CommandContext } from '../commands/context.ts'
import type { CrearTicketInput, TicketCommands } from '../commands/tickets.ts'
import { accessFor, type Caller, type Operation, type TicketOperation } from '../domain/roles.ts'
import type { SlaPolicy } from '../domain/sla.ts'
import { accionesFor } from '../domain/ticket-machine.ts'
import type { OperationBody } from '../domain/ticket-operations.ts'
import type { RecordedEvent } from '../eventstore/port.ts'
import type { PrivateEventStore } from '../privacy/private-store.ts'
import type { ReadModels } from '../projections/read-models.ts'
import type { DashboardPage, DashboardQuery } from '../projections/tickets/queries.ts'
import { ticketViewFromEvents } from '../projections/tickets/replay.ts'
import type {
  SeriesQuery,
  Statistics,
  StatisticsQuery,
  StatisticsSeries,
} from '../projections/tickets/statistics.ts'
import type { PublicTicketView, TicketDetail, TicketScope } from '../projections/tickets/view.ts'

/** A ticket as a staff member sees it: the read model's detail plus what they may do with it now. */
export type TicketForCaller = TicketDetail & { acciones: TicketOperation[] }

/** The answer to a command: the ticket as the command left it, and whether it was a repeat. */
export interface CommandOutcome<T> {
  ticket: T
  /** True when the request had been applied before (Idempotency-Key): nothing new was written. */
  replayed: boolean
}

/** One event of a ticket's history, as DESIGN §7's `historial` shows it. */
export interface HistoryEntry {
  revision: number
  tipo: string
  fecha: string
  actor: RecordedEvent['metadata']['actor']
  /** The event's data: every ticket event's data is an object (domain/ticket.ts). */
  datos: Record<string, unknown>
  requestId?: string
  correlationId?: string
  /** Tamper evidence of the event (docs/audit.md), recomputed from the log on every read (historial). */
  verificacion?: Verificacion
}

/** One event's tamper evidence. */
export interface Verificacion {
  hash: string | null
  estado: 'intacta' | 'sin-cadena' | 'rota'
}

/** A ticket's chain, checked: how far it holds, and where it breaks. */
export interface ChainCheck {
  eventos: number
  sinCadenaHasta: number
  intacta: boolean
  ruptura: { revision: number; motivo: string } | null
  hash: string
}

/** A ticket event as `historial` shows it (also the live feed's payload, src/feed). */
export function historyEntry(event: RecordedEvent): HistoryEntry {
  return {
    revision: Number(event.revision),
    tipo: event.type,
    fecha: event.metadata.occurredAt,
    actor: event.metadata.actor,
    datos: event.data as Record<string, unknown>,
    ...(event.metadata.requestId ? { requestId: event.metadata.requestId } : {}),
    ...(event.metadata.correlationId ? { correlationId: event.metadata.correlationId } : {}),
  }
}

/** The ticket did not exist, or lies outside the caller's scope: both answer alike. */
export class TicketNotFoundError extends Error {
  override readonly name = 'TicketNotFoundError'
}

export interface TicketServiceOptions {
  sla: SlaPolicy
  now: () => Date
  /** Waits until the read models show `position` (read-your-writes). */
  settle(position: string | null): Promise<void>
}

/**
 * The ticket application service: what the API and the web pages call, one function per use.
 * Commands go to TicketCommands and are answered from the read models once they show the
 * command (read-your-writes); a repeated request is answered as it was the first time, folded
 * from the log. Reads apply the caller's scope (DESIGN §4) before anything is returned.
 */
export class TicketService {
  constructor(
    private readonly commands: TicketCommands,
    private readonly readModels: ReadModels,
    private readonly store: PrivateEventStore,
    private readonly options: TicketServiceOptions,
  ) {}

  async crear(input: CrearTicketInput, context: CommandContext): Promise<CommandOutcome<TicketDetail>> {
    const result = await this.commands.crear(input, context)
    await this.options.settle(result.position)
    const ticket = result.replayed
      ? await this.#replayView(result.ticketId, 1)
      : this.readModels.tickets.ticket(result.ticketId, { area: null })
    if (!ticket) throw new TicketNotFoundError(result.ticketId)
    return { ticket, replayed: result.replayed }
  }

  async ejecutar<Op extends TicketOperation>(
    ticketId: string,
    operation: Op,
    body: OperationBody<Op>,
    caller: Caller,
    context: CommandContext,
  ): Promise<CommandOutcome<TicketForCaller>> {
    const result = await this.commands.ejecutar(ticketId, operation, body, caller, context)
    await this.options.settle(result.position)
    // A repeated request gets the answer of the first: the ticket as that command left it. The
    // answer carries the latest responses only (COMMAND_ANSWER_RESPONSES), so its cost is bounded.
    const ticket = result.replayed
      ? await this.#replayView(ticketId, Number(result.nextRevision) + 1, { latestResponses: true })
      : this.readModels.tickets.ticket(ticketId, { area: null }, { latestResponses: true })
    if (!ticket) throw new TicketNotFoundError(ticketId)
    return { ticket: { ...ticket, acciones: accionesFor(caller, ticket) }, replayed: result.replayed }
  }

  /**
   * The ticket now, or as it was at `asOf` (folded from the log up to that instant; no acciones,
   * since nothing can be done to the past). null when missing, out of scope, or not yet created.
   */
  async ver(ticketId: string, caller: Caller, asOf?: Date): Promise<TicketForCaller> {
    const current = this.readModels.tickets.ticket(ticketId, scopeFor('ver', caller))
    if (!current) throw new TicketNotFoundError(ticketId)
    if (!asOf) return { ...current, acciones: accionesFor(caller, current) }
    const events = (await this.store.readStream(ticketStream(ticketId))).filter(
      (event) => new Date(event.metadata.occurredAt) <= asOf,
    )
    const past = ticketViewFromEvents(events, this.options.sla, () => asOf)
    if (!past) throw new TicketNotFoundError(ticketId)
    return { ...past, acciones: [] }
  }

  /** Every event of the ticket, in order, from the event store (the auditors' view). */
  async historial(
    ticketId: string,
    caller: Caller,
  ): Promise<Array<HistoryEntry & { verificacion: Verificacion }>> {
    if (!this.readModels.tickets.ticket(ticketId, scopeFor('ver', caller)))
      throw new TicketNotFoundError(ticketId)
    // The chain is checked on the events as stored (personal data sealed), shown opened.
    const stored = await this.store.log.readStream(ticketStream(ticketId))
    const check = verifyStream(ticketStream(ticketId), stored)
    const events = await this.store.open(stored)
    const estadoOf = (revision: number) =>
      revision < check.sinCadenaHasta
        ? ('sin-cadena' as const)
        : check.ruptura && revision >= check.ruptura.revision
          ? ('rota' as const)
          : ('intacta' as const)
    return events.map((event) => ({
      ...historyEntry(event),
      verificacion: { hash: linkOf(event)?.hash ?? null, estado: estadoOf(Number(event.revision)) },
    }))
  }

  /** The ticket's hash chain, recomputed from the event store. */
  async verificacion(ticketId: string, caller: Caller): Promise<ChainCheck> {
    if (!this.readModels.tickets.ticket(ticketId, scopeFor('ver', caller)))
      throw new TicketNotFoundError(ticketId)
    const check = verifyStream(
      ticketStream(ticketId),
      await this.store.log.readStream(ticketStream(ticketId)),
    )
    return {
      eventos: check.events,
      sinCadenaHasta: check.sinCadenaHasta,
      intacta: check.ruptura === null,
      ruptura: check.ruptura ? { revision: check.ruptura.revision, motivo: check.ruptura.motivo } : null,
      hash: check.head,
    }
  }

  dashboard(query: DashboardQuery, caller: Caller): DashboardPage {
    return this.readModels.tickets.dashboard(query, scopeFor('dashboard', caller))
  }

  estadisticas(query: StatisticsQuery, caller: Caller): Statistics {
    return this.readModels.tickets.statistics(query, scopeFor('estadisticas', caller))
  }

  /** The same figures over time, for the console's charts (same operation, same scope). */
  estadisticasEnElTiempo(query: SeriesQuery, caller: Caller): StatisticsSeries {
    return this.readModels.tickets.statisticsSeries(query, scopeFor('estadisticas', caller))
  }

  /** The requester's lookup by code and email; null for a wrong code and a wrong email alike. */
  consultar(codigo: string, email: string): PublicTicketView | null {
    return this.readModels.tickets.publicLookup(codigo, email)
  }

  /** Tickets filed with a USUARIO account. */
  deSolicitante(userId: string): PublicTicketView[] {
    return this.readModels.tickets.ticketsOfRequester(userId)
  }

  /** The ticket as the first `revisions` events of its stream left it. */
  async #replayView(
    ticketId: string,
    revisions: number,
    options: { latestResponses?: boolean } = {},
  ): Promise<TicketDetail | null> {
    const events = await this.store.readStream(ticketStream(ticketId), { maxCount: revisions })
    return ticketViewFromEvents(events, this.options.sla, this.options.now, options)
  }
}

/** What the caller may see of the tickets for `operation`: all, or their own area's. */
function scopeFor(operation: Operation, caller: Caller): TicketScope {
  return accessFor(operation, caller) === 'own_area'
    ? { area: caller.area ?? '\u0000no-area' }
    : { area: null }
}
