import type Database from 'better-sqlite3'
import { PreparedStatements, where } from '../sql.ts'
import { toCredentials, toUser, type UserCredentials, type UserRecord, type UserRow } from './view.ts'

/** Users whose credentials are kept in memory; a help desk has far fewer. */
const CREDENTIALS_CACHE_SIZE = 10_000

/** Every read of the users read model, and the credentials cache authentication uses. */
export class UserQueries {
  readonly #userById: Database.Statement<[string], UserRow>
  readonly #userByEmail: Database.Statement<[string], UserRow>
  readonly #otherActiveAdmins: Database.Statement<[string], { n: number }>
  readonly #count: Database.Statement<[], { n: number }>
  readonly #credentials = new Map<string, Readonly<UserCredentials>>()
  readonly #prepared: PreparedStatements

  constructor(db: Database.Database) {
    this.#prepared = new PreparedStatements(db)
    this.#userById = db.prepare('SELECT * FROM users WHERE id = ?')
    this.#userByEmail = db.prepare('SELECT * FROM users WHERE email = ?')
    this.#otherActiveAdmins = db.prepare(
      "SELECT count(*) AS n FROM users WHERE rol = 'ADMIN' AND is_active = 1 AND id <> ?",
    )
    this.#count = db.prepare('SELECT count(*) AS n FROM users')
  }

  user(id: string): UserRecord | null {
    const row = this.#userById.get(id)
    return row ? toUser(row) : null
  }

  /**
   * The user a token names, read on every authenticated request. Found rows are kept in memory
   * until the users projector reports a change to that user (forgetCredentials), so the answer is
   * always the read model's current row, without a SQLite read per request.
   */
  credentialsById(id: string): UserCredentials | null {
    const cached = this.#credentials.get(id)
    if (cached) return cached
    const row = this.#userById.get(id)
    if (!row) return null
    const credentials = Object.freeze(toCredentials(row))
    if (this.#credentials.size >= CREDENTIALS_CACHE_SIZE) this.#credentials.clear()
    this.#credentials.set(id, credentials)
    return credentials
  }

  /** Called by the users projector whenever it writes a user's row. */
  forgetCredentials(id: string): void {
    this.#credentials.delete(id)
  }

  credentialsByEmail(email: string): UserCredentials | null {
    const row = this.#userByEmail.get(email.trim().toLowerCase())
    return row ? toCredentials(row) : null
  }

  /** `q`: text in the name or e-mail, case-insensitive (the console's user list). */
  users(filter: { rol?: string; area?: string; is_active?: boolean; q?: string } = {}): UserRecord[] {
    const sql: string[] = []
    const params: unknown[] = []
    if (filter.q) {
      const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      sql.push("(lower(nombre) LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')") && params.push(like, like)
    }
    if (filter.rol) sql.push('rol = ?') && params.push(filter.rol)
    if (filter.area) sql.push('area = ?') && params.push(filter.area)
    if (filter.is_active !== undefined) sql.push('is_active = ?') && params.push(filter.is_active ? 1 : 0)
    const rows = this.#prepared
      .statement(`SELECT * FROM users ${where(sql)} ORDER BY nombre, id`)
      .all(...params)
    return (rows as UserRow[]).map(toUser)
  }

  countOtherActiveAdmins(userId: string): number {
    return this.#otherActiveAdmins.get(userId)?.n ?? 0
  }

  userCount(): number {
    return this.#count.get()?.n ?? 0
  }
}
