import type Database from 'better-sqlite3'
import type { TicketRow } from './schema.ts'

/** The columns a search's counts filter and group by. */
export type FacetRow = Pick<TicketRow, 'n' | 'archivado' | 'area' | 'estado' | 'prioridad'>

export interface FacetFilter {
  /** Only these areas (the caller's scope and the area filter, intersected); null: any. */
  areas: ReadonlySet<string> | null
  prioridades: ReadonlySet<string> | null
  incluirArchivados: boolean
}

/**
 * Each ticket's archivado, area, estado and prioridad by its number `n` (the search index's
 * rowid), held in memory, so that a text search counts its matches without visiting the tickets
 * table once per match (docs/read-models.md, "Text search").
 *
 * Why: the count of a search that matches many tickets (`impresora`: 16,667 of 1,000,000) was one
 * b-tree search per match, about 1 µs each: most of the search's time. Here it is an array read.
 *
 * One 32-bit word per ticket: estado, prioridad and area as small codes (1-based; 0 = no ticket)
 * and the archivado bit — 4 MB at 1,000,000 tickets. The first search starts loading them in the
 * background, LOAD_CHUNK tickets per turn of the event loop (about 1 s in all at 1,000,000, no turn
 * held for more than about 20 ms); until they are loaded, searches count in SQL as before. From
 * then on the tickets projector reports every row it writes (`written`), on the same connection
 * and in the same synchronous step, so the words are never older than the read model. If a
 * projection batch fails, its transaction is rolled back and the runner stops: `forget` drops the
 * words and the next search loads them again.
 */
export class SearchFacets {
  #words: Uint32Array | null = null
  /** True once every ticket's word is loaded. */
  #ready = false
  /** Changed by forget: a load in progress from before it stops. */
  #generation = 0
  readonly #codes = {
    estado: new Codes(CODE_MASK),
    prioridad: new Codes(CODE_MASK),
    area: new Codes(AREA_MASK),
  }
  readonly #chunk: Database.Statement<[number], [number, number, string, string, string]>

  constructor(db: Database.Database) {
    // The narrow index holds every column needed, in n order: the scan does not touch the table.
    this.#chunk = db
      .prepare<[number], [number, number, string, string, string]>(
        `SELECT n, archivado, area, estado, prioridad FROM tickets INDEXED BY tickets_n_filtros WHERE n > ? ORDER BY n LIMIT ${LOAD_CHUNK}`,
      )
      .raw()
  }

  /** A row the projector has just written (insert or update). */
  written(row: FacetRow): void {
    if (this.#words === null || row.n === null) return
    this.#set(row.n, row)
  }

  /** Drops the words; the next count loads them again. */
  forget(): void {
    this.#words = null
    this.#ready = false
    this.#generation++
  }

  /**
   * Matches passing the filter, counted by estado; null while the words are not loaded yet (the
   * caller counts in SQL), and the first call starts loading them.
   */
  countByEstado(matches: Iterable<number>, filter: FacetFilter): Record<string, number> | null {
    if (!this.#ready) {
      if (this.#words === null) void this.#load()
      return null
    }
    const words = this.#words!
    const { estado, prioridad, area } = this.#codes
    // The filter as a code test: one lookup table per column, indexed by code.
    const areaOk = area.allowed(filter.areas)
    const prioridadOk = prioridad.allowed(filter.prioridades)
    const perEstado = new Uint32Array(estado.size + 1)
    for (const n of matches) {
      const word = n < words.length ? words[n]! : 0
      if (word === 0) continue
      if (!filter.incluirArchivados && word & ARCHIVADO_BIT) continue
      if (!areaOk[(word >>> AREA_SHIFT) & AREA_MASK]) continue
      if (!prioridadOk[(word >>> PRIORIDAD_SHIFT) & CODE_MASK]) continue
      perEstado[word & CODE_MASK]!++
    }
    const counts: Record<string, number> = {}
    perEstado.forEach((n, code) => {
      if (n > 0) counts[estado.value(code)] = n
    })
    return counts
  }

  async #load(): Promise<void> {
    const generation = this.#generation
    this.#words = new Uint32Array(1024)
    let after = 0
    for (;;) {
      if (this.#generation !== generation) return
      const rows = this.#chunk.all(after)
      for (const [n, archivado, area, estado, prioridad] of rows)
        this.#set(n, { n, archivado, area, estado, prioridad })
      if (rows.length < LOAD_CHUNK) break
      after = rows[rows.length - 1]![0]
      await new Promise((resolve) => setImmediate(resolve))
    }
    this.#ready = true
  }

  #set(n: number, row: FacetRow): void {
    let words = this.#words!
    if (n >= words.length) {
      const grown = new Uint32Array(Math.max(words.length * 2, n + 1))
      grown.set(words)
      this.#words = words = grown
    }
    words[n] =
      this.#codes.estado.code(row.estado) |
      (this.#codes.prioridad.code(row.prioridad) << PRIORIDAD_SHIFT) |
      (this.#codes.area.code(row.area) << AREA_SHIFT) |
      (row.archivado ? ARCHIVADO_BIT : 0)
  }
}

/** Tickets read per turn of the event loop while loading (about 15 ms each). */
const LOAD_CHUNK = 10_000

// word = estado (8 bits) | prioridad (8 bits) << 8 | area (15 bits) << 16 | archivado << 31
const CODE_MASK = 0xff
const PRIORIDAD_SHIFT = 8
const AREA_SHIFT = 16
const AREA_MASK = 0x7fff
const ARCHIVADO_BIT = 0x80000000

/** Small 1-based codes for a column's values, assigned as they are first seen. */
class Codes {
  readonly #byValue = new Map<string, number>()
  readonly #values: string[] = ['']

  /** `max`: the largest code the word has room for. */
  constructor(private readonly max: number) {}

  get size(): number {
    return this.#values.length - 1
  }

  code(value: string): number {
    let code = this.#byValue.get(value)
    if (code === undefined) {
      code = this.#values.length
      // The catalogue has a handful of estados and prioridades and tens of areas; a value beyond
      // the word's room would be a bug elsewhere, not something to pack silently.
      if (code > this.max) throw new Error(`search facets: too many distinct values (${value})`)
      this.#byValue.set(value, code)
      this.#values.push(value)
    }
    return code
  }

  value(code: number): string {
    return this.#values[code]!
  }

  /** allowed[code] is true for the codes of `values` (every code when values is null). */
  allowed(values: ReadonlySet<string> | null): Uint8Array {
    const allowed = new Uint8Array(this.#values.length)
    for (let code = 1; code < this.#values.length; code++)
      allowed[code] = values === null || values.has(this.#values[code]!) ? 1 : 0
    return allowed
  }
}
