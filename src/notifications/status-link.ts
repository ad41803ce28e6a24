import { createHmac, timingSafeEqual } from 'node:crypto'
import { emailLookupHash } from '../projections/tickets/schema.ts'

/**
 * The signed status link of requester e-mails: `PUBLIC_URL/consultar/enlace?t=<token>`, opening
 * the public status page without typing the code. The token is
 *
 *     v1.<ticket id>.<expiry, unix seconds, base 36>.<signature>
 *
 * where the signature is base64url(HMAC-SHA256(key, "v1.<id>.<expiry>.<hash of the requester's
 * email>")). The email hash is bound by the signature, not carried in the URL: the link works
 * only while the ticket still has that requester, and the URL says nothing about them. The key is
 * derived from the JWT secret with its own label (src/http/plugins/notifications.ts).
 */
export class StatusLinks {
  readonly #key: Buffer

  constructor(
    key: Buffer,
    private readonly lifetimeDays: number,
  ) {
    this.#key = key
  }

  token(ticketId: string, email: string, now: Date): string {
    const expiry = Math.floor(now.getTime() / 1000 + this.lifetimeDays * 86_400).toString(36)
    return `v1.${ticketId}.${expiry}.${this.#sign(ticketId, expiry, email)}`
  }

  /**
   * The ticket id a token names, when its signature matches `emailOf(id)` (the ticket's current
   * requester) and it has not expired; null otherwise, whatever the reason.
   */
  verify(token: string, now: Date, emailOf: (ticketId: string) => string | null): string | null {
    const match = /^v1\.([0-9A-Za-z-]{1,64})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token)
    if (!match) return null
    const [, ticketId, expiry, signature] = match as unknown as [string, string, string, string]
    if (parseInt(expiry, 36) * 1000 <= now.getTime()) return null
    const email = emailOf(ticketId)
    if (email === null) return null
    const expected = Buffer.from(this.#sign(ticketId, expiry, email))
    const given = Buffer.from(signature)
    return expected.length === given.length && timingSafeEqual(expected, given) ? ticketId : null
  }

  #sign(ticketId: string, expiry: string, email: string): string {
    return createHmac('sha256', this.#key)
      .update(`v1.${ticketId}.${expiry}.${emailLookupHash(email)}`)
      .digest('base64url')
  }
}
