import {
  ANY,
  type AppendExpectedRevision,
  EventStoreDBClient,
  excludeSystemEvents,
  jsonEvent,
  NO_STREAM,
  type Position,
  type ResolvedEvent,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client'
import {
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  StoreUnavailableError,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedVersionError,
} from './port.ts'

/**
 * The EventStoreDB (KurrentDB) adapter: the same port, the same contract suite as the embedded
 * store. Our positions are opaque strings "C<commit>/P<prepare>" of $all positions.
 */

export function encodePosition(position: Position): string {
  return `C${position.commit}/P${position.prepare}`
}

export function decodePosition(position: string): Position {
  const match = /^C(\d+)\/P(\d+)$/.exec(position)
  if (!match) throw new Error(`not an EventStoreDB position: ${position}`)
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) }
}

function toClientRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM
  if (expected === 'stream_exists') return STREAM_EXISTS
  if (expected === 'any') return ANY
  return expected
}

const isSystem = (type: string, stream: string) => type.startsWith('$') || stream.startsWith('$')

function toRecorded(resolved: ResolvedEvent): RecordedEvent | null {
  const event = resolved.event
  if (!event || !event.isJson || !event.position) return null
  if (isSystem(event.type, event.streamId)) return null
  return {
    id: event.id,
    stream: event.streamId,
    revision: event.revision,
    position: encodePosition(event.position),
    type: event.type,
    data: event.data,
    metadata: event.metadata as unknown as EventMetadata,
  }
}

/** Errors that mean "the cluster is not answering" rather than "the request was wrong". */
function unavailable(error: unknown): Error {
  const type = (error as { type?: string }).type
  if (
    type === 'unavailable' ||
    type === 'deadline-exceeded' ||
    type === 'not-leader' ||
    (error as { code?: number }).code === 14
  ) {
    return new StoreUnavailableError(`EventStoreDB: ${(error as Error).message}`)
  }
  return error as Error
}

export interface EsdbOptions {
  /** Resubscription backoff after a dropped subscription: first and longest wait. */
  backoffMs?: { initial: number; max: number }
}

export class EsdbEventStore implements EventStore {
  readonly #client: EventStoreDBClient
  readonly #subscriptions = new Set<EsdbSubscription>()
  readonly #backoff: { initial: number; max: number }
  #closed = false

  constructor(connectionString: string, options: EsdbOptions = {}) {
    this.#client = EventStoreDBClient.connectionString(connectionString)
    this.#backoff = options.backoffMs ?? { initial: 100, max: 5000 }
  }

  /**
   * The gRPC client, for the key store's streams (privacy/esdb-key-store.ts): `$`-prefixed, so
   * no reader of the log through this adapter ever sees them.
   */
  get client(): EventStoreDBClient {
    return this.#client
  }

  /** Opens a client and waits (bounded) until the cluster answers; a clear error otherwise. */
  static async connect(
    connectionString: string,
    waitMs = 30_000,
    options: EsdbOptions = {},
  ): Promise<EsdbEventStore> {
    const store = new EsdbEventStore(connectionString, options)
    const deadline = Date.now() + waitMs
    let delay = 200
    let lastError: unknown
    while (Date.now() < deadline) {
      if (await store.healthy().catch((error) => ((lastError = error), false))) return store
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, Math.max(0, deadline - Date.now()))))
      delay = Math.min(delay * 2, 2000)
    }
    await store.close()
    throw new StoreUnavailableError(
      `EventStoreDB at ${redact(connectionString)} did not answer within ${Math.round(waitMs / 1000)} s${lastError ? `: ${(lastError as Error).message}` : ''}`,
    )
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.#assertOpen()
    try {
      const result = await this.#client.appendToStream(
        stream,
        events.map((event) =>
          jsonEvent({
            id: event.id,
            type: event.type,
            data: event.data as never,
            metadata: event.metadata as never,
          }),
        ),
        { expectedRevision: toClientRevision(options.expectedRevision) },
      )
      return {
        nextRevision: result.nextExpectedRevision,
        position: result.position ? encodePosition(result.position) : 'C0/P0',
      }
    } catch (error) {
      if (error instanceof EsdbWrongExpectedVersionError) {
        const actual = error.actualVersion
        throw new WrongExpectedVersionError(
          stream,
          options.expectedRevision,
          typeof actual === 'bigint' ? actual : 'no_stream',
        )
      }
      throw unavailable(error)
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen()
    const events: RecordedEvent[] = []
    try {
      const reading = this.#client.readStream(stream, {
        fromRevision: options.fromRevision ?? START,
        ...(options.maxCount !== undefined && options.maxCount >= 0 ? { maxCount: options.maxCount } : {}),
      })
      for await (const resolved of reading) {
        const event = toRecorded(resolved)
        if (event) events.push(event)
      }
    } catch (error) {
      // EventStoreDB reports a missing stream while iterating; the port reads it as empty.
      if (error instanceof StreamNotFoundError) return []
      throw unavailable(error)
    }
    return events
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen()
    const limit =
      options.maxCount !== undefined && options.maxCount >= 0 ? options.maxCount : Number.MAX_SAFE_INTEGER
    const after = options.after ?? null
    const events: RecordedEvent[] = []
    let from: Position | typeof START = after === null ? START : decodePosition(after)
    // readAll is inclusive of its start and counts system events: read in pages until enough.
    try {
      for (;;) {
        let seen = 0
        let last: Position | null = null
        for await (const resolved of this.#client.readAll({ fromPosition: from, maxCount: 1000 })) {
          seen++
          const position = resolved.event?.position ?? null
          if (position) last = position
          const event = toRecorded(resolved)
          if (!event) continue
          if (after !== null && this.comparePositions(event.position, after) <= 0) continue
          events.push(event)
          if (events.length >= limit) return events
        }
        if (seen < 1000 || last === null) return events
        from = last
      }
    } catch (error) {
      throw unavailable(error)
    }
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.#assertOpen()
    const subscription = new EsdbSubscription(this.#client, options, this.#backoff, () =>
      this.#subscriptions.delete(subscription),
    )
    this.#subscriptions.add(subscription)
    subscription.start()
    return subscription
  }

  comparePositions(a: string | null, b: string | null): number {
    if (a === b) return 0
    if (a === null) return -1
    if (b === null) return 1
    return compare(a, b)
  }

  async healthy(): Promise<boolean> {
    if (this.#closed) return false
    try {
      for await (const _ of this.#client.readAll({ maxCount: 1, deadline: 2000 })) break
      return true
    } catch {
      return false
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()))
    // dispose() waits for every call the client ever streamed to report "finished"; a read that
    // ended in stream-not-found can leave one that never does. Do not let shutdown hang on it.
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      this.#client.dispose(),
      new Promise((resolve) => (timer = setTimeout(resolve, 1000))),
    ])
    clearTimeout(timer)
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreUnavailableError('event store is closed')
  }
}

