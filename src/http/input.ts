import type { FastifyRequest } from 'fastify'
import { parseInstant } from '../domain/dates.ts'
import { ProblemError } from './problems.ts'

/** Secrets are taken exactly as typed: a password may begin or end with a blank. */
const UNTRIMMED = new Set(['password', 'passwordActual', 'passwordNuevo'])

/**
 * preValidation hook: trims the top-level string fields of a JSON body, so the schema's minimum
 * lengths apply to the trimmed text (a name of two blanks is empty, not two characters long) and
 * the value stored is the trimmed one.
 */
export async function trimBodyStrings(request: FastifyRequest): Promise<void> {
  const body = request.body
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return
  const fields = body as Record<string, unknown>
  for (const [key, value] of Object.entries(fields))
    if (typeof value === 'string' && !UNTRIMMED.has(key)) fields[key] = value.trim()
}

/** A 400 shaped like a schema validation failure, naming the fields. */
export function validationProblem(errores: Array<{ campo: string; mensaje: string }>): ProblemError {
  return new ProblemError(
    'validacion',
    'La petición no es válida',
    errores.map((e) => `${e.campo}: ${e.mensaje}`).join('; '),
    { errores },
  )
}

/**
 * Query parameters holding a date or an instant (already shape-checked by the schema), as epoch
 * milliseconds; an impossible one (2024-02-30, 25:00, a leap second, year 0000) is a 400 naming it.
 */
export function instantsOf<K extends string>(
  query: Partial<Record<K, string>>,
  names: readonly K[],
): Partial<Record<K, number>> {
  const result: Partial<Record<K, number>> = {}
  const errores: Array<{ campo: string; mensaje: string }> = []
  for (const name of names) {
    const text = query[name]
    if (text === undefined) continue
    const instant = parseInstant(text)
    if (instant === null)
      errores.push({
        campo: `querystring.${name}`,
        mensaje: 'no es una fecha u hora que exista (AAAA-MM-DD o AAAA-MM-DDTHH:MM[:SS]Z)',
      })
    else result[name] = instant
  }
  if (errores.length > 0) throw validationProblem(errores)
  return result
}
