import type Database from 'better-sqlite3'

export type Row = Record<string, unknown>

/**
 * A SELECT whose rows come back as plain objects, built faster than better-sqlite3 builds them.
 *
 * better-sqlite3 makes each row object by adding its columns one at a time; for the 46 columns of
 * a ticket that costs about 9 µs per row (measured: 20 µs for one row by id, 11 µs for the same
 * row as an array). Here the statement returns arrays and a function compiled once for its
 * column list turns each array into an object literal, which V8 builds in one step with a shared
 * shape. The column names come from SQLite's own description of our SQL, never from input.
 */
export class ObjectRows<Params extends unknown[]> {
  readonly #statement: Database.Statement<Params, unknown[]>
  readonly #toObject: (values: unknown[]) => Row

  constructor(db: Database.Database, sql: string) {
    this.#statement = db.prepare<Params, unknown[]>(sql).raw(true)
    const fields = this.#statement
      .columns()
      .map((column, index) => `${JSON.stringify(column.name)}: v[${index}]`)
    this.#toObject = new Function('v', `return { ${fields.join(', ')} }`) as (values: unknown[]) => Row
  }

  get(...params: Params): Row | undefined {
    const values = this.#statement.get(...params)
    return values === undefined ? undefined : this.#toObject(values)
  }

  all(...params: Params): Row[] {
    return this.#statement.all(...params).map(this.#toObject)
  }
}
