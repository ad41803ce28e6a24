import { join } from 'node:path'
import type Database from 'better-sqlite3'
import type { Config } from '../config.ts'
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../domain/sla.ts'
import type { EventStore } from '../eventstore/port.ts'
import { openReadModel } from './database.ts'
import type { Projector } from './projector.ts'
import { privacyProjector } from './privacy/projector.ts'
import { ProjectionRunner } from './runner.ts'
import { ticketsProjector } from './tickets/projector.ts'
import type { TicketRow } from './tickets/schema.ts'
import { TicketQueries } from './tickets/queries.ts'
import { usersProjector } from './users/projector.ts'
import { UserQueries } from './users/queries.ts'
import { WebhookQueries, webhooksProjector } from './webhooks/projector.ts' // webhooks (issue 15)

/** Every projector of the service, in the order they apply a batch. */
export function allProjectors(
  db: Database.Database,
  sla: SlaPolicy = DEFAULT_SLA_POLICY,
  onUserChanged?: (id: string) => void,
  onTicketWritten?: (row: TicketRow) => void,
): Projector[] {
  return [
    ticketsProjector(db, sla, onTicketWritten),
    usersProjector(db, onUserChanged),
    webhooksProjector(db),
    // Last: an erasure overwrites what the others copied in the same batch.
    privacyProjector(db),
  ]
}

export interface ReadModelOptions {
  onError?: (error: Error) => void
  sla?: SlaPolicy
  /** The clock SLA statuses are computed against (injected in tests). */
  now?: () => Date
}

/**
 * The read side of one instance: its SQLite file, the projectors feeding it from the event store,
 * and each read model's queries.
 */
export class ReadModels {
  readonly db: Database.Database
  readonly runner: ProjectionRunner
  readonly tickets: TicketQueries
  readonly users: UserQueries
  readonly webhooks: WebhookQueries

  constructor(store: EventStore, path: string, options: ReadModelOptions = {}) {
    const sla = options.sla ?? DEFAULT_SLA_POLICY
    this.db = openReadModel(path)
    this.tickets = new TicketQueries(this.db, { sla, now: options.now ?? (() => new Date()) })
    this.users = new UserQueries(this.db)
    this.webhooks = new WebhookQueries(this.db)
    // The users projector is the only writer of user rows: it tells the queries which user
    // changed, so their credentials cache never serves a row older than the read model.
    // The tickets projector likewise tells the search facets of every row it writes; a failed
    // batch (rolled back) drops them.
    const projectors = allProjectors(
      this.db,
      sla,
      (id) => this.users.forgetCredentials(id),
      (row) => this.tickets.ticketWritten(row),
    )
    this.runner = new ProjectionRunner(store, this.db, projectors, {
      ...options,
      onError: (error) => {
        this.tickets.forgetSearchFacets()
        options.onError?.(error)
      },
    })
  }

  start(): void {
    this.runner.start()
  }

  /**
   * Writes the WAL back into the file and empties it, so rows an erasure overwrote leave no older
   * copy behind in the WAL either.
   */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)')
  }

  async close(): Promise<void> {
    await this.runner.stop()
    this.db.close()
  }
}

/**
 * The read-model file. Instances sharing one EventStoreDB each keep their own, named by
 * INSTANCE_ID, so they can even share a DATA_DIR.
 */
export function readModelPath(config: Config): string {
  if (!config.eventstoreUrl) return join(config.dataDir, 'readmodels.db')
  const instance = process.env.INSTANCE_ID?.replace(/[^A-Za-z0-9_-]/g, '') || 'local'
  return join(config.dataDir, `readmodels-${instance}.db`)
}
