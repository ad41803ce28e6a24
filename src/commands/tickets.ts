import { DomainError } from '../domain/errors.ts'
import { accessFor, type Caller, mayActOnTicket, type TicketOperation } from '../domain/roles.ts'
import {
  type AgenteCandidato,
  type CrearCommand,
  createTicketDecider,
  type Solicitante,
  TICKET_COMMANDS,
  type TicketCommand,
  type TicketEvent,
  type TicketState,
} from '../domain/ticket.ts'
import { createUserDecider, type UserState } from '../domain/user.ts'
import type { OperationBody } from '../domain/ticket-operations.ts'
import { type EventStore, WrongExpectedVersionError } from '../eventstore/port.ts'
import { buildMetadata, type CommandContext, eventIdsFor, type Runtime } from './context.ts'
import { type HandleResult, handleCommand, LruStateCache, loadState, type StateCache } from './handler.ts'
import { canonicalJson } from '../lib/canonical-json.ts'
import { newTicketCode, uuidFromName } from './ids.ts'
import { KeyedLock } from './keyed-lock.ts'
import { codeReservationStream, reserve } from './reservations.ts'
import { ticketStream, userStream } from './streams.ts'

/** What a request to create a ticket says: the crear command without the id and code it is given. */
export type CrearTicketInput = Omit<CrearCommand['data'], 'id' | 'codigo'>

export type TicketResult = HandleResult<TicketState, TicketEvent> & { ticketId: string }

/**
 * Application service for tickets: gathers what a decision needs from outside the ticket's
 * stream (the agent's user record, a fresh code), checks the caller against DESIGN §4 on the state
 * being decided on, and runs the command handler.
 */
export class TicketCommands {
  readonly decider: ReturnType<typeof createTicketDecider>
  readonly #userDecider: ReturnType<typeof createUserDecider>
  readonly #locks = new KeyedLock()
  /** Folded tickets by stream, so a command reads only the events since the last one. */
  readonly #states = new LruStateCache<TicketState>()
  /** Folded user streams of agents, for assignments (re-validated against newer events on each use). */
  readonly #agents = new LruStateCache<UserState>(1_000)

  constructor(
    private readonly store: EventStore,
    private readonly runtime: Runtime,
    areas: readonly string[],
  ) {
    this.decider = createTicketDecider({ areas })
    this.#userDecider = createUserDecider({ areas })
  }

