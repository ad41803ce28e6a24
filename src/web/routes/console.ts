import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { ESTADOS, PRIORIDADES } from '../../domain/catalogue.ts'
import {
  type OperationBody,
  TICKET_OPERATIONS,
  TICKET_OPERATIONS_TABLE,
  type TicketOperation,
} from '../../domain/ticket-operations.ts'
import { DashboardQuery, LoginBody, PasswordBody } from '../../http/schemas.ts'
import { InvalidCursorError } from '../../projections/tickets/cursor.ts'
import type { TicketDetail } from '../../projections/tickets/view.ts'
import { serveFeed } from '../../feed/plugin.ts'
import { SESSION_COOKIE } from '../adapter.ts'
import { type FormFailure, failureOf, type FieldErrors, formFields, validate } from '../forms.ts'
import { fromDatetimeLocal, toDatetimeLocal } from '../format.ts'
import { chainSummary, historyView, safeReturnPath } from '../view-models.ts'
import { notificationPages } from './notificaciones.ts' // issue 15 §1
import { statisticsRoutes } from './statistics.ts'
import { userRoutes } from './users.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DASHBOARD_FIELDS = [
  'estado',
  'prioridad',
  'area',
  'agenteId',
  'categoria',
  'q',
  'orden',
  'cursor',
] as const
/** The fields each operation's form sends (cancelar's `rol` is fixed: staff cancel as AGENTE). */
/** The form fields of each operation: its body's, from the operation table. */
const fieldsOf = (operation: TicketOperation): string[] =>
  Object.keys(TICKET_OPERATIONS_TABLE[operation].body.properties)

/** What went wrong on one operation's form, to show on that form. */
interface OperationOutcome {
  operation: TicketOperation
  values: Record<string, string>
  errors: FieldErrors
  message?: string
  acciones?: readonly string[]
}

/**
 * The staff console at /app: session pages, the dashboard and the ticket page. Every page but
 * the login checks the session cookie on each request (see the hook below).
 */
