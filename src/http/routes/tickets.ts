import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ticketStream } from '../../commands/streams.ts'
import type { OperationBody } from '../../commands/tickets.ts'
import {
  accessFor,
  type Caller,
  mayActOnTicket,
  TICKET_OPERATIONS,
  type TicketOperation,
} from '../../domain/roles.ts'
import type { SlaStatus } from '../../domain/sla.ts'
import { operationsAllowedFrom } from '../../domain/ticket-machine.ts'
import type { TicketDetail as TicketDetailRecord, TicketScope } from '../../projections/queries.ts'
import { ticketViewFromEvents } from '../../projections/ticket-view.ts'
import { instantsOf, trimBodyStrings, validationProblem } from '../input.ts'
import { callerOf, requireAuth } from '../plugins/auth.ts'
import { ProblemError } from '../problems.ts'
import { commandContext, etag } from '../request-context.ts'
import {
  AsOfQuery,
  ConsultarBody,
  CrearBody,
  CrearReply,
  DashboardQuery,
  DashboardReply,
  HistoryReply,
  OPERATION_BODIES,
  Problem,
  PublicTicket,
  StatisticsQuery,
  StatisticsReply,
  TicketDetail,
  TicketIdParams,
} from '../schemas.ts'

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  412: Problem,
  422: Problem,
  503: Problem,
}
const security = [{ bearer: [] }]

/** Operations the caller may perform on the ticket now: the state machine ∩ DESIGN §4. */
export function accionesFor(
  caller: Caller,
  ticket: { estado: TicketDetailRecord['estado']; area: string },
): TicketOperation[] {
  return operationsAllowedFrom(ticket.estado).filter((operation) =>
    mayActOnTicket(operation, caller, ticket.area),
  )
}

function scopeOf(request: FastifyRequest, operation: 'dashboard' | 'ver'): TicketScope {
  const caller = callerOf(request)
  return accessFor(operation, caller) === 'own_area'
    ? { area: caller.area ?? '\u0000no-area' }
    : { area: null }
}

const notFound = () => new ProblemError('no-encontrado', 'No encontrado', 'El ticket no existe')

