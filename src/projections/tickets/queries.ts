import type Database from 'better-sqlite3'
import { DEFAULT_SLA_POLICY, type SlaPolicy, type SlaState, type SlaStatus } from '../../domain/sla.ts'
import { ObjectRows } from '../object-rows.ts'
import { PreparedStatements, where } from '../sql.ts'
import { decodeCursor, encodeCursor } from './cursor.ts'
import { emailLookupHash, SUMMARY_TICKET_COLUMNS, type TicketRow } from './schema.ts'
import { searchPlan } from './search.ts'
import { type FacetRow, SearchFacets } from './search-facets.ts'
import {
  computeSeries,
  computeStatistics,
  type SeriesQuery,
  type Statistics,
  type StatisticsQuery,
  type StatisticsSeries,
} from './statistics.ts'
import {
  type PublicTicketView,
  COMMAND_ANSWER_RESPONSES,
  type DetailResponseRow,
  type ResponseRow,
  type SummaryRow,
  type TicketDetail,
  type TicketScope,
  type TicketSummary,
  PUBLIC_RESPONSES_LIMIT,
  toDetail,
  toPublic,
  toSummary,
} from './view.ts'

/**
 * Every read of the tickets read model. Access scoping (an AREA user sees only their area) is
 * applied here, inside the SQL, so no caller can forget it.
 */

export const DASHBOARD_SORTS = {
  recientes: { columns: ['creado_en', 'id'], direction: 'DESC' },
  antiguos: { columns: ['creado_en', 'id'], direction: 'ASC' },
  prioridad: { columns: ['prioridad_rank', 'creado_en', 'id'], direction: 'DESC' },
  actualizados: { columns: ['actualizado_en', 'id'], direction: 'DESC' },
  /** Most urgent first: earliest due instant of a running SLA clock; tickets with none last. */
  vencimiento: { columns: ['sla_orden', 'id'], direction: 'ASC' },
} as const satisfies Record<
  string,
  { columns: readonly (typeof SUMMARY_TICKET_COLUMNS)[number][]; direction: string }
>
export type DashboardSort = keyof typeof DASHBOARD_SORTS

export interface DashboardQuery {
  estado?: string[]
  prioridad?: string[]
  area?: string[]
  agenteId?: string
  categoria?: string
  q?: string
  incluirArchivados?: boolean
  /** SLA status for "now" (the worst of the two clocks). */
  sla?: SlaStatus[]
  orden?: DashboardSort
  limit: number
  cursor?: string
}

export interface DashboardPage {
  items: TicketSummary[]
  nextCursor: string | null
  total: number
  resumen: Record<string, number>
}

/** SLA status of one clock for the instant bound as @now, in SQL (see slaColumns). */
const clockStatusSql = (prefix: 'pr' | 'res') =>
  `COALESCE(${prefix}_estado_fijo, CASE WHEN @now >= ${prefix}_vence THEN 'VENCIDO' WHEN @now >= ${prefix}_riesgo THEN 'EN_RIESGO' ELSE 'EN_TIEMPO' END)`
const urgencySql = (status: string) =>
  `CASE ${status} WHEN 'VENCIDO' THEN 3 WHEN 'EN_RIESGO' THEN 2 WHEN 'EN_TIEMPO' THEN 1 ELSE 0 END`
/** The ticket's SLA status: its more urgent clock. */
export const TICKET_SLA_STATUS_SQL = `CASE max(${urgencySql(clockStatusSql('pr'))}, ${urgencySql(clockStatusSql('res'))}) WHEN 3 THEN 'VENCIDO' WHEN 2 THEN 'EN_RIESGO' WHEN 1 THEN 'EN_TIEMPO' ELSE 'CUMPLIDO' END`

const SUMMARY_SELECT = SUMMARY_TICKET_COLUMNS.join(', ')
/** A search with more matches than this finds its page by walking the sort's index (see #page). */
const SEARCH_SORT_LIMIT = 2000

/** A dashboard page before the SLA view of its items (which depends on "now"). */
interface StoredPage {
  rows: SummaryRow[]
  /** Each row's sla_estado, parsed. */
  states: SlaState[]
  nextCursor: string | null
  total: number
  resumen: Record<string, number>
}

