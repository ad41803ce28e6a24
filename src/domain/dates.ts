/**
 * The one strict parser for dates and instants that come from outside (query strings, SLA
 * configuration). `Date.parse` is not used: it rolls 2024-02-30 over to 2024-03-01, maps years 0–99
 * to 1900–1999 and gives NaN (then a RangeError in toISOString) for 2024-13-45. Here every component
 * is range-checked, so a text either names exactly one real instant or is refused.
 *
 * Accepted: `YYYY-MM-DD` (UTC midnight) and `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM)`.
 * Refused: year 0000, month or day out of range (leap years counted), hour 24, leap seconds (:60,
 * which JavaScript time cannot represent), offsets beyond ±23:59, lower-case `t`/`z`, blanks.
 */

export interface CalendarDate {
  year: number
  month: number
  day: number
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2})))?$/

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
}

function validDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil): exact for
 * every year, unlike Date.UTC, which reads years 0–99 as 1900–1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** `YYYY-MM-DD` as a real calendar date, or null. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const match = DATE.exec(text)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  return validDate(year, month, day) ? { year, month, day } : null
}

/**
 * A date (UTC midnight) or an instant with an explicit offset, as epoch milliseconds; null when
 * the text is not one (wrong shape or an impossible date or time).
 */
export function parseInstant(text: string): number | null {
  const match = INSTANT.exec(text)
  if (!match) return null
  const [, y, mo, d, h, mi, s, fraction, , sign, oh, om] = match
  const [year, month, day] = [Number(y), Number(mo), Number(d)]
  if (!validDate(year, month, day)) return null
  if (h === undefined) return daysFromCivil(year, month, day) * 86_400_000
  // The pattern makes the offset mandatory whenever a time is given: a bare local time is ambiguous.
  const [hour, minute, second] = [Number(h), Number(mi), Number(s ?? 0)]
  if (hour > 23 || minute > 59 || second > 59) return null
  const [offsetHours, offsetMinutes] = [Number(oh ?? 0), Number(om ?? 0)]
  if (offsetHours > 23 || offsetMinutes > 59) return null
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000)
  const offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000
  return (
    daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms - offset
  )
}
