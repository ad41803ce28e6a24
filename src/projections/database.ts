import Database from 'better-sqlite3'
import { ensurePrivateFile } from '../lib/private-files.ts'
import { TICKETS_SCHEMA } from './tickets/schema.ts'
import { USERS_SCHEMA } from './users/schema.ts'

/** Where each projector's position in the log is kept, in the same file as its tables. */
const CHECKPOINTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (
  projector   TEXT PRIMARY KEY,
  position    TEXT,
  updated_at  TEXT NOT NULL
);
`

/**
 * Opens (creating if needed) a read-model database with every read model's tables. WAL with
 * synchronous=NORMAL: a crash may lose the last transactions, which is harmless — the checkpoint
 * goes back with them and the runner re-applies those events from the log.
 */
export function openReadModel(path: string): Database.Database {
  ensurePrivateFile(path)
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.pragma('cache_size = -65536')
  // Rows overwritten by an erasure (privacy/) leave no copy in the file's free space.
  db.pragma('secure_delete = FAST')
  db.exec(CHECKPOINTS_SCHEMA + TICKETS_SCHEMA + USERS_SCHEMA)
  return db
}
