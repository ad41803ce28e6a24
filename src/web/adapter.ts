import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Actor, CommandContext } from '../commands/context.ts'
import { accessFor, AGENT_ROLES, type Caller, type Operation } from '../domain/roles.ts'
import { ACTUALIZAR_TARGETS, accionesFor } from '../domain/ticket-machine.ts'
import type { OperationBody, TicketOperation } from '../domain/ticket-operations.ts'
import type { Estado } from '../domain/catalogue.ts'
import { ProblemError } from '../http/problems.ts'
import type { DashboardPage, DashboardQuery } from '../projections/tickets/queries.ts'
import type { PublicTicketView, TicketDetail } from '../projections/tickets/view.ts'
import type {
  SeriesQuery,
  Statistics,
  StatisticsQuery,
  StatisticsSeries,
} from '../projections/tickets/statistics.ts'
import type { UserCredentials, UserRecord } from '../projections/users/view.ts'
import type { NewUserInput, UserPatch } from '../commands/users.ts'
import { type HistoryEntry, TicketNotFoundError, type TicketForCaller } from '../services/tickets.ts'

/**
 * The only module of the web front end that touches the service layer (command services, read
 * models, event store, JWT signer, access rules). Pages call these methods and nothing else, so
 * a rename in the application layer changes this file only. No rule lives here: each method
 * forwards to the same service or query the JSON API uses.
 */

/** The cookie that carries a staff member's session: the API's own JWT (see session()). */
export const SESSION_COOKIE = 'mesa_sesion'

/** A signed-in staff member, as the access rules see them. */
export interface WebSession {
  user: UserCredentials
  caller: Caller
  actor: Actor
}

export type { HistoryEntry }

export type LoginResult =
  { ok: true; token: string; mustChange: boolean } | { ok: false; waitSeconds: number }

export class WebServices {
  readonly #app: FastifyInstance

  constructor(app: FastifyInstance) {
    this.#app = app
  }

  get areas(): readonly string[] {
    return this.#app.config.areas
  }

  /** Time zone dates are shown (and datetime-local values read) in: the SLA calendar's, else UTC. */
  get timeZone(): string {
    return this.#app.config.sla.calendar?.timeZone ?? 'UTC'
  }

  get sessionSeconds(): number {
    return this.#app.config.jwtExpiresInSeconds
  }

  now(): Date {
    return this.#app.runtimeNow()
  }

  // ------------------------------------------------------------------------------------------
  // Session

  /**
   * The session cookie holds the very JWT the API issues, checked as src/http/plugins/auth.ts
   * checks a Bearer token: signature and expiry, then the user re-read from the read model, which
   * must be active and carry the token's version (role change, deactivation, deletion and
   * password reset all bump it).
   */
  session(token: string | undefined): WebSession | null {
    if (!token || !/^[A-Za-z0-9._~+/=-]+$/.test(token)) return null
    let claims: { sub: string; ver: number }
    try {
      claims = this.#app.jwt.verify(token)
    } catch {
      return null
    }
    const user = this.#app.readModels.users.credentialsById(String(claims.sub))
    if (!user || !user.is_active || user.token_version !== claims.ver) return null
    return {
      user,
      caller: { rol: user.rol, area: user.area },
      actor: { id: user.user_id, rol: user.rol, nombre: user.nombre },
    }
  }

  /** The service's login (app.login: the API's policy and counters), as a page needs its outcome. */
  async login(request: FastifyRequest, email: string, password: string): Promise<LoginResult> {
    try {
      const { token, user } = await this.#app.login(request, email, password)
      return { ok: true, token, mustChange: user.must_change_password }
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error
      const wait = Number(error.headers['retry-after'] ?? 0)
      return { ok: false, waitSeconds: error.problem === 'demasiadas-peticiones' ? Math.max(1, wait) : 0 }
    }
  }

  /** Changes the caller's password; returns a fresh token (the change revoked the old one). */
  async changePassword(
    session: WebSession,
    actual: string,
    nuevo: string,
    context: CommandContext,
  ): Promise<string> {
    const result = await this.#app.users.cambiarPassword(session.user.user_id, actual, nuevo, context)
    await this.#app.settle(result.position)
    const version =
      result.state.status === 'existe' ? result.state.tokenVersion : session.user.token_version + 1
    return this.#sign(session.user.user_id, version, session.user.rol)
  }

