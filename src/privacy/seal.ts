import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto'

/**
 * One personal-data value as the event log keeps it: AES-256-GCM under its person's data key,
 * written `pii:1:<key id>:<base64url(iv ‖ ciphertext ‖ tag)>` in place of the plaintext string.
 *
 * The IV is synthetic (HMAC of the plaintext under the same key, first 12 bytes), so one person's
 * value always seals to the same string: a staff name in the metadata of a million events opens
 * once and is then served from a cache. It reveals only that two values of one person are equal,
 * which the events' ids already tell. The key id is the GCM additional data, so a value cannot be
 * moved under another person's key unnoticed. Once the key is destroyed the value cannot be opened
 * by anyone: it reads as ERASED.
 */
export const ERASED = '[dato eliminado]'

const PREFIX = 'pii:1:'
const SEALED = /^pii:1:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([A-Za-z0-9_-]{38,})$/
const IV_BYTES = 12
const TAG_BYTES = 16

export function sealValue(keyId: string, key: Buffer, plaintext: string): string {
  const iv = createHmac('sha256', key).update('iv\u0000').update(plaintext).digest().subarray(0, IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(keyId))
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return `${PREFIX}${keyId}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`
}

/** The key id of a sealed value; null for any other string (a plaintext written before sealing). */
export function sealedKeyId(value: string): string | null {
  if (!value.startsWith(PREFIX)) return null
  return SEALED.exec(value)?.[1] ?? null
}

/** The plaintext of a sealed value under `key` (the key named in it). Throws if it was altered. */
export function openValue(value: string, key: Buffer): string {
  const match = SEALED.exec(value)
  if (!match) throw new Error('not a sealed value')
  const bytes = Buffer.from(match[2]!, 'base64url')
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES))
  decipher.setAAD(Buffer.from(match[1]!))
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES))
  return Buffer.concat([
    decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8')
}