export const consoleRoutes: FastifyPluginAsync = async (app) => {
  const web = app.web
  const production = process.env.NODE_ENV === 'production'
  const setSession = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: production,
      maxAge: web.sessionSeconds,
    })
  const clearSession = (reply: FastifyReply) =>
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: production })
  const toLogin = (request: FastifyRequest) =>
    `/app/login?volver=${encodeURIComponent(returnPathOf(request))}`

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config?.web ?? 'staff'
    const token = request.cookies[SESSION_COOKIE]
    request.webSession = web.session(token)
    if (access === 'public') return
    const session = request.webSession
    if (!session) {
      // Expired, revoked or never there: back to the login, then to the page asked for.
      if (token) clearSession(reply)
      return reply.redirect(toLogin(request), 303)
    }
    if (session.user.must_change_password && access !== 'password')
      return reply.redirect(`/app/password?volver=${encodeURIComponent(returnPathOf(request))}`, 303)
    if (access === 'staff' && !web.may('dashboard', session.caller))
      return reply.page(
        'error',
        { title: 'Sin acceso', message: 'Su cuenta no tiene acceso a la consola.' },
        403,
      )
  })

  await app.register(notificationPages) // /app/notificaciones (issue 15 §1)

  app.setNotFoundHandler((_request, reply) =>
    reply.page('error', { title: 'No encontrado', message: 'La página no existe.' }, 404),
  )

  // ------------------------------------------------------------------------------------------
  // Session

  app.get('/login', { config: { web: 'public' } }, (request, reply) => {
    const volver = safeReturnPath((request.query as Record<string, unknown>).volver)
    if (request.webSession && !request.webSession.user.must_change_password)
      return reply.redirect(volver ?? '/app', 303)
    return reply.page('console/login', { title: 'Iniciar sesión', values: {}, errors: {}, volver })
  })

  app.post(
    '/login',
    {
      // Every attempt counts against the IP, as on POST /api/auth/login; app.login adds the
      // failure limits per (IP, email) and per email, shared with the API.
      config: {
        web: 'public',
        rateLimit: { max: app.config.loginRateLimit.perIpPerMinute, timeWindow: 60_000 },
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const values = formFields(request.body, ['email', 'password', 'volver'])
      const volver = safeReturnPath(values.volver)
      const show = (status: number, message?: string, errors: FieldErrors = {}) =>
        reply.page(
          'console/login',
          { title: 'Iniciar sesión', values: { email: values.email }, errors, volver, message },
          status,
        )
      const errors = validate(LoginBody, { email: values.email, password: values.password })
      if (Object.keys(errors).length > 0) return show(400, undefined, errors)
      const result = await web.login(request, values.email!, values.password!)
      if (!result.ok) {
        if (result.waitSeconds > 0) {
          reply.header('retry-after', String(result.waitSeconds))
          return show(429, `Demasiados intentos. Espere ${result.waitSeconds} s y vuelva a intentarlo.`)
        }
        return show(401, 'Email o contraseña incorrectos, o la cuenta está desactivada.')
      }
      setSession(reply, result.token)
      if (result.mustChange)
        return reply.redirect(`/app/password${volver ? `?volver=${encodeURIComponent(volver)}` : ''}`, 303)
      return reply.redirect(volver ?? '/app', 303)
    },
  )

  app.post('/logout', { config: { web: 'public' }, preHandler: app.csrfProtection }, (_request, reply) => {
    clearSession(reply)
    return reply.redirect('/app/login', 303)
  })

  app.get('/password', { config: { web: 'password' } }, (request, reply) =>
    reply.page('console/password', {
      title: 'Cambiar la contraseña',
      errors: {},
      volver: safeReturnPath((request.query as Record<string, unknown>).volver),
      forced: request.webSession!.user.must_change_password,
    }),
  )

  app.post(
    '/password',
    { config: { web: 'password' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const session = request.webSession!
      const values = formFields(request.body, [
        'passwordActual',
        'passwordNuevo',
        'passwordRepetido',
        'volver',
      ])
      const volver = safeReturnPath(values.volver)
      const show = (status: number, errors: FieldErrors, message?: string) =>
        reply.page(
          'console/password',
          {
            title: 'Cambiar la contraseña',
            errors,
            volver,
            message,
            forced: session.user.must_change_password,
          },
          status,
        )
      const body = { passwordActual: values.passwordActual, passwordNuevo: values.passwordNuevo }
      const errors = validate(PasswordBody, body)
      if (!errors.passwordNuevo && values.passwordNuevo !== values.passwordRepetido)
        errors.passwordRepetido = 'Las dos contraseñas nuevas no coinciden.'
      if (Object.keys(errors).length > 0) return show(400, errors)
      try {
        const token = await web.changePassword(
          session,
          body.passwordActual!,
          body.passwordNuevo!,
          web.context(session, request.id),
        )
        setSession(reply, token)
        return reply.redirect(volver ?? '/app', 303)
      } catch (error) {
        const failure = failureOf(error)
        if (!failure) throw error
        return show(failure.status, failure.fields, failure.message)
      }
    },
  )

  // ------------------------------------------------------------------------------------------
  // Tablero

  app.get('/', async (request, reply) => {
    const session = request.webSession!
    const raw = formFields(request.query, [...DASHBOARD_FIELDS, 'incluirArchivados'])
    const errors = validate(DashboardQuery, raw)
    // A filter that does not validate is left out (and marked), the rest still apply.
    const filters: Record<string, string> = {}
    for (const [name, value] of Object.entries(raw)) if (!errors[name]) filters[name] = value
    const orden = (filters.orden ?? 'vencimiento') as 'vencimiento'
    const query = {
      ...(filters.estado ? { estado: filters.estado.split(',') } : {}),
      ...(filters.prioridad ? { prioridad: filters.prioridad.split(',') } : {}),
      ...(filters.area ? { area: filters.area.toUpperCase().split(',') } : {}),
      ...(filters.agenteId ? { agenteId: filters.agenteId } : {}),
      ...(filters.categoria ? { categoria: filters.categoria } : {}),
      ...(filters.q ? { q: filters.q } : {}),
      incluirArchivados: filters.incluirArchivados === 'true',
      orden,
      limit: 25,
    }
    let message: string | undefined
    let result
    try {
      result = web.dashboard(
        { ...query, ...(filters.cursor ? { cursor: filters.cursor } : {}) },
        session.caller,
      )
    } catch (error) {
      if (!(error instanceof InvalidCursorError)) throw error
      message = 'El enlace de paginación no es válido: se muestra la primera página.'
      delete filters.cursor
      result = web.dashboard(query, session.caller)
    }
    const { cursor: _cursor, ...withoutCursor } = filters
    const link = (extra: Record<string, string>) => {
      const params = new URLSearchParams({ ...withoutCursor, ...extra })
      const text = params.toString()
      return text ? `/app?${text}` : '/app'
    }
    return reply.page('console/tablero', {
      title: 'Tablero',
      filters,
      errors,
      message,
      result,
      estados: ESTADOS,
      prioridades: PRIORIDADES,
      areas: session.caller.rol === 'AREA' ? [session.caller.area] : web.areas,
      agents: web.activeAgents(),
      nextUrl: result.nextCursor ? link({ cursor: result.nextCursor }) : null,
      firstUrl: filters.cursor ? link({}) : null,
      estadoUrl: (estado: string) => link({ estado }),
    })
  })

  // ------------------------------------------------------------------------------------------
  // Live updates (issue 15 §3): the API's feed, for the session cookie (EventSource cannot send
  // an Authorization header). Same origin: the cookie is SameSite=Lax and the CSP's default-src
  // 'self' lets only our own pages connect.

  app.get('/eventos', { exposeHeadRoute: false }, (request, reply) => {
    const session = request.webSession!
    // Browsers say where a request comes from: only the console's own pages may open the stream.
    const site = request.headers['sec-fetch-site']
    if (site !== undefined && site !== 'same-origin')
      return reply.page('error', { title: 'Sin acceso', message: 'Solo desde la consola.' }, 403)
    serveFeed(request, reply, {
      userId: session.user.user_id,
      caller: session.caller,
      token: request.cookies[SESSION_COOKIE]!,
    })
  })

  // ------------------------------------------------------------------------------------------
  // Ticket

  const notFound = (reply: FastifyReply) =>
    reply.page(
      'error',
      { title: 'No encontrado', message: 'El ticket no existe o no está a su alcance.' },
      404,
    )

  async function renderTicket(
    request: FastifyRequest,
    reply: FastifyReply,
    ticket: TicketDetail,
    extra: {
      outcome?: OperationOutcome
      stale?: boolean
      done?: string
      past?: TicketDetail | null
      asOf?: string
      asOfError?: string
    } = {},
    status = 200,
  ) {
    const session = request.webSession!
    const shown = extra.past ?? ticket
    const entries = await web.history(ticket.id, session.caller)
    return reply.page(
      'console/ticket',
      {
        title: `${ticket.codigo} · ${ticket.asunto}`,
        ticket: shown,
        current: ticket,
        past: Boolean(extra.past),
        acciones: extra.past ? [] : web.acciones(session.caller, ticket),
        outcome: extra.outcome ?? null,
        stale: extra.stale ?? false,
        done: extra.done ?? null,
        asOf: extra.asOf ?? toDatetimeLocal(web.now(), web.timeZone),
        asOfError: extra.asOfError ?? null,
        history: historyView(entries),
        cadena: chainSummary(historyView(entries)),
        options: {
          agentes: web.agentsFor(ticket.area).filter((agent) => agent.user_id !== ticket.agenteId),
          agentesTransferencia: web.activeAgents(),
          areas: web.areas,
          areasTransferencia: web.areas.filter((area) => area !== ticket.area),
          prioridades: PRIORIDADES,
          estadosActualizar: web.actualizarTargets(ticket.estado),
        },
      },
      status,
    )
  }

  app.get('/tickets/:id', async (request, reply) => {
    const { id } = request.params as { id: string }
    const session = request.webSession!
    const ticket = UUID.test(id) ? await web.ticket(id, session.caller) : null
    if (!ticket) return notFound(reply)
    const query = request.query as Record<string, unknown>
    const done =
      typeof query.hecho === 'string' && query.hecho in TICKET_OPERATIONS_TABLE ? query.hecho : undefined
    if (typeof query.ver === 'string' && query.ver !== '') {
      const until = fromDatetimeLocal(query.ver, web.timeZone)
      if (!until) return renderTicket(request, reply, ticket, { asOfError: 'La fecha no es válida.' }, 400)
      const past = await web.ticketAsOf(id, session.caller, until)
      if (!past)
        return renderTicket(request, reply, ticket, {
          asOf: query.ver,
          asOfError: 'El ticket todavía no existía en esa fecha.',
        })
      return renderTicket(request, reply, ticket, { past, asOf: query.ver })
    }
    return renderTicket(request, reply, ticket, done ? { done } : {})
  })

  app.post('/tickets/:id/:operation', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id, operation } = request.params as { id: string; operation: string }
    const session = request.webSession!
    const ticket = UUID.test(id) ? await web.ticket(id, session.caller) : null
    if (!ticket || !(TICKET_OPERATIONS as readonly string[]).includes(operation)) return notFound(reply)
    const op = operation as TicketOperation
    const values = formFields(request.body, [...fieldsOf(op), 'revision'])
    const { revision, ...fields } = values
    const body: Record<string, unknown> = { ...fields }
    if (op === 'cancelar') body.rol = 'AGENTE'
    const errors = validate(TICKET_OPERATIONS_TABLE[op].body, body)
    const outcome = (failure: Partial<FormFailure>): OperationOutcome => ({
      operation: op,
      values: fields,
      errors: failure.fields ?? {},
      ...(failure.message ? { message: failure.message } : {}),
      ...(failure.acciones ? { acciones: failure.acciones } : {}),
    })
    if (!revision || !/^\d{1,15}$/.test(revision))
      return renderTicket(
        request,
        reply,
        ticket,
        {
          outcome: outcome({ fields: errors, message: 'Falta la revisión del ticket: recargue la página.' }),
        },
        400,
      )
    if (Object.keys(errors).length > 0)
      return renderTicket(
        request,
        reply,
        ticket,
        { outcome: outcome({ fields: errors, message: 'Revise los campos marcados.' }) },
        400,
      )
    try {
      await web.run(
        id,
        op,
        // Checked against the operation's schema above (validate): it is that operation's body.
        body as OperationBody,
        session.caller,
        web.context(session, request.id, { expectedRevision: BigInt(revision) }),
      )
    } catch (error) {
      const failure = failureOf(error)
      if (!failure) throw error
      const fresh = await web.ticket(id, session.caller)
      if (!fresh || failure.status === 404) return notFound(reply)
      if (failure.stale) return renderTicket(request, reply, fresh, { stale: true }, failure.status)
      const now = failure.acciones ? web.acciones(session.caller, fresh) : undefined
      return renderTicket(
        request,
        reply,
        fresh,
        { outcome: outcome({ ...failure, ...(now ? { acciones: now } : {}) }) },
        failure.status,
      )
    }
    // The ticket may have left the caller's area (an AREA user moving it): back to the board.
    if (!(await web.ticket(id, session.caller))) return reply.redirect('/app', 303)
    return reply.redirect(`/app/tickets/${id}?hecho=${op}`, 303)
  })

  // Pages of their own modules, under this plugin so its session hook guards them.
  await app.register(userRoutes, { prefix: '/usuarios' })
  await app.register(statisticsRoutes, { prefix: '/estadisticas' })
}

/** The page to come back to after logging in: the GET page behind a form post. */
function returnPathOf(request: FastifyRequest): string {
  const url = request.url
  if (request.method === 'GET') return safeReturnPath(url) ?? '/app'
  const ticket = /^\/app\/tickets\/([0-9a-f-]{36})\//i.exec(url)
  return ticket ? `/app/tickets/${ticket[1]}` : '/app'
}
