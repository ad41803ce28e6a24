import type { FastifyPluginAsync } from 'fastify'
import { ESTADOS, PRIORIDADES } from '../../domain/catalogue.ts'
import { type Series, groupedBarChart, PALETTE, stackedBarChart } from '../charts.ts'
import {
  ESTADO_LABELS,
  label,
  localDay,
  offsetMinutes,
  PRIORIDAD_LABELS,
  startOfLocalDay,
} from '../format.ts'
import { formFields } from '../forms.ts'

const DAY = 86_400_000
/** Ranges longer than this are drawn per week, so a bar stays wide enough to read. */
const MAX_DAILY_PERIODS = 62
/** The range shown when the URL names none: the last 30 days, today included. */
const DEFAULT_DAYS = 30

/** A table the page shows beside each chart: the chart's figures for those who cannot see it. */
export interface DataTable {
  caption: string
  headers: string[]
  rows: string[][]
}

/**
 * /app/estadisticas: the figures of GET /api/tickets/estadisticas (ADMIN and MESA all tickets, AREA
 * its own area: the service scopes them) and the same figures over time, as SVG charts with a
 * table each. desde/hasta are local dates of the help desk's time zone, both included, in the URL.
 */
export const statisticsRoutes: FastifyPluginAsync = async (app) => {
  const web = app.web

  app.get('/', async (request, reply) => {
    const session = request.webSession!
    if (!web.may('estadisticas', session.caller))
      return reply.page(
        'error',
        { title: 'Sin acceso', message: 'Su rol no puede ver las estadísticas.' },
        403,
      )
    const zone = web.timeZone
    const now = web.now()
    const values = formFields(request.query, ['desde', 'hasta', 'area'])
    const errors: Record<string, string> = {}
    const today = localDay(now, zone)
    const hastaDay = values.hasta ?? today
    let hasta = startOfLocalDay(hastaDay, zone)
    if (!hasta) {
      errors.hasta = 'La fecha no es válida (aaaa-mm-dd).'
      hasta = startOfLocalDay(today, zone)!
    }
    // hasta is included: the range ends where the next local day starts.
    const hastaExclusive = startOfLocalDay(
      localDay(new Date(hasta.getTime() + DAY + 3_600_000 * 3), zone),
      zone,
    )!
    const defaultDesde = localDay(
      new Date(hastaExclusive.getTime() - DEFAULT_DAYS * DAY + 3_600_000 * 3),
      zone,
    )
    let desde = startOfLocalDay(values.desde ?? defaultDesde, zone)
    if (!desde) {
      errors.desde = 'La fecha no es válida (aaaa-mm-dd).'
      desde = startOfLocalDay(defaultDesde, zone)!
    }
    if (!errors.desde && !errors.hasta && desde >= hastaExclusive) {
      errors.desde = 'La fecha de inicio debe ser anterior o igual a la final.'
      desde = startOfLocalDay(defaultDesde, zone)!
    }
    const areas = session.caller.rol === 'AREA' ? [] : web.areas
    let area: string | undefined
    if (values.area) {
      const wanted = values.area.trim().toUpperCase()
      if (areas.includes(wanted)) area = wanted
      else if (session.caller.rol !== 'AREA') errors.area = 'Elija un área del catálogo.'
    }
    const days = Math.round((hastaExclusive.getTime() - desde.getTime()) / DAY)
    const granularidad = days > MAX_DAILY_PERIODS ? 'semana' : 'dia'
    const query = {
      desde: desde.toISOString(),
      hasta: hastaExclusive.toISOString(),
      ...(area ? { area } : {}),
    }
    const stats = web.statistics(query, session.caller)
    const series = web.statisticsSeries(
      { ...query, granularidad, offsetMinutes: offsetMinutes(now, zone) },
      session.caller,
    )
    const periodLabel = (key: string) =>
      granularidad === 'semana'
        ? `sem. ${key.slice(8, 10)}/${key.slice(5, 7)}`
        : `${key.slice(8, 10)}/${key.slice(5, 7)}`
    const categories = series.periodos.map((key) => ({ key, label: periodLabel(key) }))
    const estadoSeries: Series[] = ESTADOS.filter((e) => stats.porEstado[e]).map((e) => ({
      key: e,
      label: label(ESTADO_LABELS, e),
      color: PALETTE[ESTADOS.indexOf(e) % PALETTE.length]!,
    }))
    const areaKeys = Object.keys(stats.porArea).sort()
    const areaSeries: Series[] = areaKeys.map((a, i) => ({
      key: a,
      label: a,
      color: PALETTE[i % PALETTE.length]!,
    }))
    const periodo = granularidad === 'semana' ? 'semana' : 'día'
    const rango = `del ${desdeShown(desde, zone)} al ${hastaDayShown(hastaExclusive, zone)}`
    const overTime = (
      id: string,
      what: string,
      keys: Series[],
      data: Record<string, Record<string, number>>,
    ) => ({
      id,
      title: `Tickets creados por ${periodo}, por ${what}`,
      svg: stackedBarChart({
        id,
        title: `Tickets creados por ${periodo}, por ${what}`,
        desc: `Barras apiladas, ${rango}: ${stats.total} tickets en total. Cada segmento es ${what === 'estado' ? 'el estado actual' : 'el área actual'} de los tickets creados ese ${periodo}.`,
        categories,
        series: keys,
        value: (p, k) => data[p]?.[k] ?? 0,
      }),
      legend: keys,
      table: {
        caption: `Tickets creados por ${periodo} y ${what}`,
        headers: [granularidad === 'semana' ? 'Semana (lunes)' : 'Día', ...keys.map((k) => k.label), 'Total'],
        rows: series.periodos.map((p) => {
          const counts = keys.map((k) => data[p]?.[k.key] ?? 0)
          return [p, ...counts.map(String), String(counts.reduce((a, b) => a + b, 0))]
        }),
      } satisfies DataTable,
    })
    const pct = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10)
    const slaRows = PRIORIDADES.filter((p) => series.slaPorPrioridad[p]).map((p) => ({
      key: p,
      label: label(PRIORIDAD_LABELS, p),
    }))
    const slaClockSeries: Series[] = [
      { key: 'primeraRespuesta', label: 'Primera respuesta', color: PALETTE[0]! },
      { key: 'resolucion', label: 'Resolución', color: PALETTE[2]! },
    ]
    const slaValue = (p: string, clock: string) =>
      pct(series.slaPorPrioridad[p]?.[clock as 'primeraRespuesta' | 'resolucion'].cumplimiento ?? null)
    const timeSeries: Series[] = [
      { key: 'mediaHoras', label: 'Media', color: PALETTE[0]! },
      { key: 'medianaHoras', label: 'Mediana', color: PALETTE[1]! },
    ]
    const timeRows = [
      { key: 'primeraRespuesta', label: 'Primera respuesta' },
      { key: 'resolucion', label: 'Resolución' },
    ]
    const hours = (row: string, s: string) => {
      const d = stats.tiempos[row as 'primeraRespuesta' | 'resolucion']
      const v = d[s as 'mediaHoras' | 'medianaHoras']
      return v === null ? null : Math.round(v * 100) / 100
    }
    const shownHours = (v: number | null) => (v === null ? '—' : `${v} h`)
    const charts = [
      overTime('g-estado', 'estado', estadoSeries, series.porEstado),
      overTime('g-area', 'área', areaSeries, series.porArea),
      {
        id: 'g-sla',
        title: 'Cumplimiento del SLA por prioridad',
        svg: groupedBarChart({
          id: 'g-sla',
          title: 'Cumplimiento del SLA por prioridad',
          desc: `Porcentaje de relojes decididos (cumplidos o vencidos) que cumplieron su plazo, ${rango}.`,
          rows: slaRows,
          series: slaClockSeries,
          value: slaValue,
          unit: ' %',
          max: 100,
        }),
        legend: slaClockSeries,
        table: {
          caption: 'Cumplimiento del SLA por prioridad',
          headers: ['Prioridad', 'Primera respuesta', 'Resolución', 'Cumplidos / vencidos (resolución)'],
          rows: slaRows.map((r) => {
            const c = series.slaPorPrioridad[r.key]!
            const shown = (v: number | null) => (v === null ? 'sin datos' : `${v} %`)
            return [
              r.label,
              shown(pct(c.primeraRespuesta.cumplimiento)),
              shown(pct(c.resolucion.cumplimiento)),
              `${c.resolucion.cumplidos} / ${c.resolucion.vencidos}`,
            ]
          }),
        } satisfies DataTable,
      },
      {
        id: 'g-tiempos',
        title: 'Tiempos de primera respuesta y de resolución',
        svg: groupedBarChart({
          id: 'g-tiempos',
          title: 'Tiempos de primera respuesta y de resolución',
          desc: `Horas desde la creación, media y mediana, de los tickets creados ${rango}.`,
          rows: timeRows,
          series: timeSeries,
          value: hours,
          unit: ' h',
        }),
        legend: timeSeries,
        table: {
          caption: 'Tiempos de primera respuesta y de resolución',
          headers: ['Reloj', 'Tickets', 'Media', 'Mediana'],
          rows: timeRows.map((r) => [
            r.label,
            String(stats.tiempos[r.key as 'primeraRespuesta' | 'resolucion'].n),
            shownHours(hours(r.key, 'mediaHoras')),
            shownHours(hours(r.key, 'medianaHoras')),
          ]),
        } satisfies DataTable,
      },
    ]
    return reply.page(
      'console/estadisticas',
      {
        title: 'Estadísticas',
        values: {
          desde: errors.desde ? (values.desde ?? '') : localDay(desde, zone),
          hasta: errors.hasta ? (values.hasta ?? '') : hastaDay,
          area: area ?? '',
        },
        errors,
        areas,
        stats,
        rango,
        charts,
        porcentaje: (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10} %`),
      },
      Object.keys(errors).length > 0 ? 400 : 200,
    )
  })
}

function desdeShown(desde: Date, zone: string): string {
  return shortDate(localDay(desde, zone))
}

/** The last day included: the day before the exclusive end. */
function hastaDayShown(hastaExclusive: Date, zone: string): string {
  return shortDate(localDay(new Date(hastaExclusive.getTime() - 3_600_000 * 3), zone))
}

function shortDate(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`
}
