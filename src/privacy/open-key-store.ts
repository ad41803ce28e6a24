import { dirname, join } from 'node:path'
import type { Config } from '../config.ts'
import { EsdbEventStore } from '../eventstore/esdb.ts'
import type { EventStore } from '../eventstore/port.ts'
import { SqliteEventStore } from '../eventstore/sqlite.ts'
import { EsdbKeyStore } from './esdb-key-store.ts'
import { type KeyStore, SqliteKeyStore } from './key-store.ts'

/**
 * The service's key store, beside the log so that every process sharing the log shares it: on
 * EventStoreDB, streams in the cluster (esdb-key-store.ts); on the embedded store, `claves.db` in
 * the log's directory.
 */
export function openKeyStore(config: Config, log: EventStore): KeyStore {
  if (log instanceof EsdbEventStore) return new EsdbKeyStore(log.client)
  const directory = log instanceof SqliteEventStore ? dirname(log.path) : config.dataDir
  return new SqliteKeyStore(join(directory, 'claves.db'))
}
