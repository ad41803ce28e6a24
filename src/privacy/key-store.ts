import { createHash, randomBytes, randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { ensurePrivateFile } from '../lib/private-files.ts'

/**
 * Where the per-person data keys live (docs/audit.md, "Borrado"): apart from the event log,
 * because the log never forgets and the key store must. Destroying a person's key is what erases
 * their data from every event at once (crypto-shredding).
 *
 * A subject names whose key it is: `solicitante:<normalised e-mail>` for a requester (all their
 * tickets share it), `usuario:<id>` for a staff or requester account. The store keeps only a hash
 * of the subject, and forgets that too when the key is destroyed.
 */
export interface DataKey {
  id: string
  key: Buffer
}

export interface KeyStore {
  /** The subject's key, created on first use. Durable before it is returned. */
  keyFor(subject: string): Promise<DataKey>
  /** The subject's key if it has one. */
  find(subject: string): Promise<DataKey | null>
  /** A key by id: null once destroyed (or never known). */
  load(id: string): Promise<Buffer | null>
  /** Destroys the subject's key; its id, or null when there was none (erasing twice). */
  destroy(subject: string): Promise<string | null>
  close(): void
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS claves (
  id         TEXT PRIMARY KEY,
  sujeto     TEXT NOT NULL UNIQUE,
  clave      BLOB NOT NULL,
  creada_en  TEXT NOT NULL
);`

const subjectHash = (subject: string) =>
  createHash('sha256').update(`mesa-de-ayuda/sujeto\u0000${subject}`).digest('hex')

/**
 * The embedded key store: `claves.db` beside the event log. `secure_delete` overwrites a destroyed
 * key's bytes in the file, and the rollback journal (not WAL) leaves no older copy of the page
 * behind once the deletion commits; `synchronous = FULL`, since a lost key loses data as surely
 * as a lost event.
 */
export class SqliteKeyStore implements KeyStore {
  readonly #db: Database.Database
  readonly #insert: Database.Statement<[string, string, Buffer, string]>
  readonly #bySubject: Database.Statement<[string], { id: string; clave: Buffer }>
  readonly #byId: Database.Statement<[string], { clave: Buffer }>
  readonly #delete: Database.Statement<[string]>

  constructor(path: string) {
    ensurePrivateFile(path)
    this.#db = new Database(path)
    this.#db.pragma('journal_mode = DELETE')
    this.#db.pragma('synchronous = FULL')
    this.#db.pragma('secure_delete = ON')
    this.#db.pragma('busy_timeout = 5000')
    this.#db.exec(SCHEMA)
    this.#insert = this.#db.prepare(
      'INSERT INTO claves (id, sujeto, clave, creada_en) VALUES (?, ?, ?, ?) ON CONFLICT (sujeto) DO NOTHING',
    )
    this.#bySubject = this.#db.prepare('SELECT id, clave FROM claves WHERE sujeto = ?')
    this.#byId = this.#db.prepare('SELECT clave FROM claves WHERE id = ?')
    this.#delete = this.#db.prepare('DELETE FROM claves WHERE sujeto = ?')
  }

  async keyFor(subject: string): Promise<DataKey> {
    const hash = subjectHash(subject)
    const found = this.#bySubject.get(hash)
    if (found) return { id: found.id, key: found.clave }
    // Another process sharing the file may create it first: the unique subject decides.
    this.#insert.run(randomUUID(), hash, randomBytes(32), new Date().toISOString())
    const row = this.#bySubject.get(hash)!
    return { id: row.id, key: row.clave }
  }

  async find(subject: string): Promise<DataKey | null> {
    const found = this.#bySubject.get(subjectHash(subject))
    return found ? { id: found.id, key: found.clave } : null
  }

  async load(id: string): Promise<Buffer | null> {
    return this.#byId.get(id)?.clave ?? null
  }

  async destroy(subject: string): Promise<string | null> {
    const hash = subjectHash(subject)
    const found = this.#bySubject.get(hash)
    if (!found) return null
    this.#delete.run(hash)
    return found.id
  }

  close(): void {
    if (this.#db.open) this.#db.close()
  }
}
