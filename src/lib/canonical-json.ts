/**
 * JSON with object keys sorted (by UTF-16 code units, JavaScript's default order) at every level
 * and `undefined` members left out: one spelling per value, so equal values hash alike. For the
 * values the service stores (strings, safe integers, booleans, null, arrays, objects) it is the
 * JSON Canonicalization Scheme of RFC 8785, which auditors can re-implement in any language.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null'
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key]
      if (item !== undefined) sorted[key] = sortKeys(item)
    }
    return sorted
  }
  return value
}