  async crear(input: CrearTicketInput, context: CommandContext): Promise<TicketResult> {
    const now = this.runtime.now()
    const ticketId = context.idempotencyKey ? keyedTicketId(input, context) : this.runtime.newId()
    const stream = ticketStream(ticketId)
    const eventId = eventIdsFor(context, `crear:${ticketId}`, this.runtime)
    const metadata = buildMetadata(context, now)

    const existing = await this.store.readStream(stream, { maxCount: 1 })
    if (existing.length > 0) {
      return { ...(await this.#run(stream, null, eventId, metadata, context)), ticketId }
    }
    // Decide before reserving a code (as user creation does before reserving the email): a
    // rejected request must leave nothing behind in the log. The decider is pure and does not
    // look at the code, so a placeholder stands in for the one not drawn yet.
    if (context.expectedRevision !== undefined) {
      throw new WrongExpectedVersionError(stream, context.expectedRevision, 'no_stream')
    }
    this.decider.decide(
      { type: 'crear', data: { id: ticketId, codigo: 'TK-000000', ...input } },
      this.decider.initialState(),
    )
    const codigo = await this.#reserveCode(ticketId, metadata)
    const command: TicketCommand = { type: 'crear', data: { id: ticketId, codigo, ...input } }
    return { ...(await this.#run(stream, command, eventId, metadata, context)), ticketId }
  }

  /** One of the eight operations on a ticket, `body` as validated against the operation table. */
  async ejecutar<Op extends TicketOperation>(
    ticketId: string,
    operation: Op,
    body: OperationBody<Op>,
    caller: Caller,
    context: CommandContext,
  ): Promise<TicketResult> {
    const now = this.runtime.now()
    const agenteId = agenteIdOf(body)
    const agente = agenteId ? await this.agentSnapshot(agenteId) : null
    const command = TICKET_COMMANDS[operation](body, agente)
    const stream = ticketStream(ticketId)
    const eventId = eventIdsFor(context, `${operation}:${ticketId}`, this.runtime)
    const result = await this.#locks.run(stream, () =>
      handleCommand(
        this.store,
        this.decider,
        stream,
        (state) => {
          authorize(operation, caller, state)
          return command
        },
        {
          eventId,
          metadata: buildMetadata(context, now),
          expectedRevision: context.expectedRevision,
          // A repeated Idempotency-Key must be looked for in the whole stream.
          ...(context.idempotencyKey ? {} : { cache: this.#states as StateCache<unknown> }),
        },
      ),
    )
    return { ...result, ticketId }
  }

  /** The user named by agenteId, folded from its own stream: the source of truth, not a read model. */
  async agentSnapshot(userId: string): Promise<AgenteCandidato | null> {
    const state: UserState = await loadState(this.store, this.#userDecider, userStream(userId), this.#agents)
    if (state.status !== 'existe') return null
    return { id: state.id, nombre: state.nombre, rol: state.rol, area: state.area, activo: state.activo }
  }

  #run(
    stream: string,
    command: TicketCommand | null,
    eventId: (index: number) => string,
    metadata: ReturnType<typeof buildMetadata>,
    context: CommandContext,
  ) {
    return handleCommand(
      this.store,
      this.decider,
      stream,
      (state) => {
        // Only reached when the stream exists but holds no event of this request: a different
        // request reusing the key, or a retry racing its original. Either way: not a new ticket.
        if (command === null)
          throw new DomainError('conflict', 'Idempotency-Key ya usada para otro ticket', {
            estado: state.exists ? state.estado : undefined,
          })
        return command
      },
      { eventId, metadata, expectedRevision: context.expectedRevision },
    )
  }

  async #reserveCode(ticketId: string, metadata: ReturnType<typeof buildMetadata>): Promise<string> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const codigo = newTicketCode(this.runtime.randomBytes)
      try {
        await reserve(
          this.store,
          codeReservationStream(codigo),
          ticketId,
          metadata,
          async (owner) =>
            (await this.store.readStream(ticketStream(owner), { maxCount: 1 })).length > 0
              ? 'holds'
              : 'absent',
          `el código ${codigo}`,
        )
        return codigo
      } catch (error) {
        if (!(error instanceof DomainError && error.kind === 'conflict')) throw error
      }
    }
    throw new Error('could not find a free ticket code after 8 draws')
  }
}

/**
 * The id of a ticket created with an Idempotency-Key, so that a repeat lands on the same stream
 * and is recognised there by its event id. An account's key is its own (a different body with it
 * is then refused as a reused key). An anonymous key is shared by everyone who can type the
 * requester's email, so it is bound to the whole request too: only a byte-for-byte repeat (the
 * requester's own retry) finds the first ticket; any other body is a ticket of its own, and
 * learns nothing about the first one (see docs/decisions.md).
 */
function keyedTicketId(input: CrearTicketInput, context: CommandContext): string {
  const key = context.idempotencyKey!
  if (context.actor.id !== null) return uuidFromName('ticket', context.actor.id, key)
  if (context.requestFingerprint) return uuidFromName('ticket', 'anonimo', key, context.requestFingerprint)
  // Called without a fingerprint (not through HTTP): the whole input stands in for it.
  return uuidFromName('ticket', 'anonimo', key, canonicalJson(input))
}

/**
 * DESIGN §4 on the state the decision is made on. A ticket of another area answers exactly as a
 * missing one (no existence leak); an operation the role may never do is forbidden.
 */
function authorize(operation: TicketOperation, caller: Caller, state: TicketState): void {
  const access = accessFor(operation, caller)
  if (access === 'none')
    throw new DomainError('forbidden', `el rol ${caller.rol} no puede ${operation} tickets`)
  if (!state.exists) throw new DomainError('not_found', 'el ticket no existe')
  if (!mayActOnTicket(operation, caller, state.area))
    throw new DomainError('not_found', 'el ticket no existe')
}

/** The user an operation names (asignar, transferir), looked up before deciding. */
function agenteIdOf(body: OperationBody): string | null {
  return 'agenteId' in body ? (body.agenteId ?? null) : null
}
