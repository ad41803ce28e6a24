import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import type { Runtime } from '../../commands/context.ts'
import { TicketCommands } from '../../commands/tickets.ts'
import { UserCommands } from '../../commands/users.ts'
import type { PrivateEventStore } from '../../privacy/private-store.ts'
import { ReadModels, readModelPath } from '../../projections/read-models.ts'
import { TicketService } from '../../services/tickets.ts'
import { ErasureService } from '../../privacy/erasure.ts'
import { hostname } from 'node:os'
import { resolveJwtSecret } from '../../config.ts'
import { type Resolver, systemResolver } from '../../notifications/webhooks/address-guard.ts'
import { WebhookDispatcher, type DispatcherOptions } from '../../notifications/webhooks/dispatcher.ts'
import { SecretBox } from '../../notifications/webhooks/secrets.ts'
import { WebhookSender } from '../../notifications/webhooks/sender.ts'
import { WebhookService } from '../../notifications/webhooks/service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    /** The event store with personal data opened; `app.store.log` is the log as stored. */
    store: PrivateEventStore
    readModels: ReadModels
    tickets: TicketService
    users: UserCommands
    /** Waits until the read models show `position` (read-your-writes), bounded by configuration. */
    settle(position: string | null): Promise<void>
    /** The injected clock (SLA statuses are computed for it). */
    runtimeNow: () => Date
    /** Webhooks for integrators (issue 15): the admin service and this instance's sender. */
    webhooks: WebhookService
    webhookDispatcher: WebhookDispatcher
    /** The right to erasure (issue 17 §3). */
    privacy: ErasureService
  }
}

export interface ServicesOptions {
  config: Config
  store: PrivateEventStore
  runtime: Runtime
  /** Webhook test hooks: name resolution, attempt observer, clock and jitter. */
  webhooks?: WebhookHooks
}

export interface WebhookHooks {
  resolver?: Resolver
  onAttempt?: DispatcherOptions['onAttempt']
  now?: () => Date
  random?: () => number
}

/**
 * The event store, the read models fed from it, and the command services, as decorators. On
 * close: the projection subscription stops first, then the read models and the store close.
 */
export const servicesPlugin = fp<ServicesOptions>(
  async (app, { config, store, runtime, webhooks: hooks = {} }) => {
    const readModels = new ReadModels(store, readModelPath(config), {
      onError: (error) => app.log.error({ err: error }, 'projection subscription failed'),
      sla: config.sla,
      now: runtime.now,
    })
    readModels.start()
    const settle = async (position: string | null) => {
      const reached = await readModels.runner.waitFor(position, config.readYourWritesTimeoutMs)
      if (!reached)
        app.log.warn({ position }, 'read models did not reach the command in time; answering anyway')
    }
    app.decorate('config', config)
    app.decorate('runtimeNow', runtime.now)
    app.decorate('store', store)
    app.decorate('readModels', readModels)
    app.decorate('settle', settle)
    app.decorate(
      'tickets',
      new TicketService(new TicketCommands(store, runtime, config.areas), readModels, store, {
        sla: config.sla,
        now: runtime.now,
        settle,
      }),
    )
    app.decorate(
      'users',
      new UserCommands(store, runtime, config.areas, {
        passwordCost: config.passwordCost,
        countOtherActiveAdmins: (userId) => readModels.users.countOtherActiveAdmins(userId),
        settle,
      }),
    )
    // Webhooks (issue 15): endpoints are event-sourced (read model `webhooks`); this instance's
    // dispatcher sends for the endpoints whose lease it holds.
    const webhookResolver = hooks.resolver ?? systemResolver
    const secrets = new SecretBox(resolveJwtSecret(config))
    const dispatcher = new WebhookDispatcher({
      store,
      db: readModels.db,
      queries: readModels.webhooks,
      config: config.webhooks,
      secrets,
      sender: new WebhookSender({
        timeoutMs: config.webhooks.timeoutMs,
        allowPrivate: config.webhooks.allowPrivate,
        resolver: webhookResolver,
      }),
      instanceId: `${process.env.INSTANCE_ID || hostname()}-${process.pid}-${runtime.newId().slice(0, 8)}`,
      log: app.log,
      ...(hooks.onAttempt ? { onAttempt: hooks.onAttempt } : {}),
      ...(hooks.now ? { now: hooks.now } : {}),
      ...(hooks.random ? { random: hooks.random } : {}),
    })
    app.decorate('webhookDispatcher', dispatcher)
    app.decorate('privacy', new ErasureService(store, readModels, app.users, runtime, settle))
    app.decorate(
      'webhooks',
      new WebhookService({
        store,
        queries: readModels.webhooks,
        secrets,
        dispatcher,
        allowPrivate: config.webhooks.allowPrivate,
        requireHttps: config.nodeEnv === 'production',
        resolver: webhookResolver,
        now: runtime.now,
        newId: runtime.newId,
        settle,
      }),
    )
    dispatcher.start(readModels.runner.position)
    app.addHook('onClose', async () => {
      await dispatcher.stop() // before the store closes: the leases are given back
      await readModels.close()
      await store.close()
    })
  },
  { name: 'services' },
)
