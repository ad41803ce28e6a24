import type {} from '@fastify/rate-limit'
import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsync } from 'fastify'
import { newTicketCode, TICKET_CODE_PATTERN } from '../../commands/ids.ts'
import { ConsultarBody, CrearBody } from '../../http/schemas.ts'
import { failureOf, formFields, validate } from '../forms.ts'

/**
 * Requests per minute and IP for the public forms. The JSON API's public endpoints get their own
 * limits from the hardening issue; these match them in spirit: plenty for a person, slow for a
 * script. Counted per route.
 */
export const PUBLIC_RATE_LIMITS = {
  crear: { max: 10, timeWindow: 60_000 },
  consultar: { max: 30, timeWindow: 60_000 },
} as const

/** The hidden field people never see and form-filling robots fill in. */
export const HONEYPOT_FIELD = 'sitio_web'

/** A wrong code, a wrong email and a bad status link all get these words (and 404). */
const NOT_FOUND_MESSAGE = 'No hay ningún ticket con ese código y ese email.'

const CREAR_FIELDS = ['asunto', 'descripcion', 'nombre', 'email', 'telefono', 'categoria'] as const

/**
 * The requesters' pages (no account): file a ticket, look one up. Plain HTML forms that work
 * without JavaScript; every POST carries the CSRF token.
 */
export const publicRoutes: FastifyPluginAsync = async (app) => {
  const web = app.web

  app.get('/', (_request, reply) =>
    reply.page('public/crear', { title: 'Crear un ticket', values: {}, errors: {} }),
  )

  app.post(
    '/crear',
    { preHandler: app.csrfProtection, config: { rateLimit: PUBLIC_RATE_LIMITS.crear } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const values = formFields(body, CREAR_FIELDS)
      const trap = formFields(body, [HONEYPOT_FIELD])[HONEYPOT_FIELD]
      if (trap !== undefined) {
        // A robot: it is told the ticket was filed (so it does not try harder) and nothing is.
        request.log.info({ honeypot: true }, 'public form: honeypot filled, nothing created')
        return reply.redirect(`/creado?codigo=${newTicketCode(randomBytes)}`, 303)
      }
      const errors = validate(CrearBody, values)
      // Without an account the requester's name and email are required (POST /api/tickets/crear).
      if (!values.nombre && !errors.nombre) errors.nombre = 'Este campo es obligatorio.'
      if (!values.email && !errors.email) errors.email = 'Este campo es obligatorio.'
      if (Object.keys(errors).length > 0)
        return reply.page('public/crear', { title: 'Crear un ticket', values, errors }, 400)
      try {
        const codigo = await web.createTicket(
          {
            asunto: values.asunto!,
            descripcion: values.descripcion!,
            nombre: values.nombre!,
            email: values.email!,
            telefono: values.telefono ?? null,
            categoria: values.categoria ?? null,
          },
          web.context(null, request.id, { actorName: values.nombre! }),
        )
        return reply.redirect(`/creado?codigo=${encodeURIComponent(codigo)}`, 303)
      } catch (error) {
        const failure = failureOf(error)
        if (!failure) throw error
        return reply.page(
          'public/crear',
          { title: 'Crear un ticket', values, errors: failure.fields, message: failure.message },
          failure.status,
        )
      }
    },
  )

  app.get('/creado', (request, reply) => {
    const codigo = String((request.query as Record<string, unknown>).codigo ?? '')
    if (!TICKET_CODE_PATTERN.test(codigo)) return reply.redirect('/', 303)
    return reply.page('public/creado', { title: 'Ticket creado', codigo, correo: web.mailEnabled })
  })

  app.get('/consultar', (request, reply) => {
    const codigo = String((request.query as Record<string, unknown>).codigo ?? '')
    return reply.page('public/consultar', {
      title: 'Consultar un ticket',
      values: TICKET_CODE_PATTERN.test(codigo) ? { codigo } : {},
      errors: {},
      ticket: null,
    })
  })

  // The signed link of requester e-mails (src/notifications/status-link.ts): the status page
  // without typing the code. Any bad link reads exactly as a wrong code does.
  app.get(
    '/consultar/enlace',
    { config: { rateLimit: PUBLIC_RATE_LIMITS.consultar } },
    async (request, reply) => {
      const token = (request.query as Record<string, unknown>).t
      const ticket = typeof token === 'string' && token.length <= 200 ? web.lookupByLink(token) : null
      const data = { title: 'Consultar un ticket', values: {}, errors: {}, ticket: null as unknown }
      if (!ticket) return reply.page('public/consultar', { ...data, message: NOT_FOUND_MESSAGE }, 404)
      return reply.page('public/consultar', { ...data, title: `Ticket ${ticket.codigo}`, ticket })
    },
  )

  app.post(
    '/consultar',
    { preHandler: app.csrfProtection, config: { rateLimit: PUBLIC_RATE_LIMITS.consultar } },
    async (request, reply) => {
      const values = formFields(request.body, ['codigo', 'email'])
      const errors = validate(ConsultarBody, values)
      const data = { title: 'Consultar un ticket', values, errors, ticket: null as unknown }
      if (Object.keys(errors).length > 0) return reply.page('public/consultar', data, 400)
      const ticket = web.lookup(values.codigo!, values.email!)
      // A wrong code and a wrong email get the same words and the same status.
      if (!ticket) return reply.page('public/consultar', { ...data, message: NOT_FOUND_MESSAGE }, 404)
      return reply.page('public/consultar', { ...data, title: `Ticket ${ticket.codigo}`, ticket })
    },
  )
}
