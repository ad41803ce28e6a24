import { createHash, randomBytes } from 'node:crypto'

/**
 * A UUID (RFC 9562 version 8, "custom") derived from a name: the same name always gives the same
 * id. Used for event ids and aggregate ids derived from an Idempotency-Key, so a repeated request
 * produces the very same ids — which both event stores treat as an idempotent re-append, across
 * instances.
 */
export function uuidFromName(...parts: string[]): string {
  const hash = createHash('sha256').update(parts.join('\u0000')).digest()
  hash[6] = (hash[6]! & 0x0f) | 0x80
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

/** Crockford's base 32 without I, L, O, U: nothing a person can misread or misspell aloud. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A ticket code such as "TK-7QX2M9": short enough to read over the phone, random so codes reveal
 * nothing about volume or order. 6 symbols = 2^30 codes; uniqueness is enforced by a reservation
 * stream, so a rare collision only costs another draw.
 */
export function newTicketCode(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(6)
  let code = ''
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31]
  return `TK-${code}`
}

export const TICKET_CODE_PATTERN = /^TK-[0-9A-HJKMNP-TV-Z]{6}$/
