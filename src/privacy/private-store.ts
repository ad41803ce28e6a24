import type {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../eventstore/port.ts'
import { ERASURE_EVENT, type ErasureData } from './erasure-event.ts'
import type { DataKey, KeyStore } from './key-store.ts'
import { copyEvent, mapStrings, visitPersonalData } from './personal-data.ts'
import { ERASED, openValue, sealedKeyId, sealValue } from './seal.ts'

const OPENED_CACHE_LIMIT = 100_000
const SUBJECT_CACHE_LIMIT = 100_000

/**
 * The event store as the service sees it: personal data sealed in the log, open in every read.
 *
 * Writers seal their new events (`seal`) before chaining them, so the hash chain covers the
 * ciphertext and an erasure never breaks it. Every read (the command handler's fold, the
 * projectors, e-mail, webhooks, the feed, historial) gets the events with their sealed values
 * opened, or ERASED where the key is gone. The audit (verify, digest, export) reads `log`, the
 * events exactly as stored.
 */
export class PrivateEventStore implements EventStore {
  /** Keys by id; null once destroyed. */
  readonly #keys = new Map<string, Buffer | null>()
  /** Opened values by sealed text: one person's value seals always to the same text. */
  readonly #opened = new Map<string, string>()
  /** Opened batches by the array the log returned (see open). */
  #openedReads = new WeakMap<RecordedEvent[], Promise<RecordedEvent[]>>()
  /** Keys by subject, for sealing. */
  readonly #subjects = new Map<string, DataKey>()

  constructor(
    readonly log: EventStore,
    readonly keys: KeyStore,
  ) {}

  /** New events in their stored form: each personal-data string sealed under its person's key. */
  async seal(stream: string, events: readonly NewEvent[]): Promise<NewEvent[]> {
    const sealed: NewEvent[] = []
    for (const event of events) {
      const copy = copyEvent(event)
      const pending: Array<{ holder: Record<string, unknown>; field: string; subject: string }> = []
      visitPersonalData(stream, copy, (holder, field, subject) => {
        if (sealedKeyId(holder[field] as string) === null) pending.push({ holder, field, subject })
      })
      for (const { holder, field, subject } of pending) {
        const { id, key } = await this.#keyFor(subject)
        const value = holder[field] as string
        if (sealedKeyId(value) === null) holder[field] = sealValue(id, key, value)
      }
      sealed.push(copy)
    }
    return sealed
  }

  /** The subject's key, from this instance's cache (a command seals its actor's name every time). */
  async #keyFor(subject: string): Promise<DataKey> {
    const cached = this.#subjects.get(subject)
    if (cached) return cached
    const key = await this.keys.keyFor(subject)
    if (this.#subjects.size >= SUBJECT_CACHE_LIMIT) this.#subjects.clear()
    this.#subjects.set(subject, key)
    this.#keys.set(key.id, key.key)
    return key
  }

  /** Drops a destroyed key and what it opened (this instance's caches). */
  forget(keyId: string): void {
    this.#keys.set(keyId, null)
    this.#openedReads = new WeakMap()
    for (const [subject, key] of this.#subjects) if (key.id === keyId) this.#subjects.delete(subject)
    if (this.#opened.size > 0)
      for (const text of this.#opened.keys()) if (text.includes(keyId)) this.#opened.delete(text)
  }

  append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.log.append(stream, events, options)
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.open(await this.log.readStream(stream, options))
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.open(await this.log.readAll(options))
  }

  subscribe(options: SubscribeOptions): Subscription {
    return this.log.subscribe({
      ...options,
      onEvents: async (events) => options.onEvents(await this.open(events)),
    })
  }

  comparePositions(a: string | null, b: string | null): number {
    return this.log.comparePositions(a, b)
  }

  healthy(): Promise<boolean> {
    return this.log.healthy()
  }

  /** The log's own (optional) shortcut to its end; absent when the log has none. */
  get lastPosition(): (() => Promise<string | null>) | undefined {
    const log = this.log
    return log.lastPosition ? () => log.lastPosition!() : undefined
  }

  async close(): Promise<void> {
    await this.log.close()
    this.keys.close()
  }

  /** The events with their sealed values opened (ERASED where the key is gone). */
  open(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    // The log hands its subscribers one shared array per read (SqliteEventStore's recent
    // reads): open it once for all of them. Forgetting a key starts a new memo.
    let opened = this.#openedReads.get(events)
    if (opened === undefined) {
      opened = this.#open(events)
      this.#openedReads.set(events, opened)
    }
    return opened
  }

  async #open(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    // An erasure seen in the log (by this instance or another) drops the key from the caches.
    for (const event of events)
      if (event.type === ERASURE_EVENT) this.forget((event.data as ErasureData).claveId)
    const missing = new Set<string>()
    const collect = (text: string) => {
      if (this.#opened.has(text)) return text
      const keyId = sealedKeyId(text)
      if (keyId !== null && !this.#keys.has(keyId)) missing.add(keyId)
      return text
    }
    for (const event of events) {
      mapStrings(event.data, collect)
      mapStrings(event.metadata.actor, collect)
    }
    for (const keyId of missing) this.#keys.set(keyId, await this.keys.load(keyId))
    if (this.#opened.size > OPENED_CACHE_LIMIT) this.#opened.clear()
    return events.map((event) => {
      const data = mapStrings(event.data, this.#openText)
      const actor = mapStrings(event.metadata.actor, this.#openText) as EventMetadata['actor']
      if (data === event.data && actor === event.metadata.actor) return event
      return { ...event, data, metadata: { ...event.metadata, actor } }
    })
  }

  readonly #openText = (text: string): string => {
    const cached = this.#opened.get(text)
    if (cached !== undefined) return cached
    const keyId = sealedKeyId(text)
    if (keyId === null) return text
    const key = this.#keys.get(keyId)
    if (!key) return ERASED
    const plain = openValue(text, key)
    this.#opened.set(text, plain)
    return plain
  }
}

/** The events of `events` in stored form: sealed when the store protects personal data. */
export function sealFor(
  store: EventStore,
  stream: string,
  events: NewEvent[],
): Promise<NewEvent[]> | NewEvent[] {
  return store instanceof PrivateEventStore ? store.seal(stream, events) : events
}
