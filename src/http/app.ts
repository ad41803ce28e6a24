import { createHmac } from 'node:crypto'
import rateLimit from '@fastify/rate-limit'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import { bootstrapAdmin } from '../bootstrap.ts'
import { systemRuntime, type Runtime } from '../commands/context.ts'
import { type Config, resolveJwtSecret } from '../config.ts'
import { openEventStore } from '../eventstore/open.ts'
import { ensurePrivateDir, widePrivateFiles } from '../lib/private-files.ts'
import type { EventStore } from '../eventstore/port.ts'
import { openKeyStore } from '../privacy/open-key-store.ts'
import { PrivateEventStore } from '../privacy/private-store.ts'
import { loginPlugin } from './login.ts'
import { openApiPlugin } from './openapi.ts'
import { authPlugin } from './plugins/auth.ts'
import { clientErrorHandler, errorsPlugin, frameworkErrorHandler } from './plugins/errors.ts'
import { ProblemError } from './problems.ts'
import { securityHeadersPlugin } from './plugins/security-headers.ts'
import { servicesPlugin } from './plugins/services.ts'
import { notificationsPlugin } from './plugins/notifications.ts' // e-mail (issue 15 §1)
import { CENSOR, REDACTED_PATHS, redactSecretFields } from './log-redaction.ts'
import { RequestLog } from './request-log.ts'
import { auditRoutes } from './routes/audit.ts'
import { privacyRoutes } from './routes/privacy.ts'
import { authRoutes } from './routes/auth.ts'
import { healthRoutes } from './routes/health.ts'
import { ticketRoutes } from './routes/tickets.ts'
import { userRoutes } from './routes/users.ts'
import { notificationRoutes } from './routes/notifications.ts' // issue 15 §1
import { webPlugin } from '../web/plugin.ts' // web front end (issue 14)
import { feedPlugin } from '../feed/plugin.ts' // live change feed (issue 15 §3)
import { eventosRoutes } from './routes/eventos.ts' // live change feed (issue 15 §3)
import { webhookRoutes } from './routes/webhooks.ts' // webhooks (issue 15)
import type { WebhookHooks } from './plugins/services.ts' // webhooks (issue 15)

export interface AppOptions {
  config: Config
  /** The event store to use; by default the one the configuration selects. The app closes it. */
  store?: EventStore
  runtime?: Runtime
  /** pino options, or false for no logging (tests). */
  logger?: boolean | Record<string, unknown>
  /** Where the generated bootstrap password is shown (default: stderr). */
  printBootstrap?: (line: string) => void
  /** Webhook test hooks (name resolution, attempt observer, clock, jitter) — issue 15. */
  webhooks?: WebhookHooks
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
    // The request id is always the server's: unique, and never a client-chosen string in logs or
    // event metadata. A client's x-request-id / x-correlation-id, if well-formed, becomes the
    // correlation id (request-context.ts).
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    // Only behind a proxy the operator names does X-Forwarded-For decide request.ip (rate limits).
    trustProxy: config.trustProxy,
    // A slow client cannot hold a connection: the whole request must arrive within requestTimeout
    // (408), an idle socket is closed after connectionTimeout.
    requestTimeout: config.timeouts.requestMs,
    connectionTimeout: config.timeouts.connectionMs,
    keepAliveTimeout: config.timeouts.keepAliveMs,
    http: {
      // Node checks request and header timeouts on this interval (default 30 s), so short
      // timeouts need a shorter one; headers alone may not take longer than the whole request.
      connectionsCheckingInterval: Math.min(1000, config.timeouts.requestMs),
      headersTimeout: Math.min(60_000, config.timeouts.requestMs),
    },
    // `/api/webhooks` and `/api/webhooks/` are the same route, and the OpenAPI document names it
    // once, without the slash (fastify's default registers both and documents the slashed one).
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  // JSON only: a text/plain body is a 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain')
  // Existing data files readable by others are reported once; new ones are created private.
  const wide = widePrivateFiles(config.dataDir)
  if (wide.length > 0)
    app.log.warn(
      { files: wide },
      'DATA_DIR or its files are readable by other users (expected 0700 / 0600); consider chmod',
    )
  ensurePrivateDir(config.dataDir)
  const log = options.store ?? (await openEventStore(config))
  // Personal data is sealed in the log under per-person keys kept apart (privacy/, issue 17 §3).
  const store = log instanceof PrivateEventStore ? log : new PrivateEventStore(log, openKeyStore(config, log))
  await app.register(errorsPlugin)
  // Per-route limits only (config.rateLimit on the public routes and login); keyed by request.ip.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ProblemError(
        'demasiadas-peticiones',
        'Demasiadas peticiones',
        `Espere ${Math.max(1, Math.ceil(context.ttl / 1000))} s`,
      ),
  })
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
  await app.register(servicesPlugin, {
    config,
    store,
    runtime: options.runtime ?? systemRuntime,
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  })
  const jwtSecret = resolveJwtSecret(config)
  // Its own key for the Idempotency-Key fingerprints, derived so the JWT secret signs tokens only.
  app.decorate(
    'idempotencySecret',
    createHmac('sha256', jwtSecret).update('mesa-de-ayuda/idempotency-fingerprint').digest(),
  )
  await app.register(authPlugin, {
    secret: jwtSecret,
    expiresInSeconds: config.jwtExpiresInSeconds,
  })
  await app.register(loginPlugin)
  await app.register(notificationsPlugin) // e-mail to requesters and agents (issue 15 §1)
  await app.register(openApiPlugin) // the OpenAPI document at /docs/json (issue 18)

  await app.register(webPlugin) // web front end (issue 14): the portal at / and the console at /app
  await app.register(healthRoutes)
  await app.register(authRoutes, { prefix: '/api/auth' })
  await app.register(userRoutes, { prefix: '/api/auth/users' })
  await app.register(ticketRoutes, { prefix: '/api/tickets' })
  await app.register(notificationRoutes, { prefix: '/api/notificaciones' }) // issue 15 §1
  await app.register(feedPlugin) // live change feed (issue 15 §3): one log subscription per instance
  await app.register(eventosRoutes, { prefix: '/api/eventos' })
  await app.register(auditRoutes, { prefix: '/api/auditoria' })
  await app.register(privacyRoutes, { prefix: '/api/privacidad' }) // right to erasure (issue 17 §3)
  await app.register(webhookRoutes, { prefix: '/api/webhooks' }) // webhooks (issue 15)

  await app.ready()
  await bootstrapAdmin(app, options.printBootstrap)
  return app
}
