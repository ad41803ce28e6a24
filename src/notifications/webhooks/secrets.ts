import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'

/**
 * Webhook secrets must be usable to sign, so they cannot be hashed. They are kept encrypted
 * (AES-256-GCM) with a key derived from the JWT secret — which every instance already shares and
 * which never reaches the event store — so the events, a copy of the log or a log line show only
 * ciphertext. The clear secret is shown once, in the answer that created or rotated it.
 */
export class SecretBox {
  readonly #key: Buffer

  constructor(masterSecret: string) {
    this.#key = createHmac('sha256', masterSecret).update('mesa-de-ayuda/webhook-secrets').digest()
  }

  /** A new Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
  static generate(): string {
    return `whsec_${randomBytes(32).toString('base64')}`
  }

  seal(secret: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
    return [
      'v1',
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      body.toString('base64'),
    ].join(':')
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split(':')
    if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown sealed secret format')
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64'))
    decipher.setAuthTag(Buffer.from(tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')
  }
}
