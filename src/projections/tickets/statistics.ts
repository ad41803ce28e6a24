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
