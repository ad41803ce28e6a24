/**
 * What a text from outside may contain. Shared by the HTTP schemas (ajv compiles patterns with the
 * `u` flag, so `\p{…}` works there) and the configuration, so the API and ADMIN_EMAIL agree.
 *
 * Control characters (Unicode Cc: NUL, ESC, CR, LF, DEL, C1…) and the bidirectional embedding,
 * override and isolate controls (U+202A–U+202E, U+2066–U+2069, which can make "moc.evil" display
 * as "live.com") are refused: they corrupt logs, CSV exports, e-mail headers and what staff read.
 * Free text (descripción, respuesta, motivo) may hold line breaks and tabs: LF, tab and CR LF.
 */

const FORBIDDEN = '\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069'

/** One line: no control character at all. */
export const SINGLE_LINE_PATTERN = `^[^${FORBIDDEN}]*$`

/** Free text: no control character except tab, LF and CR immediately followed by LF. */
export const FREE_TEXT_PATTERN = `^(?:[^${FORBIDDEN}]|[\\t\\n]|\\r\\n)*$`

// A pragmatic address: a local part of printable characters (no blanks, quotes, brackets or
// separators, dots only between characters) and a domain of letter/digit labels with a final
// label of at least two letters. Unicode letters are allowed (IDN and EAI addresses); control and
// format characters (\p{Cf} covers the bidi controls and zero-width characters) never are.
const LOCAL_ATOM = `[^\\s@"(),:;<>\\[\\]\\\\.\\p{Cc}\\p{Cf}]+`
const LABEL = `[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?`
export const EMAIL_PATTERN_SOURCE = `^${LOCAL_ATOM}(?:\\.${LOCAL_ATOM})*@(?:${LABEL}\\.)+\\p{L}{2,}$`

const EMAIL = new RegExp(EMAIL_PATTERN_SOURCE, 'u')

export function isValidEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text)
}
