import type Database from 'better-sqlite3'
import { ObjectRows } from './object-rows.ts'

/** `WHERE a AND b …`, or nothing for no conditions. */
export function where(conditions: string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`
}

/**
 * Statements prepared on first use and kept by their SQL: the dashboard builds its SQL from the
 * filters given, and preparing costs more than running.
 */
export class PreparedStatements {
  readonly #statements = new Map<string, Database.Statement>()
  readonly #objectRows = new Map<string, ObjectRows<unknown[]>>()
  constructor(private readonly db: Database.Database) {}

  statement(sql: string): Database.Statement {
    return preparedOnce(this.#statements, sql, () => this.db.prepare(sql))
  }

  objectRows(sql: string): ObjectRows<unknown[]> {
    return preparedOnce(this.#objectRows, sql, () => new ObjectRows(this.db, sql))
  }
}

function preparedOnce<S>(cache: Map<string, S>, sql: string, prepare: () => S): S {
  let statement = cache.get(sql)
  if (statement === undefined) {
    statement = prepare()
    cache.set(sql, statement)
  }
  return statement
}
