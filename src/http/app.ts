import swagger from '@fastify/swagger'
import rateLimit from '@fastify/rate-limit' // web front end (issue 14): per-route limits of the public pages
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import { bootstrapAdmin } from '../bootstrap.ts'
import { systemRuntime, type Runtime } from '../commands/context.ts'
import { type Config, resolveJwtSecret } from '../config.ts'
import { openEventStore } from '../eventstore/open.ts'
import type { EventStore } from '../eventstore/port.ts'
import { authPlugin } from './plugins/auth.ts'
import { errorsPlugin } from './plugins/errors.ts'
import { securityHeadersPlugin } from './plugins/security-headers.ts'
import { servicesPlugin } from './plugins/services.ts'
import { CENSOR, REDACTED_PATHS, redactSecretFields } from './log-redaction.ts'
import { RequestLog } from './request-log.ts'
import { authRoutes } from './routes/auth.ts'
import { healthRoutes } from './routes/health.ts'
import { ticketRoutes } from './routes/tickets.ts'
import { userRoutes } from './routes/users.ts'
import { webPlugin } from '../web/plugin.ts' // web front end (issue 14)

export interface AppOptions {
  config: Config
  /** The event store to use; by default the one the configuration selects. The app closes it. */
  store?: EventStore
  runtime?: Runtime
  /** pino options, or false for no logging (tests). */
  logger?: boolean | Record<string, unknown>
  /** Where the generated bootstrap password is shown (default: stderr). */
  printBootstrap?: (line: string) => void
}

/**
 * The app factory: configuration and dependencies in, a ready-to-listen fastify instance out.
 * It never listens itself (src/server.ts does), so tests drive it with inject().
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: { paths: REDACTED_PATHS, censor: CENSOR },
            formatters: { log: redactSecretFields },
            ...(typeof options.logger === 'object' ? options.logger : {}),
          },
    logController: new RequestLog(),
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  // JSON only: a text/plain body is a 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain')
  const store = options.store ?? (await openEventStore(config))
  await app.register(errorsPlugin)
  await app.register(securityHeadersPlugin, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  })
  await app.register(servicesPlugin, { config, store, runtime: options.runtime ?? systemRuntime })
  await app.register(authPlugin, {
    secret: resolveJwtSecret(config),
    expiresInSeconds: config.jwtExpiresInSeconds,
  })
  app.addHook('onRoute', (route) => {
    // The docs and their assets are public.
    if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), auth: 'none' }
  })
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Mesa de Ayuda API',
        version: '1.0.0',
        description: 'Help desk tickets and users (seed documents 000 and 002).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } })

  await app.register(rateLimit, { global: false }) // web front end (issue 14): only routes with config.rateLimit
  await app.register(webPlugin) // web front end (issue 14): the portal at / and the console at /app
  await app.register(healthRoutes)
  await app.register(authRoutes, { prefix: '/api/auth' })
  await app.register(userRoutes, { prefix: '/api/auth/users' })
  await app.register(ticketRoutes, { prefix: '/api/tickets' })

  await app.ready()
  await bootstrapAdmin(app, options.printBootstrap)
  return app
}
