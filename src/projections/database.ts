import Database from 'better-sqlite3'
import { ensurePrivateFile } from '../lib/private-files.ts'
import { TICKETS_READ_MODEL } from './tickets/schema.ts'
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
 * The schema version each read model's tables were created with. A file written by another
 * version of a read model has that read model's tables dropped and its projector's checkpoint
 * removed when it is opened, so the projector replays the log into the new tables (`/ready`
 * answers 503 until it has caught up). Nothing else in the file is touched: the other read models
 * keep their rows and checkpoints, and what the notification subscribers remember (their
 * checkpoints, the e-mail and webhook delivery logs) stays, so no e-mail is sent twice.
 */
const VERSIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS esquema_versiones (
  read_model  TEXT PRIMARY KEY,
  version     INTEGER NOT NULL
);
`

/** A read model whose tables are versioned: bump `version` whenever its DDL or its rows change. */
export interface VersionedReadModel {
  /** The projector's name (its checkpoint row). */
  readonly projector: string
  readonly version: number
  readonly tables: readonly string[]
  readonly ddl: string
}

/** Files written before versions were kept held version 1 of every read model. */
const UNVERSIONED = 1

function migrateReadModel(db: Database.Database, model: VersionedReadModel): void {
  const stored = db
    .prepare<[string], { version: number }>('SELECT version FROM esquema_versiones WHERE read_model = ?')
    .get(model.projector)
  const existing = db
    .prepare<[], { n: number }>(
      `SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN (${model.tables.map((name) => `'${name}'`).join(', ')})`,
    )
    .get()!.n
  const version = stored?.version ?? (existing > 0 ? UNVERSIONED : model.version)
  db.transaction(() => {
    if (version !== model.version) {
      for (const table of model.tables) db.exec(`DROP TABLE IF EXISTS ${table}`)
      db.prepare('DELETE FROM checkpoints WHERE projector = ?').run(model.projector)
    }
    db.exec(model.ddl)
    db.prepare(
      'INSERT INTO esquema_versiones (read_model, version) VALUES (?, ?) ON CONFLICT (read_model) DO UPDATE SET version = excluded.version',
    ).run(model.projector, model.version)
  })()
}

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
  db.exec(CHECKPOINTS_SCHEMA + VERSIONS_SCHEMA)
  migrateReadModel(db, TICKETS_READ_MODEL)
  db.exec(USERS_SCHEMA)
  return db
}
