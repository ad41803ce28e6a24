import { Type } from 'typebox'
import { EMAIL_PATTERN_SOURCE, FREE_TEXT_PATTERN, SINGLE_LINE_PATTERN } from './text.ts'

/**
 * The fields of the seed documents as schemas (typebox: plain data, no I/O), shared by the
 * operation table of the domain and the HTTP request schemas, so each rule is written once.
 * Catalogue values (area, estado, prioridad) are checked by the deciders after trim/upper-case
 * normalisation, so they are plain texts here.
 */

export const closed = { additionalProperties: false }
export const Email = Type.String({
  pattern: EMAIL_PATTERN_SOURCE,
  maxLength: 254,
  description: 'A valid email address',
})
export const Rol = Type.Union([
  Type.Literal('ADMIN'),
  Type.Literal('MESA'),
  Type.Literal('AREA'),
  Type.Literal('USUARIO'),
])
/**
 * One-line text: no control or bidi characters. Bodies are trimmed before validation
 * (trimBodyStrings), so `min` is the minimum after trimming and a blank value fails it.
 */
export const Texto = (min: number, max: number, description?: string) =>
  Type.String({
    minLength: min,
    maxLength: max,
    pattern: SINGLE_LINE_PATTERN,
    ...(description ? { description } : {}),
  })
/** Free text: as Texto, but line breaks (LF, CR LF) and tabs are allowed. */
export const TextoLibre = (min: number, max: number, description?: string) =>
  Type.String({
    minLength: min,
    maxLength: max,
    pattern: FREE_TEXT_PATTERN,
    ...(description ? { description } : {}),
  })
export const Telefono = Texto(0, 30)
export const Motivo = TextoLibre(3, 2000, 'Why: recorded in the ticket history')
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])
