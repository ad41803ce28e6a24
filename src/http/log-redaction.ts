/**
 * What never reaches a log line. Headers with credentials are removed by pino's redaction, which
 * is cheap for fixed paths. Secret-named fields (a password or a token in a logged object, at the
 * top level or one level down) are replaced by the `log` formatter below: pino's wildcard paths
 * (`*.password`) cost about 8 µs per line, which the command benchmark's profile showed at 4 % of
 * the service's CPU; this check costs well under 1 µs.
 */

export const CENSOR = '[redactado]'

/** pino `redact.paths`: fixed paths only. */
export const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.cookie']

/** Field names whose values are always replaced by CENSOR. */
export const SECRET_FIELDS = [
  'password',
  'passwordActual',
  'passwordNuevo',
  'password_hash',
  'passwordHash',
  'token',
]

/** pino `formatters.log`: the logged object with secret fields replaced; never mutates it. */
export function redactSecretFields(object: Record<string, unknown>): Record<string, unknown> {
  let result = withoutSecrets(object)
  for (const key in result) {
    const value = result[key]
    if (value === null || typeof value !== 'object' || value instanceof Error) continue
    const cleaned = withoutSecrets(value as Record<string, unknown>)
    if (cleaned !== value) {
      if (result === object) result = { ...object }
      result[key] = cleaned
    }
  }
  return result
}

/** The object itself when it has no secret field of its own, else a copy with them censored. */
function withoutSecrets(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | null = null
  for (const field of SECRET_FIELDS) {
    if (Object.hasOwn(object, field)) {
      copy ??= { ...object }
      copy[field] = CENSOR
    }
  }
  return copy ?? object
}