/**
 * Recent dashboard pages by query and scope, each valid for one version of the read model: the
 * connection's count of changed rows (every batch the projectors apply changes rows, its
 * checkpoint at least) and SQLite's data_version (changes by other connections to the file). A
 * page read in any other version is read again, so an answer is never older than the read model:
 * read-your-writes holds.
 */
class PageCache {
  static readonly SIZE = 64
  readonly #entries = new Map<string, { version: string; page: StoredPage }>()
  readonly #changes: Database.Statement<[], number>
  readonly #dataVersion: Database.Statement<[], number>

  constructor(db: Database.Database) {
    this.#changes = db.prepare<[], number>('SELECT total_changes()').pluck()
    this.#dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck()
  }

  version(): string {
    return `${this.#changes.get()}/${this.#dataVersion.get()}`
  }

  get(key: string, version: string): StoredPage | undefined {
    const entry = this.#entries.get(key)
    if (entry === undefined) return undefined
    if (entry.version !== version) {
      this.#entries.delete(key)
      return undefined
    }
    return entry.page
  }

  set(key: string, version: string, page: StoredPage): void {
    this.#entries.delete(key)
    this.#entries.set(key, { version, page })
    // Oldest first in a Map: drop the oldest beyond the bound.
    if (this.#entries.size > PageCache.SIZE) this.#entries.delete(this.#entries.keys().next().value!)
  }
}

export class TicketQueries {
  readonly #ticketById: ObjectRows<[string]>
  readonly #responses: ObjectRows<[string]>
  readonly #latestDetailResponses: ObjectRows<[string]>
  readonly #latestResponses: Database.Statement<
    [string, number],
    Pick<ResponseRow, 'respuesta' | 'creado_en'>
  >
  readonly #responseCount: Database.Statement<[string], { n: number }>
  readonly #publicLookup: ObjectRows<[string, string]>
  readonly #ticketsOfEmail: Database.Statement<[string], { ticket_id: string }>
  readonly #prepared: PreparedStatements
  readonly #sla: SlaPolicy
  readonly #now: () => Date
  readonly #pages: PageCache
  readonly #searchSortLimit: number
  readonly #facets: SearchFacets
  readonly #searchMatches: Database.Statement<[string], number>
  readonly #ticketNumberByCode: Database.Statement<[string], number>
  readonly #ticketNumbersByEmail: Database.Statement<[string], number>