  #sign(sub: string, ver: number, rol: string): string {
    return this.#app.jwt.sign({ sub, ver, rol })
  }

  /** What a command records about who acted and which request did it. */
  context(
    session: WebSession | null,
    requestId: string,
    options: { actorName?: string; expectedRevision?: bigint } = {},
  ): CommandContext {
    const context: CommandContext = {
      actor: session?.actor ?? { id: null, rol: 'ANONIMO', nombre: options.actorName ?? 'anónimo' },
      requestId,
      correlationId: requestId,
    }
    if (options.expectedRevision !== undefined) context.expectedRevision = options.expectedRevision
    return context
  }

  // ------------------------------------------------------------------------------------------
  // Access rules (src/domain/roles.ts)

  may(operation: Operation, caller: Caller): boolean {
    return accessFor(operation, caller) !== 'none'
  }

  /** Operations the caller may perform on the ticket now: the state machine ∩ DESIGN §4. */
  acciones(caller: Caller, ticket: { estado: Estado; area: string }): TicketOperation[] {
    return accionesFor(caller, ticket)
  }

  actualizarTargets(estado: Estado): readonly Estado[] {
    return ACTUALIZAR_TARGETS[estado] ?? []
  }

  // ------------------------------------------------------------------------------------------
  // Tickets

  async createTicket(
    input: {
      asunto: string
      descripcion: string
      nombre: string
      email: string
      telefono?: string | null
      categoria?: string | null
    },
    context: CommandContext,
  ): Promise<string> {
    const { ticket } = await this.#app.tickets.crear(
      {
        asunto: input.asunto,
        descripcion: input.descripcion,
        solicitante: { nombre: input.nombre, email: input.email.trim(), telefono: input.telefono ?? null },
        solicitanteId: null,
        categoria: input.categoria ?? null,
      },
      context,
    )
    return ticket.codigo
  }

  lookup(codigo: string, email: string): PublicTicketView | null {
    return this.#app.tickets.consultar(codigo, email)
  }

  /**
   * The requester's view a signed status link opens (e-mails, issue 15): null for a tampered,
   * expired or stale link, exactly as lookup() answers a wrong code.
   */
  lookupByLink(token: string): PublicTicketView | null {
    let found: { codigo: string; email: string } | null = null
    const id = this.#app.statusLinks.verify(token, this.now(), (ticketId) => {
      const ticket = this.#app.readModels.tickets.ticket(ticketId, { area: null })
      found = ticket ? { codigo: ticket.codigo, email: ticket.solicitante.email } : null
      return found?.email ?? null
    })
    const ticket = found as { codigo: string; email: string } | null
    return id && ticket ? this.lookup(ticket.codigo, ticket.email) : null
  }

  /** Whether e-mail is sent at all (SMTP_URL set). */
  get mailEnabled(): boolean {
    return this.#app.correo.enabled
  }

  /** Recent e-mail deliveries, newest first (GET /api/notificaciones/entregas). */
  async deliveries(limit: number, antes: number | null) {
    return {
      ...this.#app.correo.deliveries.page(limit, antes),
      activo: this.#app.correo.enabled,
      pendientes: await this.#app.correo.backlog(),
    }
  }

  dashboard(query: DashboardQuery, caller: Caller): DashboardPage {
    return this.#app.tickets.dashboard(query, caller)
  }

  /** The ticket, or null when it does not exist or lies outside the caller's area (alike). */
  async ticket(id: string, caller: Caller): Promise<TicketForCaller | null> {
    return orNull(this.#app.tickets.ver(id, caller))
  }

  /** The ticket as it was at `until`, folded from its log (GET /api/tickets/:id?asOf=). */
  async ticketAsOf(id: string, caller: Caller, until: Date): Promise<TicketDetail | null> {
    return orNull(this.#app.tickets.ver(id, caller, until))
  }

  async history(id: string, caller: Caller): Promise<HistoryEntry[]> {
    return this.#app.tickets.historial(id, caller)
  }

  /**
   * Runs one of the eight operations through the same service as POST /api/tickets/:id/:op;
   * `body` has been validated against the operation's schema.
   */
  async run(
    id: string,
    operation: TicketOperation,
    body: OperationBody,
    caller: Caller,
    context: CommandContext,
  ): Promise<void> {
    await this.#app.tickets.ejecutar(id, operation, body, caller, context)
  }

  // ------------------------------------------------------------------------------------------
  // Users (for pickers)

  /** Active users who can be given tickets (ADMIN, MESA, AREA). */
  activeAgents(): UserRecord[] {
    return this.#app.readModels.users
      .users({ is_active: true })
      .filter((user) => AGENT_ROLES.includes(user.rol))
  }

  /** Active agents who may take a ticket of `area`: an AREA agent only for their own area. */
  agentsFor(area: string): UserRecord[] {
    return this.activeAgents().filter((user) => user.rol !== 'AREA' || user.area === area)
  }

  // ------------------------------------------------------------------------------------------
  // Users (the console's Usuarios page: the same commands and read model as /api/auth/users)

  users(filter: { rol?: string; area?: string; is_active?: boolean; q?: string }): UserRecord[] {
    return this.#app.readModels.users.users(filter)
  }

  user(id: string): UserRecord | null {
    return this.#app.readModels.users.user(id)
  }

  /** POST /api/auth/users: the new user must change the password at first login. */
  async createUser(input: NewUserInput, context: CommandContext): Promise<string> {
    const result = await this.#app.users.crear(input, context, { mustChangePassword: true })
    await this.#app.settle(result.position)
    return result.userId
  }

  /** PATCH /api/auth/users/:id (a `password` is an admin reset: forces a change at next login). */
  async updateUser(id: string, patch: UserPatch, context: CommandContext): Promise<void> {
    const result = await this.#app.users.actualizar(id, patch, context)
    await this.#app.settle(result.position)
  }

  /** DELETE /api/auth/users/:id. */
  async deleteUser(id: string, context: CommandContext): Promise<void> {
    const result = await this.#app.users.eliminar(id, context)
    await this.#app.settle(result.position)
  }

  // ------------------------------------------------------------------------------------------
  // Statistics (GET /api/tickets/estadisticas, and its figures over time)

  statistics(query: StatisticsQuery, caller: Caller): Statistics {
    return this.#app.tickets.estadisticas(query, caller)
  }

  statisticsSeries(query: SeriesQuery, caller: Caller): StatisticsSeries {
    return this.#app.tickets.estadisticasEnElTiempo(query, caller)
  }
}

/** A missing ticket, or one outside the caller's scope, as null. */
async function orNull<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup
  } catch (error) {
    if (error instanceof TicketNotFoundError) return null
    throw error
  }
}
