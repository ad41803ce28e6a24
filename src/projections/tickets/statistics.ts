import type Database from 'better-sqlite3'
import type { TicketScope } from './view.ts'

/**
 * GET /api/tickets/estadisticas: figures over the tickets created in [desde, hasta), from the
 * read model. docs/read-models.md has the SQL an analyst would run for the same figures.
 */
export interface StatisticsQuery {
  desde?: string
  hasta?: string
  area?: string
}

export interface ClockCompliance {
  cumplidos: number
  vencidos: number
  enRiesgo: number
  enTiempo: number
  /** cumplidos / (cumplidos + vencidos): share of decided clocks that met their target; null if none. */
  cumplimiento: number | null
}

export interface Durations {
  n: number
  mediaHoras: number | null
  medianaHoras: number | null
}

export interface Statistics {
  desde: string | null
  hasta: string | null
  area: string | null
  total: number
  porEstado: Record<string, number>
  porArea: Record<string, number>
  porPrioridad: Record<string, number>
  porCategoria: Record<string, number>
  sla: { primeraRespuesta: ClockCompliance; resolucion: ClockCompliance }
  tiempos: { primeraRespuesta: Durations; resolucion: Durations }
  /** Tickets reopened at least once / tickets resolved at least once. */
  tasaReapertura: number | null
  /** Cancelled tickets / all tickets. */
  tasaCancelacion: number | null
}

const clockStatusSql = (prefix: 'pr' | 'res') =>
  `COALESCE(${prefix}_estado_fijo, CASE WHEN ? >= ${prefix}_vence THEN 'VENCIDO' WHEN ? >= ${prefix}_riesgo THEN 'EN_RIESGO' ELSE 'EN_TIEMPO' END)`

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits

export function computeStatistics(
  db: Database.Database,
  query: StatisticsQuery,
  scope: TicketScope,
  now: Date,
): Statistics {
  const where: string[] = []
  const params: unknown[] = []
  if (query.desde) where.push('creado_en >= ?') && params.push(query.desde)
  if (query.hasta) where.push('creado_en < ?') && params.push(query.hasta)
  if (scope.area !== null) where.push('area = ?') && params.push(scope.area)
  if (query.area) where.push('area = ?') && params.push(query.area)
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
  const groups = (column: string) =>
    Object.fromEntries(
      (
        db
          .prepare(
            `SELECT ${column} AS k, count(*) AS n FROM tickets ${clause} GROUP BY ${column} ORDER BY ${column}`,
          )
          .all(...params) as Array<{ k: string; n: number }>
      ).map((row) => [row.k, row.n]),
    )
  const total = (db.prepare(`SELECT count(*) AS n FROM tickets ${clause}`).get(...params) as { n: number }).n

  const nowIso = now.toISOString()
  const compliance = (prefix: 'pr' | 'res'): ClockCompliance => {
    const rows = db
      .prepare(`SELECT ${clockStatusSql(prefix)} AS estado, count(*) AS n FROM tickets ${clause} GROUP BY 1`)
      .all(nowIso, nowIso, ...params) as Array<{ estado: string; n: number }>
    const count = (estado: string) => rows.find((row) => row.estado === estado)?.n ?? 0
    const cumplidos = count('CUMPLIDO')
    const vencidos = count('VENCIDO')
    return {
      cumplidos,
      vencidos,
      enRiesgo: count('EN_RIESGO'),
      enTiempo: count('EN_TIEMPO'),
      cumplimiento: cumplidos + vencidos === 0 ? null : round(cumplidos / (cumplidos + vencidos)),
    }
  }
  const durations = (column: string): Durations => {
    const hours = (
      db
        .prepare(
          `SELECT (julianday(${column}) - julianday(creado_en)) * 24 AS h FROM tickets ${clause}${clause ? ' AND' : ' WHERE'} ${column} IS NOT NULL ORDER BY h`,
        )
        .all(...params) as Array<{ h: number }>
    ).map((row) => row.h)
    if (hours.length === 0) return { n: 0, mediaHoras: null, medianaHoras: null }
    const middle = Math.floor(hours.length / 2)
    const median = hours.length % 2 ? hours[middle]! : (hours[middle - 1]! + hours[middle]!) / 2
    return {
      n: hours.length,
      mediaHoras: round(hours.reduce((a, b) => a + b, 0) / hours.length),
      medianaHoras: round(median),
    }
  }
  const rates = db
    .prepare(
      `SELECT sum(reaperturas > 0) AS reabiertos, sum(resuelto_en IS NOT NULL) AS resueltos, sum(cancelado_en IS NOT NULL) AS cancelados FROM tickets ${clause}`,
    )
    .get(...params) as { reabiertos: number | null; resueltos: number | null; cancelados: number | null }
  return {
    desde: query.desde ?? null,
    hasta: query.hasta ?? null,
    area: scope.area ?? query.area ?? null,
    total,
    porEstado: groups('estado'),
    porArea: groups('area'),
    porPrioridad: groups('prioridad'),
    porCategoria: groups('categoria'),
    sla: { primeraRespuesta: compliance('pr'), resolucion: compliance('res') },
    tiempos: { primeraRespuesta: durations('primera_respuesta_en'), resolucion: durations('resuelto_en') },
    tasaReapertura: rates.resueltos ? round((rates.reabiertos ?? 0) / rates.resueltos) : null,
    tasaCancelacion: total ? round((rates.cancelados ?? 0) / total) : null,
  }
}

