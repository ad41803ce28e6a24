import { join } from 'node:path'
import type { Config } from '../config.ts'
import { ensurePrivateDir } from '../lib/private-files.ts'
import { EsdbEventStore } from './esdb.ts'
import type { EventStore } from './port.ts'
import { SqliteEventStore } from './sqlite.ts'

/**
 * The event store the configuration selects: EventStoreDB when EVENTSTORE_URL is set (waiting a
 * bounded time for the cluster to answer), the embedded SQLite file under DATA_DIR otherwise.
 */
export async function openEventStore(config: Config, esdbWaitMs = 30_000): Promise<EventStore> {
  if (config.eventstoreUrl) return EsdbEventStore.connect(config.eventstoreUrl, esdbWaitMs)
  ensurePrivateDir(config.dataDir)
  return new SqliteEventStore(join(config.dataDir, 'events.db'))
}
