import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * Password hashing with scrypt (DESIGN §10: N=2^17, r=8, p=1). The parameters are stored with
 * each hash, so the cost can be raised later and old hashes still verify. N=2^17 with r=8 needs
 * 128 MiB; maxmem is set above it.
 */
export interface ScryptCost {
  N: number
  r: number
  p: number
}

export const PRODUCTION_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 }

const KEY_LENGTH = 32

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...cost, maxmem: 128 * cost.N * cost.r * 2 },
      (error, key) => (error ? reject(error) : resolve(key)),
    )
  })
}

export async function hashPassword(password: string, cost: ScryptCost = PRODUCTION_COST): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, cost)
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [, N, r, p, salt, key] = parts as [string, string, string, string, string, string]
  const expected = Buffer.from(key, 'base64')
  const actual = await derive(password, Buffer.from(salt, 'base64'), {
    N: Number(N),
    r: Number(r),
    p: Number(p),
  })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** Reads the cost a stored hash was made with. */
export function costOf(stored: string): ScryptCost | null {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null
  return { N: Number(parts[1]), r: Number(parts[2]), p: Number(parts[3]) }
}
