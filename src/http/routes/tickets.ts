import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  TICKET_OPERATIONS,
  TICKET_OPERATIONS_TABLE,
  type OperationBody,
  type TicketOperation,
} from '../../domain/ticket-operations.ts'
import type { SlaStatus } from '../../domain/sla.ts'
import { instantsOf, trimBodyStrings, validationProblem } from '../input.ts'
import { callerOf, requireAuth } from '../plugins/auth.ts'
import { ProblemError } from '../problems.ts'
import { commandContext, etag } from '../request-context.ts'
import {
  AsOfQuery,
  ChainReply,
  ConsultarBody,
  CrearBody,
  CrearReply,
  DashboardQuery,
  DashboardReply,
  HistoryReply,
  Problem,
  PublicTicket,
  StatisticsQuery,
  StatisticsReply,
  TicketDetail,
  TicketIdParams,
} from '../schemas.ts'

// The problems each route's own logic raises; the ones every route of a kind can give (400, 401,
// 403, 413, 429, …) are added by the OpenAPI plugin from the route options (src/http/openapi.ts).
const notFound = { 404: Problem }
const unprocessable = { 422: Problem }
/** Reads that go to the event store (a fold, the history): 503 when it does not answer. */
const fromTheLog = { 404: Problem, 422: Problem, 503: Problem }
/** Commands: state machine (409), If-Match (412), catalogue and idempotency (422), store (503). */
const commandProblems = { 404: Problem, 409: Problem, 412: Problem, 422: Problem, 503: Problem }
type FastifyTypebox = Parameters<FastifyPluginAsyncTypebox>[0]

/** /api/tickets… (seed 002, DESIGN §7). */
export const ticketRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
        operationId: 'crearTicket',
        summary: 'Create a ticket (public; with a USUARIO token the requester comes from the account)',
        body: CrearBody,
        response: { 201: CrearReply, 409: Problem, 422: Problem, 503: Problem },
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
      const { ticket, replayed } = await app.tickets.crear(
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
      // A repeat answers what the first request answered: the ticket as created.
      if (replayed) reply.header('idempotent-replayed', 'true')
      return reply
        .code(201)
        .header('location', `/api/tickets/${ticket.id}`)
        .header('etag', etag(0))
        .send(ticket)
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
        operationId: 'consultarTicket',
        summary: 'Requester status lookup by codigo + email (public)',
        body: ConsultarBody,
        response: { 200: PublicTicket, ...notFound },
      },
    },
    async (request) => {
      const view = app.tickets.consultar(request.body.codigo, request.body.email)
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
        operationId: 'listMyTickets',
        summary: 'Tickets filed with your own account',
        response: { 200: Type.Array(PublicTicket) },
      },
    },
    async (request) => app.tickets.deSolicitante(requireAuth(request).user.user_id),
  )

  app.get(
    '/dashboard',
    {
      config: { operation: 'dashboard' },
      schema: {
        tags: ['tickets'],
        operationId: 'getDashboard',
        summary: 'Dashboard: filters, keyset pagination, total and counts per estado (AREA: own area only)',
        querystring: DashboardQuery,
        response: { 200: DashboardReply, ...unprocessable },
      },
    },
    async (request) => {
      const q = request.query
      const list = (value: string | undefined) =>
        value ? value.split(',').map((item) => item.trim().toUpperCase()) : undefined
      return app.tickets.dashboard(
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
        callerOf(request),
      )
    },
  )

  app.get(
    '/estadisticas',
    {
      config: { operation: 'estadisticas' },
      schema: {
        tags: ['tickets'],
        operationId: 'getEstadisticas',
        summary:
          'Statistics over tickets created in [desde, hasta): counts, SLA compliance, times, rates (AREA: own area)',
        querystring: StatisticsQuery,
        response: { 200: StatisticsReply, ...unprocessable },
      },
    },
    async (request) => {
      const { area } = request.query
      const { desde, hasta } = instantsOf(request.query, ['desde', 'hasta'])
      const instant = (value: number | undefined) =>
        value === undefined ? undefined : new Date(value).toISOString()
      return app.tickets.estadisticas(
        { desde: instant(desde), hasta: instant(hasta), area: area?.trim().toUpperCase() },
        callerOf(request),
      )
    },
  )

  app.get(
    '/:id',
    {
      config: { operation: 'ver' },
      schema: {
        tags: ['tickets'],
        operationId: 'getTicket',
        summary: 'Ticket detail with acciones and ETag; ?asOf=<ISO time> folds the log up to then',
        params: TicketIdParams,
        querystring: AsOfQuery,
        response: { 200: TicketDetail, ...fromTheLog },
      },
    },
    async (request, reply) => {
      const { asOf } = instantsOf(request.query, ['asOf'])
      const ticket = await app.tickets.ver(
        request.params.id,
        callerOf(request),
        asOf === undefined ? undefined : new Date(asOf),
      )
      reply.header('etag', etag(ticket.revision))
      return ticket
    },
  )

  app.get(
    '/:id/historial',
    {
      config: { operation: 'ver' },
      schema: {
        tags: ['tickets'],
        operationId: 'getHistorial',
        summary: 'Every event of the ticket, in order, from the event store',
        params: TicketIdParams,
        response: { 200: HistoryReply, ...fromTheLog },
      },
    },
    async (request) => {
      return app.tickets.historial(request.params.id, callerOf(request))
    },
  )

  app.get(
    '/:id/historial/verificacion',
    {
      config: { operation: 'ver' },
      schema: {
        tags: ['tickets'],
        operationId: 'verifyHistorial',
        summary: "The ticket's hash chain recomputed from the event store: intact, or where it breaks",
        params: TicketIdParams,
        response: { 200: ChainReply, ...fromTheLog },
      },
    },
    async (request) => app.tickets.verificacion(request.params.id, callerOf(request)),
  )

  for (const operation of TICKET_OPERATIONS) operationRoute(app, operation)
}

/**
 * POST /api/tickets/{id}/{operation}: body schema and OpenAPI entry from the operation table;
 * generic in the operation, so the compiler checks the validated body against its command.
 */
function operationRoute<Op extends TicketOperation>(app: FastifyTypebox, operation: Op): void {
  const spec = TICKET_OPERATIONS_TABLE[operation]
  app.post(
    `/:id/${operation}`,
    {
      config: { operation },
      schema: {
        tags: ['tickets'],
        operationId: `${operation}Ticket`, // asignarTicket, transferirTicket, …
        summary: `${operation}: ${spec.summary}`,
        description: 'If-Match for optimistic concurrency, Idempotency-Key for safe retries (seed 002)',
        params: TicketIdParams,
        body: spec.body,
        response: { 200: TicketDetail, ...commandProblems },
      },
    },
    async (request, reply) => {
      // fastify validated the body against this very schema; its type reaches here wrapped in
      // fastify's deferred conditional types for a generic Op, so it is named once, here. The
      // body → command step (TICKET_COMMANDS) is checked by the compiler.
      const validated = request.body as OperationBody<Op>
      const { ticket, replayed } = await app.tickets.ejecutar(
        request.params.id,
        operation,
        validated,
        callerOf(request),
        commandContext(request),
      )
      if (replayed) reply.header('idempotent-replayed', 'true')
      reply.header('etag', etag(ticket.revision))
      return ticket
    },
  )
}
