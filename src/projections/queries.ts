import type Database from 'better-sqlite3'
import type { Estado } from '../domain/catalogue.ts'
import {
  DEFAULT_SLA_POLICY,
  type SlaPolicy,
  type SlaState,
  type SlaStatus,
  type SlaView,
  viewSla,
} from '../domain/sla.ts'
import type { Rol } from '../domain/roles.ts'
import { ObjectRows, type Row } from './object-rows.ts'
import { emailLookupHash } from './projectors.ts'
import { computeStatistics, type Statistics, type StatisticsQuery } from './statistics.ts'

/**
 * Every read the HTTP layer makes. Access scoping (an AREA user sees only their area) is applied
 * here, inside the SQL, so no route can forget it.
 */

/** What the caller may see: every ticket (area null) or one area's. */
export interface TicketScope {
  area: string | null
}

export const DASHBOARD_SORTS = {
  recientes: { columns: ['creado_en', 'id'], direction: 'DESC' },
  antiguos: { columns: ['creado_en', 'id'], direction: 'ASC' },
  prioridad: { columns: ['prioridad_rank', 'creado_en', 'id'], direction: 'DESC' },
  actualizados: { columns: ['actualizado_en', 'id'], direction: 'DESC' },
  /** Most urgent first: earliest due instant of a running SLA clock; tickets with none last. */
  vencimiento: { columns: ['sla_orden', 'id'], direction: 'ASC' },
} as const
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

export interface TicketSummary {
  id: string
  codigo: string
  asunto: string
  estado: Estado
  prioridad: string
  categoria: string
  area: string
  agenteId: string | null
  agente: { id: string; nombre: string; rol: string } | null
  solicitante: { nombre: string; email: string; telefono: string | null }
  creadoEn: string
  actualizadoEn: string
  revision: number
  sla: SlaView
}

export interface TicketDetail extends TicketSummary {
  descripcion: string
  estadoAntesDePausa: string | null
  solicitanteId: string | null
  primeraRespuestaEn: string | null
  resueltoEn: string | null
  cerradoEn: string | null
  canceladoEn: string | null
  canceladoPor: string | null
  archivadoEn: string | null
  reaperturas: number
  transferencias: number
  motivos: Record<string, string | null>
  respuestas: Array<{
    respuesta: string
    autor: { id: string | null; nombre: string; rol: string }
    fecha: string
  }>
}

export interface DashboardPage {
  items: TicketSummary[]
  nextCursor: string | null
  total: number
  resumen: Record<string, number>
}

export interface PublicTicketView {
  codigo: string
  asunto: string
  estado: Estado
  prioridad: string
  area: string
  creadoEn: string
  actualizadoEn: string
  /** The latest PUBLIC_RESPONSES_LIMIT public responses, oldest first. */
  respuestas: Array<{ respuesta: string; fecha: string }>
  /** How many responses the ticket has in all (more than `respuestas.length` when capped). */
  totalRespuestas: number
}

export interface UserRecord {
  user_id: string
  email: string
  nombre: string
  rol: Rol
  area: string | null
  telefono: string | null
  is_active: boolean
  must_change_password: boolean
  created_at: string
  updated_at: string
}

/** What authentication needs besides the public record. Never leaves the server. */
export interface UserCredentials extends UserRecord {
  password_hash: string
  token_version: number
}

/** A cursor that does not decode, or belongs to another sort: the client's mistake (400). */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError'
}

/**
 * What a dashboard item needs (and the sort keys for its cursor). Decoding whole rows — some sixty
 * columns — costs twenty times more than these.
 */
const SUMMARY_COLUMNS = [
  'id',
  'codigo',
  'asunto',
  'estado',
  'prioridad',
  'prioridad_rank',
  'categoria',
  'area',
  'agente_id',
  'agente_nombre',
  'agente_rol',
  'solicitante_nombre',
  'solicitante_email',
  'solicitante_telefono',
  'creado_en',
  'actualizado_en',
  'revision',
  'sla_estado',
  'sla_orden',
].join(', ')

/** SLA status of one clock for the instant bound as @now, in SQL (see slaColumns). */
const clockStatusSql = (prefix: 'pr' | 'res') =>
  `COALESCE(${prefix}_estado_fijo, CASE WHEN @now >= ${prefix}_vence THEN 'VENCIDO' WHEN @now >= ${prefix}_riesgo THEN 'EN_RIESGO' ELSE 'EN_TIEMPO' END)`
