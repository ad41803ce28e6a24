import { createHash, randomBytes, randomUUID } from 'node:crypto'
import {
  ANY,
  type EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client'
import type { DataKey, KeyStore } from './key-store.ts'

/**
 * The key store on EventStoreDB (docs/audit.md, "The key store"), shared by every instance:
 * - `$mesa-clave-<key id>`: one event `$ClaveDeDatos` holding the key;
 * - `$mesa-sujeto-<sha256 of the subject>`: `$SujetoDeClave` events naming the subject's key id
 *   (the last one is current; two instances creating a key at once both leave theirs, and both
 *   keys stay usable and are destroyed together).
 * `$`-prefixed streams and event types are system ones to our adapter: no projection, export or
 * feed reads them. Destroying deletes both streams (soft delete: unreadable at once, their events
 * removed from disk by the next scavenge, which the operator runs — docs/audit.md).
 */
export class EsdbKeyStore implements KeyStore {
  readonly #keys = new Map<string, Buffer>()

  constructor(private readonly client: EventStoreDBClient) {}

  async keyFor(subject: string): Promise<DataKey> {
    const found = await this.find(subject)
    if (found) return found
    const id = randomUUID()
    const key = randomBytes(32)
    await this.client.appendToStream(
      keyStream(id),
      jsonEvent({ type: '$ClaveDeDatos', data: { clave: key.toString('base64') } }),
      { expectedRevision: NO_STREAM },
    )
    await this.client.appendToStream(
      subjectStream(subject),
      jsonEvent({ type: '$SujetoDeClave', data: { claveId: id } }),
      {
        expectedRevision: ANY,
      },
    )
    this.#keys.set(id, key)
    return { id, key }
  }

  async find(subject: string): Promise<DataKey | null> {
    const ids = await this.#keyIdsOf(subject)
    const id = ids[ids.length - 1]
    if (id === undefined) return null
    const key = await this.load(id)
    return key ? { id, key } : null
  }

  async load(id: string): Promise<Buffer | null> {
    const cached = this.#keys.get(id)
    if (cached) return cached
    const [event] = await this.#read(keyStream(id))
    if (!event) return null
    const key = Buffer.from((event as { clave: string }).clave, 'base64')
    this.#keys.set(id, key)
    return key
  }

  async destroy(subject: string): Promise<string | null> {
    const ids = await this.#keyIdsOf(subject)
    if (ids.length === 0) return null
    for (const id of ids) {
      await this.#delete(keyStream(id))
      this.#keys.delete(id)
    }
    await this.#delete(subjectStream(subject))
    return ids[ids.length - 1]!
  }

  close(): void {
    // The client belongs to the event store adapter, which closes it.
  }

  async #keyIdsOf(subject: string): Promise<string[]> {
    return (await this.#read(subjectStream(subject))).map((data) => (data as { claveId: string }).claveId)
  }

  async #read(stream: string): Promise<unknown[]> {
    const out: unknown[] = []
    try {
      for await (const resolved of this.client.readStream(stream))
        if (resolved.event) out.push(resolved.event.data)
    } catch (error) {
      if (error instanceof StreamNotFoundError) return []
      throw error
    }
    return out
  }

  async #delete(stream: string): Promise<void> {
    try {
      await this.client.deleteStream(stream)
    } catch (error) {
      if (!(error instanceof StreamNotFoundError) && !(error instanceof WrongExpectedVersionError))
        throw error
    }
  }
}

const keyStream = (id: string) => `$mesa-clave-${id}`
const subjectStream = (subject: string) =>
  `$mesa-sujeto-${createHash('sha256').update(`mesa-de-ayuda/sujeto\u0000${subject}`).digest('hex')}`
