import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import type { Runtime } from '../../commands/context.ts'
import { TicketCommands } from '../../commands/tickets.ts'
import { UserCommands } from '../../commands/users.ts'
import type { EventStore } from '../../eventstore/port.ts'
import { ReadModels, readModelPath } from '../../projections/read-models.ts'
import { TicketService } from '../../services/tickets.ts'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    store: EventStore
    readModels: ReadModels
    tickets: TicketService
    users: UserCommands
    /** Waits until the read models show `position` (read-your-writes), bounded by configuration. */
    settle(position: string | null): Promise<void>
    /** The injected clock (SLA statuses are computed for it). */
    runtimeNow: () => Date
  }
}

export interface ServicesOptions {
  config: Config
  store: EventStore
  runtime: Runtime
}

/**
 * The event store, the read models fed from it, and the command services, as decorators. On
 * close: the projection subscription stops first, then the read models and the store close.
 */
export const servicesPlugin = fp<ServicesOptions>(
  async (app, { config, store, runtime }) => {
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
    app.addHook('onClose', async () => {
      await readModels.close()
      await store.close()
    })
  },
  { name: 'services' },
)