/**
 * subscribeToAll with excludeSystemEvents(), consumed with for await one event at a time. Events
 * are handed to onEvents in small batches (whatever arrived while the previous batch was being
 * applied). A dropped connection resubscribes from the last delivered position with backoff.
 * Checkpoints the server sends across filtered-out stretches are reported through onCaughtUp once
 * everything before them has been delivered, so a reader waiting for a position sees it passed
 * even when no event of ours was there.
 */
class EsdbSubscription implements Subscription {
  #after: string | null
  #closed = false
  #failure: Error | null = null
  #current: (AsyncIterable<ResolvedEvent> & { unsubscribe(): Promise<void>; readableLength: number }) | null =
    null
  #done: Promise<void> = Promise.resolve()
  #buffer: RecordedEvent[] = []
  #draining: Promise<void> | null = null
  /** Newest checkpoint the server reported (may be past the last event of ours). */
  #checkpoint: string | null = null

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly backoff: { initial: number; max: number },
    private readonly onClosed: () => void,
  ) {
    this.#after = options.after ?? null
  }

  start(): void {
    this.#done = this.#run()
  }

  async #run(): Promise<void> {
    let delay = this.backoff.initial
    try {
      while (!this.#closed) {
        try {
          await this.#consume()
          delay = this.backoff.initial
        } catch {
          if (this.#failure) throw this.#failure
          if (this.#closed) break
          // Dropped connection or server restart: wait, then resubscribe from what was delivered.
          await new Promise((resolve) => setTimeout(resolve, delay))
          delay = Math.min(delay * 2, this.backoff.max)
        }
      }
    } catch (error) {
      if (!this.#closed) this.options.onError?.(error as Error)
    } finally {
      this.onClosed()
    }
  }

  async #consume(): Promise<void> {
    this.#buffer = []
    const subscription = this.client.subscribeToAll({
      fromPosition: this.#after === null ? START : decodePosition(this.#after),
      filter: excludeSystemEvents({
        checkpointReached: (_subscription, position) => {
          this.#checkpoint = encodePosition(position)
          this.#reportIdle()
        },
      }),
    })
    this.#current = subscription
    subscription.on('caughtUp', () => this.#reportIdle())
    try {
      for await (const resolved of subscription) {
        if (this.#closed) break
        const event = toRecorded(resolved)
        if (!event) continue
        if (this.#after !== null && compare(event.position, this.#after) <= 0) continue
        this.#buffer.push(event)
        this.#draining ??= this.#drain()
        if (this.#buffer.length >= 1000) await this.#draining
      }
    } finally {
      await this.#draining
      this.#current = null
      await subscription.unsubscribe().catch(() => {})
    }
    if (!this.#closed) throw new Error('subscription ended')
  }

  /** Hands buffered events to onEvents, one batch at a time, in order. */
  async #drain(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve))
    try {
      while (this.#buffer.length > 0 && !this.#closed) {
        const batch = this.#buffer.splice(0, 1000)
        try {
          await this.options.onEvents(batch)
        } catch (error) {
          this.#failure = error as Error
          await this.#current?.unsubscribe().catch(() => {})
          return
        }
        this.#after = batch[batch.length - 1]!.position
      }
    } finally {
      this.#draining = null
    }
    this.#reportIdle()
  }

  /** Tells the reader how far the log has been seen, when nothing is waiting to be delivered. */
  #reportIdle(): void {
    if (this.#closed || this.#draining || this.#buffer.length > 0 || (this.#current?.readableLength ?? 0) > 0)
      return
    const checkpoint = this.#checkpoint
    const newest =
      checkpoint !== null && (this.#after === null || compare(checkpoint, this.#after) > 0)
        ? checkpoint
        : this.#after
    this.options.onCaughtUp?.(newest)
  }

  async close(): Promise<void> {
    this.#closed = true
    await this.#current?.unsubscribe().catch(() => {})
    await this.#done
  }
}

/** Orders two $all positions: by commit, then prepare. */
function compare(a: string, b: string): number {
  const left = decodePosition(a)
  const right = decodePosition(b)
  if (left.commit !== right.commit) return left.commit < right.commit ? -1 : 1
  return left.prepare === right.prepare ? 0 : left.prepare < right.prepare ? -1 : 1
}

function redact(connectionString: string): string {
  return connectionString.replace(/\/\/[^@/]*@/, '//***@')
}