const urgencySql = (status: string) =>
  `CASE ${status} WHEN 'VENCIDO' THEN 3 WHEN 'EN_RIESGO' THEN 2 WHEN 'EN_TIEMPO' THEN 1 ELSE 0 END`
/** The ticket's SLA status: its more urgent clock. */
export const TICKET_SLA_STATUS_SQL = `CASE max(${urgencySql(clockStatusSql('pr'))}, ${urgencySql(clockStatusSql('res'))}) WHEN 3 THEN 'VENCIDO' WHEN 2 THEN 'EN_RIESGO' WHEN 1 THEN 'EN_TIEMPO' ELSE 'CUMPLIDO' END`

/**
 * Public answers (consultar) carry at most this many responses, the latest ones: an anonymous
 * caller cannot make one lookup return megabytes (250 responses of 5 KB were 1.26 MB).
 */
export const PUBLIC_RESPONSES_LIMIT = 50

/** Users whose credentials are kept in memory; a help desk has far fewer. */
const CREDENTIALS_CACHE_SIZE = 10_000

export class ReadModelQueries {
  readonly #ticketById: ObjectRows<[string]>
  readonly #responses: Database.Statement<[string], Row>
  readonly #userById: Database.Statement<[string], Row>
  readonly #userByEmail: Database.Statement<[string], Row>
  readonly #otherActiveAdmins: Database.Statement<[string], { n: number }>
  readonly #publicLookup: Database.Statement<[string, string], Row>
  readonly #statementCache = new Map<string, Database.Statement>()
  readonly #objectRowsCache = new Map<string, ObjectRows<unknown[]>>()
  readonly #credentials = new Map<string, Readonly<UserCredentials>>()

  readonly #sla: SlaPolicy
  readonly #now: () => Date

