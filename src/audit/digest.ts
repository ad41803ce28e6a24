import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto'
import type { EventStore, RecordedEvent } from '../eventstore/port.ts'
import { canonicalJson } from '../lib/canonical-json.ts'
import { type ChainBreak, ChainVerifier } from './chain.ts'

/**
 * Anchors outside the database (docs/audit.md): a digest is the head (revision and hash) of every
 * stream at a log position, signed with Ed25519. Kept by the auditors, it lets `verify` tell that
 * the log still holds everything it vouched for: a stream truncated, rewritten or deleted behind
 * a digest no longer reaches the same head hash at that revision.
 */

export const DIGEST_FORMAT = 'mesa-de-ayuda/digest/v1' as const

export interface Digest {
  formato: typeof DIGEST_FORMAT
  creadoEn: string
  /** The log position of the last event the digest covers (null: an empty log). */
  posicion: string | null
  eventos: number
  /** Stream → its head at `posicion`: 0-based revision and recomputed hash. */
  streams: Record<string, { revision: number; hash: string }>
  /** The signer's public key (SPKI, DER, base64): auditors compare it with the one they were given. */
  clavePublica: string
  /** Ed25519 signature (base64) of canonicalJson of every other field. */
  firma: string
}

/** Reads the whole log in batches, in order, handing each event to `visit` (constant memory). */
export async function walkLog(
  store: EventStore,
  visit: (event: RecordedEvent) => void,
  until?: string | null,
): Promise<{ events: number; last: string | null }> {
  let after: string | null = null
  let events = 0
  for (;;) {
    const batch = await store.readAll({ after, maxCount: 5_000 })
    if (batch.length === 0) break
    for (const event of batch) {
      if (until && store.comparePositions(event.position, until) > 0) return { events, last: after }
      visit(event)
      events += 1
      after = event.position
    }
  }
  return { events, last: after }
}

export async function createDigest(store: EventStore, privateKey: KeyObject, now: Date): Promise<Digest> {
  const verifier = new ChainVerifier()
  const walked = await walkLog(store, (event) => verifier.add(event))
  const streams: Digest['streams'] = {}
  for (const [name, state] of verifier.streams())
    streams[name] = { revision: state.events - 1, hash: state.head }
  const unsigned = {
    formato: DIGEST_FORMAT,
    creadoEn: now.toISOString(),
    posicion: walked.last,
    eventos: walked.events,
    streams,
    clavePublica: publicKeyText(createPublicKey(privateKey)),
  }
  return {
    ...unsigned,
    firma: sign(null, Buffer.from(canonicalJson(unsigned)), privateKey).toString('base64'),
  }
}

export interface VerifyReport {
  events: number
  streams: number
  breaks: ChainBreak[]
  /** Per digest given: what it vouched for that the log no longer shows. */
  digests: Array<{ file: string; firmaValida: boolean; clavePublica: string; faltas: ChainBreak[] }>
}

/**
 * Walks the whole log once, checking every chain, and checks each digest against what the log
 * holds: every stream it names must still exist and reach the digest's hash at its revision.
 */
export async function verifyLog(
  store: EventStore,
  digests: Array<{ file: string; digest: Digest }> = [],
): Promise<VerifyReport> {
  const verifier = new ChainVerifier()
  // The hash of each stream at each revision some digest vouched for, met on the way.
  const wanted = new Map<string, Set<number>>()
  for (const { digest } of digests)
    for (const [stream, head] of Object.entries(digest.streams)) {
      const revisions = wanted.get(stream) ?? new Set<number>()
      revisions.add(head.revision)
      wanted.set(stream, revisions)
    }
  const seen = new Map<string, string>()
  const walked = await walkLog(store, (event) => {
    verifier.add(event)
    const revision = Number(event.revision)
    if (wanted.get(event.stream)?.has(revision)) {
      const state = verifier.stream(event.stream)!
      // A broken stream's later hashes are not recomputed: it is reported as broken already.
      if (!state.ruptura) seen.set(`${event.stream}\u0000${revision}`, state.head)
    }
  })
  const streamCount = [...verifier.streams()].length
  return {
    events: walked.events,
    streams: streamCount,
    breaks: verifier.breaks(),
    digests: digests.map(({ file, digest }) => {
      const faltas: ChainBreak[] = []
      for (const [stream, head] of Object.entries(digest.streams)) {
        const state = verifier.stream(stream)
        if (!state || state.events <= head.revision) {
          faltas.push({
            stream,
            revision: head.revision,
            motivo: `el digest la vio con ${head.revision + 1} eventos; el log tiene ${state?.events ?? 0}: se truncó o eliminó`,
          })
          continue
        }
        if (state.ruptura && state.ruptura.revision <= head.revision) continue // reported as a break
        const now = seen.get(`${stream}\u0000${head.revision}`)
        if (now !== head.hash)
          faltas.push({
            stream,
            revision: head.revision,
            motivo: 'el log ya no llega al hash que el digest firmó en esa revisión: se reescribió',
          })
      }
      return { file, firmaValida: digestSignatureValid(digest), clavePublica: digest.clavePublica, faltas }
    }),
  }
}

export function digestSignatureValid(digest: Digest): boolean {
  try {
    const { firma, ...unsigned } = digest
    const key = createPublicKey({
      key: Buffer.from(digest.clavePublica, 'base64'),
      format: 'der',
      type: 'spki',
    })
    return verify(null, Buffer.from(canonicalJson(unsigned)), key, Buffer.from(firma, 'base64'))
  } catch {
    return false
  }
}

/** A new Ed25519 key pair, the private key as PKCS#8 PEM. */
export function newSigningKey(): { privatePem: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKey: publicKeyText(publicKey),
  }
}

export function loadSigningKey(pem: string): KeyObject {
  const key = createPrivateKey(pem)
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error('AUDIT_SIGNING_KEY must hold an Ed25519 private key')
  return key
}

function publicKeyText(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).toString('base64')
}