/** /api/tickets… (seed 002, DESIGN §7). */
export const ticketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const queries = app.readModels.queries
  // Blank-padded text is trimmed before the schema's minimum lengths apply (and stored trimmed).
  app.addHook('preValidation', trimBodyStrings)

  app.post(
    '/crear',
    {
      config: {
        auth: 'optional',
        rateLimit: { max: app.config.publicRateLimit.crearPerIpPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['tickets'],
        summary: 'Create a ticket (public; with a USUARIO token the requester comes from the account)',
        body: CrearBody,
        response: { 201: CrearReply, ...problems },
      },
    },
    async (request, reply) => {
      const { nombre, email, telefono, asunto, descripcion, categoria, prioridad, area } = request.body
      const account = request.auth?.user ?? null
      // A USUARIO always files as themself; staff may file on someone's behalf.
      const fromAccount =
        account !== null && (account.rol === 'USUARIO' || (nombre === undefined && email === undefined))
      const solicitante = fromAccount
        ? { nombre: account.nombre, email: account.email, telefono: telefono ?? account.telefono }
        : { nombre, email, telefono: telefono ?? null }
      if (!solicitante.nombre || !solicitante.email) {
        const errores = [
          ...(solicitante.nombre
            ? []
            : [{ campo: 'body.nombre', mensaje: 'es obligatorio sin token de usuario' }]),
          ...(solicitante.email
            ? []
            : [{ campo: 'body.email', mensaje: 'es obligatorio sin token de usuario' }]),
        ]
        throw validationProblem(errores)
      }
      const result = await app.tickets.crear(
        {
          asunto,
          descripcion,
          solicitante: {
            nombre: solicitante.nombre,
            email: solicitante.email.trim(),
            telefono: solicitante.telefono ?? null,
          },
          solicitanteId: fromAccount ? account.user_id : null,
          categoria,
          prioridad,
          area,
        },
        commandContext(request, solicitante.nombre),
      )
      await app.settle(result.position)
      // A repeat answers what the first request answered: the ticket as created, folded from the log.
      const created = result.replayed
        ? ticketViewFromEvents(
            await app.store.readStream(ticketStream(result.ticketId), { maxCount: 1 }),
            app.config.sla,
            app.runtimeNow,
          )
        : queries.ticket(result.ticketId, { area: null })
      if (!created) throw notFound()
      if (result.replayed) reply.header('idempotent-replayed', 'true')
      return reply
        .code(201)
        .header('location', `/api/tickets/${result.ticketId}`)
        .header('etag', etag(0))
        .send({ ...created, id: result.ticketId })
    },
  )

  app.post(
    '/consultar',
    {
      config: {
        auth: 'optional',
        rateLimit: { max: app.config.publicRateLimit.consultarPerIpPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['tickets'],
        summary: 'Requester status lookup by codigo + email (public)',
        body: ConsultarBody,
        response: { 200: PublicTicket, ...problems },
      },
    },
    async (request) => {
      const view = queries.publicLookup(request.body.codigo, request.body.email)
      // Wrong code and wrong email answer alike: nothing tells which one was wrong.
      if (!view)
        throw new ProblemError(
          'no-encontrado',
          'No encontrado',
          'No hay un ticket con ese código y ese email',
        )
      return view
    },
  )

  app.get(
    '/consultar',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Tickets filed with your own account',
        security,
        response: { 200: Type.Array(PublicTicket), ...problems },
      },
    },
    async (request) => queries.ticketsOfRequester(requireAuth(request).user.user_id),
  )

  app.get(
    '/dashboard',
    {
      config: { operation: 'dashboard' },
      schema: {
        tags: ['tickets'],
        summary: 'Dashboard: filters, keyset pagination, total and counts per estado (AREA: own area only)',
        security,
        querystring: DashboardQuery,
        response: { 200: DashboardReply, ...problems },
      },
    },
    async (request) => {
      const q = request.query
      const list = (value: string | undefined) =>
        value ? value.split(',').map((item) => item.trim().toUpperCase()) : undefined
      return queries.dashboard(
        {
          estado: list(q.estado),
          prioridad: list(q.prioridad),
          area: list(q.area),
          agenteId: q.agenteId,
          categoria: q.categoria,
          q: q.q,
          incluirArchivados: q.incluirArchivados === 'true',
          sla: list(q.sla) as SlaStatus[] | undefined,
          orden: q.orden,
          limit: q.limit ? Number(q.limit) : 50,
          cursor: q.cursor,
        },
        scopeOf(request, 'dashboard'),
      )
    },
  )

  app.get(
    '/estadisticas',
    {
      config: { operation: 'estadisticas' },
      schema: {
        tags: ['tickets'],
        summary:
          'Statistics over tickets created in [desde, hasta): counts, SLA compliance, times, rates (AREA: own area)',
        security,
        querystring: StatisticsQuery,
        response: { 200: StatisticsReply, ...problems },
      },
    },
    async (request) => {
      const { area } = request.query
      const { desde, hasta } = instantsOf(request.query, ['desde', 'hasta'])
      const caller = callerOf(request)
      const scope =
        accessFor('estadisticas', caller) === 'own_area'
          ? { area: caller.area ?? '\u0000no-area' }
          : { area: null }
      const instant = (value: number | undefined) =>
        value === undefined ? undefined : new Date(value).toISOString()
      return queries.statistics(
        { desde: instant(desde), hasta: instant(hasta), area: area?.trim().toUpperCase() },
        scope,
      )
    },
  )

  app.get(
    '/:id',
    {
      config: { operation: 'ver' },
      schema: {
        tags: ['tickets'],
        summary: 'Ticket detail with acciones and ETag; ?asOf=<ISO time> folds the log up to then',
        security,
        params: TicketIdParams,
        querystring: AsOfQuery,
        response: { 200: TicketDetail, ...problems },
      },
    },
    async (request, reply) => {
      const { asOf } = instantsOf(request.query, ['asOf'])
      const current = queries.ticket(request.params.id, scopeOf(request, 'ver'))
      if (!current) throw notFound()
      let ticket = current
      if (asOf !== undefined) {
        const until = new Date(asOf)
        const events = (await app.store.readStream(ticketStream(request.params.id))).filter(
          (event) => new Date(event.metadata.occurredAt) <= until,
        )
        const past = ticketViewFromEvents(events, app.config.sla, () => until)
        if (!past)
          throw new ProblemError(
            'no-encontrado',
            'No encontrado',
            `El ticket no existía en ${request.query.asOf}`,
          )
        ticket = past
      }
      reply.header('etag', etag(ticket.revision))
      return { ...ticket, acciones: asOf !== undefined ? [] : accionesFor(callerOf(request), ticket) }
    },
  )

  app.get(
    '/:id/historial',
    {
      config: { operation: 'ver' },
      schema: {
        tags: ['tickets'],
        summary: 'Every event of the ticket, in order, from the event store',
        security,
        params: TicketIdParams,
        response: { 200: HistoryReply, ...problems },
      },
    },
    async (request) => {
      if (!queries.ticket(request.params.id, scopeOf(request, 'ver'))) throw notFound()
      const events = await app.store.readStream(ticketStream(request.params.id))
      return events.map((event) => ({
        revision: Number(event.revision),
        tipo: event.type,
        fecha: event.metadata.occurredAt,
        actor: event.metadata.actor,
        datos: event.data,
        ...(event.metadata.requestId ? { requestId: event.metadata.requestId } : {}),
        ...(event.metadata.correlationId ? { correlationId: event.metadata.correlationId } : {}),
      }))
    },
  )

  for (const operation of TICKET_OPERATIONS) {
    app.post(
      `/:id/${operation}`,
      {
        config: { operation },
        schema: {
          tags: ['tickets'],
          summary: `${operation} (seed 002); If-Match for optimistic concurrency, Idempotency-Key for safe retries`,
          security,
          params: TicketIdParams,
          body: OPERATION_BODIES[operation],
          response: { 200: TicketDetail, ...problems },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request)
        const result = await app.tickets.ejecutar(
          request.params.id,
          { operation, body: request.body } as OperationBody,
          caller,
          commandContext(request),
        )
        await app.settle(result.position)
        let ticket: TicketDetailRecord | null
        if (result.replayed) {
          // A repeated request gets the answer of the first: the ticket as that command left it.
          reply.header('idempotent-replayed', 'true')
          ticket = ticketViewFromEvents(
            await app.store.readStream(ticketStream(request.params.id), {
              maxCount: Number(result.nextRevision) + 1,
            }),
            app.config.sla,
            app.runtimeNow,
          )
        } else {
          ticket = queries.ticket(request.params.id, { area: null })
        }
        if (!ticket) throw notFound()
        reply.header('etag', etag(ticket.revision))
        return { ...ticket, acciones: accionesFor(caller, ticket) }
      },
    )
  }
}
