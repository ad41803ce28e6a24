import { createHmac } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import cookie from '@fastify/cookie'
import csrf from '@fastify/csrf-protection'
import formbody from '@fastify/formbody'
import fastifyStatic from '@fastify/static'
import view from '@fastify/view'
import { Eta } from 'eta'
import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { resolveJwtSecret } from '../config.ts'
import { ProblemError } from '../http/problems.ts'
import { SESSION_COOKIE, WebServices, type WebSession } from './adapter.ts'
import { consoleRoutes } from './routes/console.ts'
import { publicRoutes } from './routes/public.ts'
import { pageContext } from './view-models.ts'

/** Where a page may be reached from (console routes; default 'staff'). */
export type PageAccess = 'public' | 'password' | 'staff'

declare module 'fastify' {
  interface FastifyRequest {
    webSession: WebSession | null
  }
  interface FastifyReply {
    /** Renders `page` inside the layout with the common context (session, menu, CSRF token). */
    page(page: string, data?: Record<string, unknown>, status?: number): FastifyReply
  }
  interface FastifyContextConfig {
    /** Console pages: who may open them (see src/web/routes/console.ts). */
    web?: PageAccess
  }
  interface FastifyInstance {
    web: WebServices
  }
}

/** Templates and assets sit beside this file in src/, and are copied beside it into dist/ by the build. */
const here = import.meta.dirname
const VIEWS = join(here, 'views')
const ASSETS = join(here, 'assets')
const HTMX_DIR = join(dirname(createRequire(import.meta.url).resolve('htmx.org/package.json')), 'dist')

/**
 * The web front end: the public pages at / and the staff console at /app, served by the same app
 * and calling the same services as the JSON API (through ./adapter.ts only). Encapsulated: its
 * cookie, form-body parser, CSRF check and HTML error pages apply to its own routes, never to /api.
 */
export const webPlugin: FastifyPluginAsync = async (app) => {
  if (!existsSync(VIEWS)) throw new Error(`web views not found at ${VIEWS}`)
  const production = process.env.NODE_ENV === 'production'
  app.decorate('web', new WebServices(app))
  app.decorateRequest('webSession', null)

  app.addHook('onRoute', (route) => {
    // The API's Bearer check does not apply: pages carry their session in a cookie (checked in
    // the console's own hook). Pages are not part of the OpenAPI document.
    route.config = { ...(route.config ?? {}), auth: 'none' }
    route.schema = { ...(route.schema ?? {}), hide: true }
  })

  // Cookies are signed with a key derived from the JWT secret: stable across restarts and
  // instances, and never the JWT key itself.
  const cookieSecret = createHmac('sha256', resolveJwtSecret(app.config))
    .update('mesa-de-ayuda/web-cookies')
    .digest('base64url')
  await app.register(cookie, { secret: cookieSecret })
  await app.register(formbody)
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'mesa_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: production, signed: true },
  })
  // Compiled templates are kept unless NODE_ENV=development (edit a template, reload the page):
  // `npm start` sets no NODE_ENV, and recompiling every page on every request tripled the
  // tablero's latency (see docs/performance.md).
  const cacheTemplates = process.env.NODE_ENV !== 'development'
  await app.register(view, {
    engine: { eta: new Eta({ views: VIEWS, cache: cacheTemplates, autoEscape: true }) },
    production: cacheTemplates,
    root: VIEWS,
    viewExt: 'eta',
  })
  await app.register(fastifyStatic, {
    root: ASSETS,
    prefix: '/assets/',
    maxAge: production ? '1h' : 0,
    index: false,
    list: false,
  })
  app.get('/assets/htmx.min.js', (_request, reply) =>
    reply.sendFile('htmx.min.js', HTMX_DIR, { maxAge: production ? 3_600_000 : 0 }),
  )

  app.decorateReply(
    'page',
    function (this: FastifyReply, page: string, data: Record<string, unknown> = {}, status = 200) {
      const token = this.generateCsrf()
      return this.code(status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .view(page, { ...pageContext(this.request, app.web, token), ...data })
    },
  )

  app.setErrorHandler(async (error: FastifyError | ProblemError, request, reply) =>
    pageError(app, error, request, reply),
  )

  await app.register(publicRoutes)
  await app.register(consoleRoutes, { prefix: '/app' })
}

/** Errors on pages are pages: the status and a human message, never problem+json. */
async function pageError(
  app: FastifyInstance,
  error: FastifyError | ProblemError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  // The service's own errors (ProblemError: rate limits among them) carry `status`; fastify's carry
  // `statusCode`.
  const status =
    error instanceof ProblemError
      ? error.status
      : typeof error.statusCode === 'number'
        ? error.statusCode
        : 500
  const code = 'code' in error ? error.code : undefined
  if (code === 'FST_CSRF_INVALID_TOKEN' || code === 'FST_CSRF_MISSING_SECRET') {
    return reply.page(
      'error',
      {
        title: 'Formulario no válido',
        message:
          'El formulario caducó o no se envió desde esta página. Vuelva a cargar la página e inténtelo de nuevo.',
      },
      403,
    )
  }
  if (status === 429) {
    const wait = Number(reply.getHeader('retry-after') ?? 60)
    return reply.page(
      'error',
      {
        title: 'Demasiadas solicitudes',
        message: `Ha enviado demasiadas solicitudes seguidas. Espere ${wait} s y vuelva a intentarlo.`,
      },
      429,
    )
  }
  if (status >= 400 && status < 500) {
    return reply.page(
      'error',
      {
        title: status === 404 ? 'No encontrado' : 'Solicitud no válida',
        message: status === 404 ? 'La página no existe.' : 'No se pudo procesar la solicitud.',
      },
      status,
    )
  }
  request.log.error({ err: error }, 'page failed')
  return reply.page(
    'error',
    { title: 'Error interno', message: 'Algo falló de nuestro lado. Inténtelo de nuevo en unos minutos.' },
    500,
  )
}
