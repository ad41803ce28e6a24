import type Database from 'better-sqlite3'
import type { EventStore } from '../eventstore/port.ts'
import { openReadModel } from './database.ts'
import { type Projector, ticketsProjector, usersProjector } from './projectors.ts'
import { ReadModelQueries } from './queries.ts'
import { ProjectionRunner } from './runner.ts'

/** Every projector of the service, in the order they apply a batch. */
export function allProjectors(db: Database.Database): Projector[] {
  return [ticketsProjector(db), usersProjector(db)]
}

/**
 * The read side of one instance: its SQLite file, the projectors feeding it from the event store,
 * and the queries over it.
 */
export class ReadModels {
  readonly db: Database.Database
  readonly runner: ProjectionRunner
  readonly queries: ReadModelQueries

  constructor(store: EventStore, path: string, options: { onError?: (error: Error) => void } = {}) {
    this.db = openReadModel(path)
    this.runner = new ProjectionRunner(store, this.db, allProjectors(this.db), options)
    this.queries = new ReadModelQueries(this.db)
  }

  start(): void {
    this.runner.start()
  }

  async close(): Promise<void> {
    await this.runner.stop()
    this.db.close()
  }
}