  constructor(
    private readonly db: Database.Database,
    options: { sla?: SlaPolicy; now?: () => Date } = {},
  ) {
    this.#sla = options.sla ?? DEFAULT_SLA_POLICY
    this.#now = options.now ?? (() => new Date())
    this.#ticketById = new ObjectRows(db, 'SELECT * FROM tickets WHERE id = ?')
    this.#responses = db.prepare('SELECT * FROM ticket_respuestas WHERE ticket_id = ? ORDER BY n')
    this.#userById = db.prepare('SELECT * FROM users WHERE id = ?')
    this.#userByEmail = db.prepare('SELECT * FROM users WHERE email = ?')
    this.#otherActiveAdmins = db.prepare(
      "SELECT count(*) AS n FROM users WHERE rol = 'ADMIN' AND is_active = 1 AND id <> ?",
    )
    this.#publicLookup = db.prepare(
      'SELECT t.* FROM consulta_publica c JOIN tickets t ON t.id = c.ticket_id WHERE c.codigo = ? AND c.email_hash = ?',
    )
  }

  // ------------------------------------------------------------------------------------------
  // Tickets

  dashboard(query: DashboardQuery, scope: TicketScope): DashboardPage {
    const now = this.#now()
    const sortName = query.orden ?? 'recientes'
    const sort = DASHBOARD_SORTS[sortName]
    const filters = this.#filters(query, scope, true, now)
    const withoutEstado = this.#filters(query, scope, false, now)

    const page: { sql: string[]; params: unknown[] } = { sql: [...filters.sql], params: [...filters.params] }
    if (query.cursor) {
      const values = decodeCursor(query.cursor, sortName, sort.columns.length)
      const comparison = sort.direction === 'DESC' ? '<' : '>'
      page.sql.push(`(${sort.columns.join(', ')}) ${comparison} (${values.map(() => '?').join(', ')})`)
      page.params.push(...values)
    }
    const order = sort.columns.map((column) => `${column} ${sort.direction}`).join(', ')
    const rows = this.#objectRows(
      `SELECT ${SUMMARY_COLUMNS} FROM tickets ${where(page.sql)} ORDER BY ${order} LIMIT ?`,
    ).all(...page.params, query.limit + 1)
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

    const resumen = this.#resumen(query, scope, withoutEstado)
    const total =
      query.estado && query.estado.length > 0
        ? query.estado.reduce((sum, estado) => sum + (resumen[estado] ?? 0), 0)
        : Object.values(resumen).reduce((sum, n) => sum + n, 0)
    return { items: items.map((row) => this.#toSummary(row, now)), nextCursor, total, resumen }
  }

  /** The ticket as stored, or null when it does not exist or lies outside the caller's scope. */
  ticket(id: string, scope: TicketScope): TicketDetail | null {
    const row = this.#ticketById.get(id)
    if (!row || (scope.area !== null && row.area !== scope.area)) return null
    return this.#toDetail(row, this.#now())
  }

  /** The requester's view, when codigo and email match; null for a wrong code or a wrong email alike. */
  publicLookup(codigo: string, email: string): PublicTicketView | null {
    const row = this.#publicLookup.get(codigo.trim().toUpperCase(), emailLookupHash(email))
    return row ? this.#toPublic(row) : null
  }

  /** Tickets created by a USUARIO account, newest first. */
  ticketsOfRequester(userId: string, limit = 100): PublicTicketView[] {
    const rows = this.#statement(
      'SELECT * FROM tickets WHERE solicitante_id = ? ORDER BY creado_en DESC, id DESC LIMIT ?',
    ).all(userId, limit) as Row[]
    return rows.map((row) => this.#toPublic(row))
  }

  // ------------------------------------------------------------------------------------------
  // Users

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

  users(filter: { rol?: string; area?: string; is_active?: boolean } = {}): UserRecord[] {
    const sql: string[] = []
    const params: unknown[] = []
    if (filter.rol) sql.push('rol = ?') && params.push(filter.rol)
    if (filter.area) sql.push('area = ?') && params.push(filter.area)
    if (filter.is_active !== undefined) sql.push('is_active = ?') && params.push(filter.is_active ? 1 : 0)
    return (
      this.#statement(`SELECT * FROM users ${where(sql)} ORDER BY nombre, id`).all(...params) as Row[]
    ).map(toUser)
  }

  statistics(query: StatisticsQuery, scope: TicketScope): Statistics {
    return computeStatistics(this.db, query, scope, this.#now())
  }

  countOtherActiveAdmins(userId: string): number {
    return this.#otherActiveAdmins.get(userId)?.n ?? 0
  }

  userCount(): number {
    return (this.#statement('SELECT count(*) AS n FROM users').get() as { n: number }).n
  }

  // ------------------------------------------------------------------------------------------

  #filters(
    query: DashboardQuery,
    scope: TicketScope,
    includeEstado: boolean,
    now: Date,
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
      sql.push("id IN (SELECT ticket_id FROM tickets_busqueda WHERE texto LIKE ? ESCAPE '\\')")
      params.push(`%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
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
      rows = this.#statement(
        `SELECT estado, sum(n) AS n FROM conteo_estados ${where(sql)} GROUP BY estado`,
      ).all(...params) as Array<{ estado: string; n: number }>
      if (!query.incluirArchivados) rows = rows.filter((row) => row.estado !== 'ARCHIVADO')
    } else {
      rows = this.#statement(
        `SELECT estado, count(*) AS n FROM tickets ${where(filters.sql)} GROUP BY estado`,
      ).all(...filters.params) as Array<{ estado: string; n: number }>
    }
    const resumen: Record<string, number> = {}
    for (const row of rows) if (row.n > 0) resumen[row.estado] = row.n
    return resumen
  }

  #objectRows(sql: string): ObjectRows<unknown[]> {
    return preparedOnce(this.#objectRowsCache, sql, () => new ObjectRows(this.db, sql))
  }

  #statement(sql: string): Database.Statement {
    return preparedOnce(this.#statementCache, sql, () => this.db.prepare(sql))
  }

  #toSummary(row: Row, now: Date): TicketSummary {
    return {
      ...toSummary(row),
      sla: viewSla(JSON.parse(String(row.sla_estado)) as SlaState, this.#sla.calendar, now.getTime()),
    }
  }

  #toDetail(row: Row, now: Date): TicketDetail {
    const responses = this.#responses.all(String(row.id))
    return {
      ...this.#toSummary(row, now),
      descripcion: String(row.descripcion),
      estadoAntesDePausa: (row.estado_antes_pausa as string | null) ?? null,
      solicitanteId: (row.solicitante_id as string | null) ?? null,
      primeraRespuestaEn: (row.primera_respuesta_en as string | null) ?? null,
      resueltoEn: (row.resuelto_en as string | null) ?? null,
      cerradoEn: (row.cerrado_en as string | null) ?? null,
      canceladoEn: (row.cancelado_en as string | null) ?? null,
      canceladoPor: (row.cancelado_por as string | null) ?? null,
      archivadoEn: (row.archivado_en as string | null) ?? null,
      reaperturas: Number(row.reaperturas),
      transferencias: Number(row.transferencias),
      motivos: {
        asignar: (row.motivo_asignar as string | null) ?? null,
        transferir: (row.motivo_transferir as string | null) ?? null,
        reclasificar: (row.motivo_reclasificar as string | null) ?? null,
        pausar: (row.motivo_pausar as string | null) ?? null,
        reabrir: (row.motivo_reabrir as string | null) ?? null,
        cancelar: (row.motivo_cancelar as string | null) ?? null,
        archivar: (row.motivo_archivar as string | null) ?? null,
      },
      respuestas: responses.map((response) => ({
        respuesta: String(response.respuesta),
        autor: {
          id: (response.autor_id as string | null) ?? null,
          nombre: String(response.autor_nombre),
          rol: String(response.autor_rol),
        },
        fecha: String(response.creado_en),
      })),
    }
  }

  #toPublic(row: Row): PublicTicketView {
    const id = String(row.id)
    return {
      codigo: String(row.codigo),
      asunto: String(row.asunto),
      estado: row.estado as Estado,
      prioridad: String(row.prioridad),
      area: String(row.area),
      creadoEn: String(row.creado_en),
      actualizadoEn: String(row.actualizado_en),
      respuestas: (
        this.#statement(
          'SELECT respuesta, creado_en FROM (SELECT n, respuesta, creado_en FROM ticket_respuestas WHERE ticket_id = ? ORDER BY n DESC LIMIT ?) ORDER BY n',
        ).all(id, PUBLIC_RESPONSES_LIMIT) as Row[]
      ).map((response) => ({
        respuesta: String(response.respuesta),
        fecha: String(response.creado_en),
      })),
      totalRespuestas: Number(
        (
          this.#statement('SELECT count(*) AS n FROM ticket_respuestas WHERE ticket_id = ?').get(id) as {
            n: number
          }
        ).n,
      ),
    }
  }
}

/** The statement cached under its SQL, prepared on first use. */
function preparedOnce<S>(cache: Map<string, S>, sql: string, prepare: () => S): S {
  let statement = cache.get(sql)
  if (statement === undefined) {
    statement = prepare()
    cache.set(sql, statement)
  }
  return statement
}

function where(conditions: string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`
}

function toSummary(row: Row): Omit<TicketSummary, 'sla'> {
  const agenteId = (row.agente_id as string | null) ?? null
  return {
    id: String(row.id),
    codigo: String(row.codigo),
    asunto: String(row.asunto),
    estado: row.estado as Estado,
    prioridad: String(row.prioridad),
    categoria: String(row.categoria),
    area: String(row.area),
    agenteId,
    agente: agenteId
      ? { id: agenteId, nombre: String(row.agente_nombre), rol: String(row.agente_rol) }
      : null,
    solicitante: {
      nombre: String(row.solicitante_nombre),
      email: String(row.solicitante_email),
      telefono: (row.solicitante_telefono as string | null) ?? null,
    },
    creadoEn: String(row.creado_en),
    actualizadoEn: String(row.actualizado_en),
    revision: Number(row.revision),
  }
}

function toUser(row: Row): UserRecord {
  return {
    user_id: String(row.id),
    email: String(row.email),
    nombre: String(row.nombre),
    rol: row.rol as Rol,
    area: (row.area as string | null) ?? null,
    telefono: (row.telefono as string | null) ?? null,
    is_active: row.is_active === 1,
    must_change_password: row.must_change_password === 1,
    created_at: String(row.created_at),
    updated_at: String(row.updated_at),
  }
}

function toCredentials(row: Row): UserCredentials {
  return {
    ...toUser(row),
    password_hash: String(row.password_hash),
    token_version: Number(row.token_version),
  }
}

function encodeCursor(sort: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([sort, ...values])).toString('base64url')
}

function decodeCursor(cursor: string, sort: string, length: number): unknown[] {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new InvalidCursorError('cursor is not valid')
  }
  if (!Array.isArray(decoded) || decoded[0] !== sort || decoded.length !== length + 1) {
    throw new InvalidCursorError('cursor does not belong to this query')
  }
  const values = decoded.slice(1)
  if (!values.every((value) => typeof value === 'string' || typeof value === 'number')) {
    throw new InvalidCursorError('cursor is not valid')
  }
  return values
}