/**
 * The console's charts over time: tickets created per period (day or ISO week, in the help desk's
 * time zone given as a fixed offset), broken down by their current estado and by área, and the
 * SLA compliance of each prioridad. Same filters and scope as computeStatistics.
 */
export interface SeriesQuery extends StatisticsQuery {
  granularidad: 'dia' | 'semana'
  /** Minutes to add to UTC to get the local wall clock the periods are cut on (e.g. 60 for CET). */
  offsetMinutes: number
}

export interface StatisticsSeries {
  granularidad: 'dia' | 'semana'
  /** Period starts (local dates, YYYY-MM-DD) that have at least one ticket, in order. */
  periodos: string[]
  /** periodo → estado → tickets created in that period that are now in that estado. */
  porEstado: Record<string, Record<string, number>>
  /** periodo → área → tickets created in that period that are now in that área. */
  porArea: Record<string, Record<string, number>>
  /** prioridad → compliance of each clock (tickets of that current prioridad). */
  slaPorPrioridad: Record<string, { primeraRespuesta: ClockCompliance; resolucion: ClockCompliance }>
}

export function computeSeries(
  db: Database.Database,
  query: SeriesQuery,
  scope: TicketScope,
  now: Date,
): StatisticsSeries {
  const where: string[] = []
  const params: unknown[] = []
  if (query.desde) where.push('creado_en >= ?') && params.push(query.desde)
  if (query.hasta) where.push('creado_en < ?') && params.push(query.hasta)
  if (scope.area !== null) where.push('area = ?') && params.push(scope.area)
  if (query.area) where.push('area = ?') && params.push(query.area)
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
  const offset = `${Math.trunc(query.offsetMinutes) >= 0 ? '+' : ''}${Math.trunc(query.offsetMinutes)} minutes`
  // The local day, then for weeks the Monday on or before it.
  const period =
    query.granularidad === 'semana'
      ? `date(creado_en, '${offset}', '-6 days', 'weekday 1')`
      : `date(creado_en, '${offset}')`
  const breakdown = (column: string) => {
    const rows = db
      .prepare(
        `SELECT ${period} AS p, ${column} AS k, count(*) AS n FROM tickets ${clause} GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all(...params) as Array<{ p: string; k: string; n: number }>
    const result: Record<string, Record<string, number>> = {}
    for (const row of rows) (result[row.p] ??= {})[row.k] = row.n
    return result
  }
  const porEstado = breakdown('estado')
  const porArea = breakdown('area')
  const nowIso = now.toISOString()
  const slaPorPrioridad: StatisticsSeries['slaPorPrioridad'] = {}
  for (const prefix of ['pr', 'res'] as const) {
    const rows = db
      .prepare(
        `SELECT prioridad AS p, ${clockStatusSql(prefix)} AS estado, count(*) AS n FROM tickets ${clause} GROUP BY 1, 2`,
      )
      .all(nowIso, nowIso, ...params) as Array<{ p: string; estado: string; n: number }>
    const byPriority = new Map<string, Record<string, number>>()
    for (const row of rows) {
      const counts = byPriority.get(row.p) ?? {}
      counts[row.estado] = row.n
      byPriority.set(row.p, counts)
    }
    for (const [prioridad, counts] of byPriority) {
      const cumplidos = counts.CUMPLIDO ?? 0
      const vencidos = counts.VENCIDO ?? 0
      const compliance: ClockCompliance = {
        cumplidos,
        vencidos,
        enRiesgo: counts.EN_RIESGO ?? 0,
        enTiempo: counts.EN_TIEMPO ?? 0,
        cumplimiento: cumplidos + vencidos === 0 ? null : round(cumplidos / (cumplidos + vencidos)),
      }
      const entry = (slaPorPrioridad[prioridad] ??= {
        primeraRespuesta: emptyCompliance(),
        resolucion: emptyCompliance(),
      })
      entry[prefix === 'pr' ? 'primeraRespuesta' : 'resolucion'] = compliance
    }
  }
  return {
    granularidad: query.granularidad,
    periodos: Object.keys(porEstado).sort(),
    porEstado,
    porArea,
    slaPorPrioridad,
  }
}

function emptyCompliance(): ClockCompliance {
  return { cumplidos: 0, vencidos: 0, enRiesgo: 0, enTiempo: 0, cumplimiento: null }
}
