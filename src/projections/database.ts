import Database from 'better-sqlite3'
import { ensurePrivateFile } from '../lib/private-files.ts'
import { READ_MODEL_SCHEMA } from './schema.ts'

/**
 * Opens (creating if needed) a read-model database. WAL with synchronous=NORMAL: a crash may lose
 * the last transactions, which is harmless — the checkpoint goes back with them and the runner
 * re-applies those events from the log.
 */
export function openReadModel(path: string): Database.Database {
  ensurePrivateFile(path)
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.pragma('cache_size = -65536')
  db.exec(READ_MODEL_SCHEMA)
  return db
}
