import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '../config.ts'
import type { EventStore } from './port.ts'
import { SqliteEventStore } from './sqlite.ts'

/** The event store the configuration selects: EventStoreDB when EVENTSTORE_URL is set, else embedded. */
export async function openEventStore(config: Config): Promise<EventStore> {
  if (config.eventstoreUrl) {
    throw new Error('EventStoreDB adapter not available yet')
  }
  mkdirSync(config.dataDir, { recursive: true })
  return new SqliteEventStore(join(config.dataDir, 'events.db'))
}
