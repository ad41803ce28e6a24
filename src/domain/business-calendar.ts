/**
 * Working-time arithmetic for SLA clocks: working days and hours in a time zone, minus holidays.
 * Pure (no clock); instants are epoch milliseconds. Local wall times are converted with the IANA
 * time-zone database (Intl), so a day's opening hours stay at 08:00 local across DST changes.
 */
import { parseCalendarDate } from './dates.ts'

export interface BusinessCalendar {
  /** 0 = Sunday … 6 = Saturday. */
  days: ReadonlySet<number>
  /** Minutes after local midnight. */
  open: number
  close: number
  timeZone: string
  /** Local dates, YYYY-MM-DD. */
  holidays: ReadonlySet<string>
}

/** null: 24×7, working time is wall time. */
export type Calendar = BusinessCalendar | null

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/**
 * Parses "Mon-Fri 08:00-18:00 America/Bogota" (day ranges or lists: "Mon,Wed,Fri"), or "24x7".
 * Throws with a message naming what is wrong.
 */
export function parseCalendar(text: string, holidays = ''): Calendar {
  const trimmed = text.trim()
  if (trimmed === '' || trimmed.toLowerCase() === '24x7') {
    if (holidays.trim() !== '') throw new Error('SLA_HOLIDAYS needs a working calendar (SLA_CALENDAR)')
    return null
  }
  const match = /^([A-Za-z,-]+)\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})\s+(\S+)$/.exec(trimmed)
  if (!match)
    throw new Error(`SLA_CALENDAR '${text}': expected e.g. 'Mon-Fri 08:00-18:00 America/Bogota' or '24x7'`)
  const [, dayText, oh, om, ch, cm, timeZone] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ]
  const days = new Set<number>()
  for (const part of dayText.split(',')) {
    const [from, to] = part.split('-')
    const start = DAY_NAMES.indexOf(from ?? '')
    const end = to === undefined ? start : DAY_NAMES.indexOf(to)
    if (start < 0 || end < 0)
      throw new Error(`SLA_CALENDAR: unknown day in '${part}' (use ${DAY_NAMES.join(', ')})`)
    for (let day = start; ; day = (day + 1) % 7) {
      days.add(day)
      if (day === end) break
    }
  }
  const open = Number(oh) * 60 + Number(om)
  const close = Number(ch) * 60 + Number(cm)
  if (
    Number(oh) > 23 ||
    Number(om) > 59 ||
    Number(ch) > 24 ||
    Number(cm) > 59 ||
    close > 1440 ||
    open >= close
  ) {
    throw new Error(`SLA_CALENDAR: hours ${oh}:${om}-${ch}:${cm} must be a non-empty range within a day`)
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
  } catch {
    throw new Error(`SLA_CALENDAR: unknown time zone '${timeZone}'`)
  }
  const holidaySet = new Set<string>()
  for (const day of holidays
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean)) {
    // Strict: Date.parse would take 2024-02-30 as 2024-03-01, a holiday nobody configured.
    if (parseCalendarDate(day) === null) {
      throw new Error(`SLA_HOLIDAYS: '${day}' is not a date (YYYY-MM-DD) that exists`)
    }
    holidaySet.add(day)
  }
  return { days, open, close, timeZone, holidays: holidaySet }
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, format)
  }
  return format
}

/** Local calendar fields of an instant in a zone. */
function localParts(timeZone: string, at: number): { y: number; m: number; d: number; offset: number } {
  const parts: Record<string, number> = {}
  for (const part of formatter(timeZone).formatToParts(new Date(at)))
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
  return {
    y: parts.year!,
    m: parts.month!,
    d: parts.day!,
    offset: asUtc - (at - (((at % 1000) + 1000) % 1000)),
  }
}

/** The instant of a local wall time (minutes after midnight) on a local date. */
function localToInstant(timeZone: string, y: number, m: number, d: number, minutes: number): number {
  const wall = Date.UTC(y, m - 1, d) + minutes * 60_000
  let instant = wall - localParts(timeZone, wall).offset
  const corrected = wall - localParts(timeZone, instant).offset
  if (corrected !== instant) instant = corrected
  return instant
}

const windowCache = new WeakMap<BusinessCalendar, Map<number, [number, number] | null>>()

/** The working window of the local day `dayIndex` (days since 1970-01-01 as a local date). */
function windowOf(calendar: BusinessCalendar, dayIndex: number): [number, number] | null {
  let cache = windowCache.get(calendar)
  if (!cache) windowCache.set(calendar, (cache = new Map()))
  const cached = cache.get(dayIndex)
  if (cached !== undefined) return cached
  const date = new Date(dayIndex * 86_400_000)
  const key = date.toISOString().slice(0, 10)
  let window: [number, number] | null = null
  if (calendar.days.has(date.getUTCDay()) && !calendar.holidays.has(key)) {
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]
    window = [
      localToInstant(calendar.timeZone, y, m, d, calendar.open),
      localToInstant(calendar.timeZone, y, m, d, calendar.close),
    ]
  }
  cache.set(dayIndex, window)
  return window
}

function localDayIndex(calendar: BusinessCalendar, at: number): number {
  const { y, m, d } = localParts(calendar.timeZone, at)
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000)
}

/** Working milliseconds in [from, to). */
export function workingMsBetween(calendar: Calendar, from: number, to: number): number {
  if (to <= from) return 0
  if (calendar === null) return to - from
  let total = 0
  const last = localDayIndex(calendar, to)
  for (let day = localDayIndex(calendar, from); day <= last; day++) {
    const window = windowOf(calendar, day)
    if (!window) continue
    const start = Math.max(from, window[0])
    const end = Math.min(to, window[1])
    if (end > start) total += end - start
  }
  return total
}

/** The instant at which `ms` working milliseconds will have passed since `from`. */
export function addWorkingMs(calendar: Calendar, from: number, ms: number): number {
  if (ms <= 0) return from
  if (calendar === null) return from + ms
  let remaining = ms
  const first = localDayIndex(calendar, from)
  for (let day = first; day < first + 3660; day++) {
    const window = windowOf(calendar, day)
    if (!window) continue
    const start = Math.max(from, window[0])
    if (start >= window[1]) continue
    const available = window[1] - start
    if (available >= remaining) return start + remaining
    remaining -= available
  }
  throw new Error('the calendar has no working time in the next ten years')
}