  constructor(
    private readonly db: Database.Database,
    options: { sla?: SlaPolicy; now?: () => Date; searchSortLimit?: number } = {},
  ) {
    this.#sla = options.sla ?? DEFAULT_SLA_POLICY
    this.#now = options.now ?? (() => new Date())
    this.#prepared = new PreparedStatements(db)
    this.#pages = new PageCache(db)
    this.#searchSortLimit = options.searchSortLimit ?? SEARCH_SORT_LIMIT
    this.#facets = new SearchFacets(db)
    this.#searchMatches = db
      .prepare<[string], number>('SELECT rowid FROM tickets_busqueda WHERE tickets_busqueda MATCH ?')
      .pluck()
    this.#ticketNumberByCode = db.prepare<[string], number>('SELECT n FROM tickets WHERE codigo = ?').pluck()
    this.#ticketNumbersByEmail = db
      .prepare<[string], number>('SELECT n FROM tickets WHERE solicitante_email = ? COLLATE NOCASE')
      .pluck()
    this.#ticketById = new ObjectRows(db, 'SELECT * FROM tickets WHERE id = ?')
    // A ticket's responses, as the detail shows them (ObjectRows builds the row objects): all of
    // them, or the latest COMMAND_ANSWER_RESPONSES for a command's answer.
    this.#responses = new ObjectRows(
      db,
      'SELECT respuesta, autor_id, autor_nombre, autor_rol, creado_en FROM ticket_respuestas WHERE ticket_id = ? ORDER BY n',
    )
    // The limit is written into the SQL: a bound LIMIT costs about 10 µs more per execution.
    this.#latestDetailResponses = new ObjectRows(
      db,
      `SELECT respuesta, autor_id, autor_nombre, autor_rol, creado_en FROM (SELECT n, respuesta, autor_id, autor_nombre, autor_rol, creado_en FROM ticket_respuestas WHERE ticket_id = ? ORDER BY n DESC LIMIT ${COMMAND_ANSWER_RESPONSES}) ORDER BY n`,
    )
    this.#latestResponses = db.prepare(
      'SELECT respuesta, creado_en FROM (SELECT n, respuesta, creado_en FROM ticket_respuestas WHERE ticket_id = ? ORDER BY n DESC LIMIT ?) ORDER BY n',
    )
    this.#responseCount = db.prepare('SELECT count(*) AS n FROM ticket_respuestas WHERE ticket_id = ?')
    this.#ticketsOfEmail = db.prepare('SELECT ticket_id FROM consulta_publica WHERE email_hash = ?')
    this.#publicLookup = new ObjectRows(
      db,
      'SELECT t.* FROM consulta_publica c JOIN tickets t ON t.id = c.ticket_id WHERE c.codigo = ? AND c.email_hash = ?',
    )
  }

  dashboard(query: DashboardQuery, scope: TicketScope): DashboardPage {
    const now = this.#now()
    // The rows, cursor and counts of a page depend on "now" only through the sla filter; without
    // it they are kept until the read model next changes, and only the SLA view of each item is
    // computed again for this instant.
    // Searches (q) are typed, rarely repeated, and are not kept.
    const key = query.sla?.length || query.q?.trim() ? null : JSON.stringify([query, scope])
    const version = this.#pages.version()
    let page = key === null ? undefined : this.#pages.get(key, version)
    if (page === undefined) {
      page = this.#page(query, scope, now)
      if (key !== null) this.#pages.set(key, version, page)
    }
    const calendar = this.#sla.calendar
    return {
      items: page.rows.map((row, i) => toSummary(row, calendar, now, page.states[i])),
      nextCursor: page.nextCursor,
      total: page.total,
      resumen: { ...page.resumen },
    }
  }

  #page(query: DashboardQuery, scope: TicketScope, now: Date): StoredPage {
    const sortName = query.orden ?? 'recientes'
    const sort = DASHBOARD_SORTS[sortName]
    const withoutEstado = this.#filters(query, scope, false, now, 'lookup')
    const resumen = this.#resumen(query, scope, withoutEstado)
    const total =
      query.estado && query.estado.length > 0
        ? query.estado.reduce((sum, estado) => sum + (resumen[estado] ?? 0), 0)
        : Object.values(resumen).reduce((sum, n) => sum + n, 0)
    // With q, the count says which way the page is cheaper to find: few matches are read and
    // sorted; among many, walking the sort's index and testing each entry against the matches
    // finds the page's rows within the first few thousand entries.
    const searching = Boolean(query.q?.trim())
    const mode = total > this.#searchSortLimit ? 'probe' : 'lookup'
    const filters = this.#filters(query, scope, true, now, mode)
    // NOT INDEXED: only the matches' numbers may lead (else SQLite may walk an index anyway).
    const from = searching && mode === 'lookup' ? 'tickets NOT INDEXED' : 'tickets'

    const page: { sql: string[]; params: unknown[] } = { sql: [...filters.sql], params: [...filters.params] }
    if (query.cursor) {
      const values = decodeCursor(query.cursor, sortName, sort.columns.length)
      const comparison = sort.direction === 'DESC' ? '<' : '>'
      page.sql.push(`(${sort.columns.join(', ')}) ${comparison} (${values.map(() => '?').join(', ')})`)
      page.params.push(...values)
    }
    const order = sort.columns.map((column) => `${column} ${sort.direction}`).join(', ')
    const rows =
      total === 0
        ? []
        : (this.#prepared
            .objectRows(`SELECT ${SUMMARY_SELECT} FROM ${from} ${where(page.sql)} ORDER BY ${order} LIMIT ?`)
            .all(...page.params, query.limit + 1) as SummaryRow[])
    const hasMore = rows.length > query.limit
    const items = rows.slice(0, query.limit)
    const last = items[items.length - 1]
    const nextCursor =
      hasMore && last
        ? encodeCursor(
            sortName,
            sort.columns.map((column) => last[column]),
          )
        : null

    const states = items.map((row) => JSON.parse(row.sla_estado) as SlaState)
    return { rows: items, states, nextCursor, total, resumen }
  }

  /**
   * The ticket as stored, or null when it does not exist or lies outside the caller's scope.
   * `latestResponses`: only the latest COMMAND_ANSWER_RESPONSES responses (a command's answer).
   */
  ticket(id: string, scope: TicketScope, { latestResponses = false } = {}): TicketDetail | null {
    const row = this.#ticketById.get(id) as TicketRow | undefined
    if (!row || (scope.area !== null && row.area !== scope.area)) return null
    return this.#toDetail(row, this.#now(), latestResponses)
  }

  /** A row the tickets projector has just written (keeps the search facets current). */
  ticketWritten(row: FacetRow): void {
    this.#facets.written(row)
  }

  /** After a failed projection batch: the facets may hold rows that were rolled back. */
  forgetSearchFacets(): void {
    this.#facets.forget()
  }

  /** Ids of every ticket filed with this requester e-mail (an erasure's scope). */
  ticketIdsOfRequester(email: string): string[] {
    return this.#ticketsOfEmail.all(emailLookupHash(email)).map((row) => row.ticket_id)
  }

  /** The requester's view, when codigo and email match; null for a wrong code or a wrong email alike. */
  publicLookup(codigo: string, email: string): PublicTicketView | null {
    const row = this.#publicLookup.get(codigo.trim().toUpperCase(), emailLookupHash(email)) as
      TicketRow | undefined
    return row ? this.#toPublic(row) : null
  }

  /** Tickets created by a USUARIO account, newest first. */
  ticketsOfRequester(userId: string, limit = 100): PublicTicketView[] {
    const rows = this.#prepared
      .statement('SELECT * FROM tickets WHERE solicitante_id = ? ORDER BY creado_en DESC, id DESC LIMIT ?')
      .all(userId, limit) as TicketRow[]
    return rows.map((row) => this.#toPublic(row))
  }

  statistics(query: StatisticsQuery, scope: TicketScope): Statistics {
    return computeStatistics(this.db, query, scope, this.#now())
  }

  /** The console's charts over time (see computeSeries). */
  statisticsSeries(query: SeriesQuery, scope: TicketScope): StatisticsSeries {
    return computeSeries(this.db, query, scope, this.#now())
  }

  #filters(
    query: DashboardQuery,
    scope: TicketScope,
    includeEstado: boolean,
    now: Date,
    search: 'lookup' | 'probe',
  ): { sql: string[]; params: unknown[] } {
    const sql: string[] = []
    const params: unknown[] = []
    const inList = (column: string, values: string[] | undefined) => {
      if (!values || values.length === 0) return
      sql.push(`${column} IN (${values.map(() => '?').join(', ')})`)
      params.push(...values)
    }
    if (scope.area !== null) sql.push('area = ?') && params.push(scope.area)
    if (!query.incluirArchivados) sql.push('archivado = 0')
    if (includeEstado) inList('estado', query.estado)
    inList('prioridad', query.prioridad)
    inList('area', query.area)
    if (query.agenteId) sql.push('agente_id = ?') && params.push(query.agenteId)
    if (query.categoria) sql.push('categoria = ? COLLATE NOCASE') && params.push(query.categoria.trim())
    if (query.sla && query.sla.length > 0) {
      const nowIso = now.toISOString()
      // The status expression reads @now four times per clock; bind it positionally each time.
      const expression = TICKET_SLA_STATUS_SQL.replaceAll('@now', '?')
      sql.push(`${expression} IN (${query.sla.map(() => '?').join(', ')})`)
      params.push(
        ...Array.from({ length: (TICKET_SLA_STATUS_SQL.match(/@now/g) ?? []).length }, () => nowIso),
        ...query.sla,
      )
    }
    if (query.q && query.q.trim() !== '') {
      // The matching rows by their number (search.ts): each part is an index lookup.
      const plan = searchPlan(query.q)
      const parts: string[] = []
      if (plan.match !== null) {
        parts.push('SELECT rowid FROM tickets_busqueda WHERE tickets_busqueda MATCH ?')
        params.push(plan.match)
      }
      if (plan.codigo !== null)
        parts.push('SELECT n FROM tickets WHERE codigo = ?') && params.push(plan.codigo)
      if (plan.email !== null)
        parts.push('SELECT n FROM tickets WHERE solicitante_email = ? COLLATE NOCASE') &&
          params.push(plan.email)
      // lookup: the matches drive (their rows are read by number); probe: `+n` keeps SQLite
      // from looking rows up by number, so it walks an index and tests each entry's n.
      sql.push(parts.length === 0 ? '0' : `${search === 'probe' ? '+n' : 'n'} IN (${parts.join(' UNION ')})`)
    }
    return { sql, params }
  }

  /** Counts per estado under the same scope and filters, except the estado filter itself. */
  #resumen(
    query: DashboardQuery,
    scope: TicketScope,
    filters: { sql: string[]; params: unknown[] },
  ): Record<string, number> {
    const countable = !query.agenteId && !query.categoria && !query.q?.trim() && !query.sla?.length
    if (query.q?.trim() && !query.agenteId && !query.categoria && !query.sla?.length) {
      // A search filtered by area and prioridad only (the common case): its matches are
      // counted from the in-memory facets (search-facets.ts), not ticket by ticket in SQL.
      const counts = this.#facets.countByEstado(this.#matchNumbers(query.q), {
        areas: intersect(scope.area === null ? null : [scope.area], query.area),
        prioridades: query.prioridad?.length ? new Set(query.prioridad) : null,
        incluirArchivados: Boolean(query.incluirArchivados),
      })
      if (counts !== null) return counts
    }
    let rows: Array<{ estado: string; n: number }>
    if (countable) {
      // Filters on area and prioridad only (the common case) are answered from the counts
      // table — a few hundred rows at most — instead of counting tickets.
      const sql: string[] = []
      const params: unknown[] = []
      const inList = (column: string, values: string[] | undefined) => {
        if (!values?.length) return
        sql.push(`${column} IN (${values.map(() => '?').join(', ')})`)
        params.push(...values)
      }
      if (scope.area !== null) sql.push('area = ?') && params.push(scope.area)
      inList('area', query.area)
      inList('prioridad', query.prioridad)
      rows = this.#prepared
        .statement(`SELECT estado, sum(n) AS n FROM conteo_estados ${where(sql)} GROUP BY estado`)
        .all(...params) as Array<{ estado: string; n: number }>
      if (!query.incluirArchivados) rows = rows.filter((row) => row.estado !== 'ARCHIVADO')
    } else {
      // With q, the matches' numbers lead, into the narrow index holding what the counts need.
      const from = query.q?.trim() ? 'tickets INDEXED BY tickets_n_filtros' : 'tickets'
      rows = this.#prepared
        .statement(`SELECT estado, count(*) AS n FROM ${from} ${where(filters.sql)} GROUP BY estado`)
        .all(...filters.params) as Array<{ estado: string; n: number }>
    }
    const resumen: Record<string, number> = {}
    for (const row of rows) if (row.n > 0) resumen[row.estado] = row.n
    return resumen
  }

  /** The numbers (n) of the tickets q matches, each once (search.ts says what matches). */
  #matchNumbers(q: string): Iterable<number> {
    const plan = searchPlan(q)
    const words = plan.match === null ? [] : this.#searchMatches.all(plan.match)
    if (plan.codigo === null && plan.email === null) return words
    const numbers = new Set(words)
    if (plan.codigo !== null) for (const n of this.#ticketNumberByCode.all(plan.codigo)) numbers.add(n)
    if (plan.email !== null) for (const n of this.#ticketNumbersByEmail.all(plan.email)) numbers.add(n)
    return numbers
  }

  #toPublic(row: TicketRow): PublicTicketView {
    const latest = this.#latestResponses.all(row.id, PUBLIC_RESPONSES_LIMIT)
    return toPublic(row, latest, this.#responseCount.get(row.id)?.n ?? 0)
  }

  #toDetail(row: TicketRow, now: Date, latestResponses = false): TicketDetail {
    const statement = latestResponses ? this.#latestDetailResponses : this.#responses
    const responses = statement.all(row.id) as unknown as DetailResponseRow[]
    // Counted only when the latest ones may not be all of them.
    const total =
      responses.length < COMMAND_ANSWER_RESPONSES || !latestResponses
        ? responses.length
        : (this.#responseCount.get(row.id)?.n ?? responses.length)
    return toDetail(row, responses, this.#sla.calendar, now, total)
  }
}

/** The values allowed by both lists (null: no restriction). */
function intersect(a: readonly string[] | null, b: readonly string[] | undefined): Set<string> | null {
  const second = b?.length ? b : null
  if (a === null) return second === null ? null : new Set(second)
  return new Set(second === null ? a : a.filter((value) => second.includes(value)))
}
