/**
 * What the templates use to show values: dates in the help desk's time zone, and Spanish labels
 * for the catalogue codes. Templates escape everything these return.
 */

const formatters = new Map<string, Intl.DateTimeFormat>()
const partsFormatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('es-ES', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    })
    formatters.set(timeZone, format)
  }
  return format
}

/** "02/12/2026, 09:30" in `timeZone`; empty for null. */
export function fecha(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return ''
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : formatter(timeZone).format(date)
}

function wallClock(date: Date, timeZone: string): Record<string, number> {
  let format = partsFormatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    })
    partsFormatters.set(timeZone, format)
  }
  const parts: Record<string, number> = {}
  for (const part of format.formatToParts(date))
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  return parts
}

/** The value of an <input type="datetime-local" step="1"> for `date` in `timeZone` ("2026-12-02T09:30:05"). */
export function toDatetimeLocal(date: Date, timeZone: string): string {
  const p = wallClock(date, timeZone)
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0')
  return `${String(p.year)}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}`
}

/**
 * Reads a datetime-local value as a wall-clock time in `timeZone`; null when malformed. The whole
 * minute (or second) named is included, so "09:30" shows what was there at 09:30:59.999 — what a
 * person means by "as it was at 09:30".
 */
export function fromDatetimeLocal(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value)
  if (!match) return null
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[]
  const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!, Number.isNaN(s) ? 59 : s!, 999)
  if (Number.isNaN(asUtc)) return null
  // The zone's offset at that instant, applied twice to settle across a DST change.
  let guess = asUtc
  for (let i = 0; i < 2; i++) {
    const p = wallClock(new Date(guess), timeZone)
    const shown = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!, 999)
    guess += asUtc - shown
  }
  return new Date(guess)
}

export const ESTADO_LABELS: Record<string, string> = {
  ABIERTO: 'Abierto',
  ASIGNADO: 'Asignado',
  EN_PROCESO: 'En proceso',
  PAUSADO: 'Pausado',
  RESUELTO: 'Resuelto',
  CERRADO: 'Cerrado',
  CANCELADO: 'Cancelado',
  ARCHIVADO: 'Archivado',
}

export const PRIORIDAD_LABELS: Record<string, string> = {
  BAJA: 'Baja',
  MEDIA: 'Media',
  ALTA: 'Alta',
  CRITICA: 'Crítica',
}

export const SLA_LABELS: Record<string, string> = {
  EN_TIEMPO: 'En tiempo',
  EN_RIESGO: 'En riesgo',
  VENCIDO: 'Vencido',
  CUMPLIDO: 'Cumplido',
}

export const OPERATION_LABELS: Record<string, string> = {
  asignar: 'Asignar',
  transferir: 'Transferir',
  actualizar: 'Actualizar y responder',
  reclasificar: 'Reclasificar',
  pausar: 'Pausar',
  reabrir: 'Reabrir',
  cancelar: 'Cancelar',
  archivar: 'Archivar',
}

export const EVENT_LABELS: Record<string, string> = {
  TicketCreado: 'Creado',
  TicketAsignado: 'Asignado',
  TicketTransferido: 'Transferido',
  TicketActualizado: 'Actualizado',
  TicketReclasificado: 'Reclasificado',
  TicketPausado: 'Pausado',
  TicketReanudado: 'Reanudado',
  TicketReabierto: 'Reabierto',
  TicketCancelado: 'Cancelado',
  TicketArchivado: 'Archivado',
}

export const ROL_LABELS: Record<string, string> = {
  ADMIN: 'Administración',
  MESA: 'Mesa de ayuda',
  AREA: 'Área',
  USUARIO: 'Usuario',
  ANONIMO: 'Solicitante',
}

/** Minutes as "2 h 05 min". */
export function duracion(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return ''
  const minutes = Math.round(Math.abs(ms) / 60_000)
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`
}

export const label = (labels: Record<string, string>, code: string | null | undefined): string =>
  code ? (labels[code] ?? code) : ''

/** Minutes the wall clock of `timeZone` is ahead of UTC at `date` (60 for Madrid in winter). */
export function offsetMinutes(date: Date, timeZone: string): number {
  const p = wallClock(date, timeZone)
  const shown = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!)
  return Math.round((shown - Math.floor(date.getTime() / 1000) * 1000) / 60_000)
}

/** The first instant of the local day `yyyy-mm-dd` in `timeZone`; null when not a real date. */
export function startOfLocalDay(day: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return null
  const [, y, m, d] = match.map(Number) as number[]
  const probe = new Date(Date.UTC(y!, m! - 1, d!))
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m! - 1 || probe.getUTCDate() !== d) return null
  // fromDatetimeLocal includes the whole second named: step back to its start.
  const end = fromDatetimeLocal(`${day}T00:00:00`, timeZone)
  return end ? new Date(end.getTime() - 999) : null
}

/** The local date (yyyy-mm-dd) of `date` in `timeZone`. */
export function localDay(date: Date, timeZone: string): string {
  return toDatetimeLocal(date, timeZone).slice(0, 10)
}
