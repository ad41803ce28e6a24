/**
 * The event store port (DESIGN §2). Two adapters implement it — the embedded SQLite store and
 * EventStoreDB — and both must pass the same contract suite (test/eventstore-contract.ts).
 */

/** What the append expects the stream to be at: EventStoreDB's four forms, revisions 0-based. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint

export interface EventMetadata {
  actor: { id: string | null; rol: string; nombre: string }
  occurredAt: string
  requestId?: string
  correlationId?: string
  causationId?: string
  schemaVersion: number
  [key: string]: unknown
}

export interface NewEvent {
  /** A UUID chosen before the first attempt: re-appending the same ids is idempotent. */
  id: string
  type: string
  data: unknown
  metadata: EventMetadata
}

export interface RecordedEvent {
  id: string
  stream: string
  /** 0-based position of the event inside its stream. */
  revision: bigint
  /** Opaque, totally ordered position in the whole log (compare with `comparePositions`). */
  position: string
  type: string
  data: unknown
  metadata: EventMetadata
}

export interface AppendResult {
  /** Revision of the last event written (the stream's revision after the append). */
  nextRevision: bigint
  /** Log position of the last event written. */
  position: string
}

export interface ReadStreamOptions {
  fromRevision?: bigint
  maxCount?: number
}

export interface ReadAllOptions {
  /** Read events strictly after this position; omitted = from the beginning. */
  after?: string | null
  maxCount?: number
}

export interface SubscribeOptions {
  /** Deliver events strictly after this position; omitted or null = from the beginning. */
  after?: string | null
  /**
   * Called with batches of events in log order, one call at a time: the next batch is not
   * delivered before the promise returned for the previous one settles. Nothing is skipped.
   */
  onEvents(events: RecordedEvent[]): Promise<void>
  /**
   * Called when the subscription has delivered everything that existed when it was (re)started,
   * and again whenever the subscription is idle with no more events to deliver. `position` is the
   * newest position the subscription has seen, which may be past the last delivered event when
   * the store skips events the subscription does not deliver (system events).
   */
  onCaughtUp?(position: string | null): void
  /** A failure the subscription could not recover from; the subscription has stopped. */
  onError?(error: Error): void
}

export interface Subscription {
  close(): Promise<void>
}

export interface EventStore {
  /** Appends atomically, checking `expectedRevision`; throws WrongExpectedVersionError on mismatch. */
  append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>
  /** Events of one stream in order; a missing stream reads as an empty list. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>
  /** Events of every stream in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>
  /** Live subscription to every non-system event, in global order, resumable from a position. */
  subscribe(options: SubscribeOptions): Subscription
  /** Negative when a < b, 0 when equal, positive when a > b. null sorts before every position. */
  comparePositions(a: string | null, b: string | null): number
  /** Whether the store answers (for /ready). */
  healthy(): Promise<boolean>
  /**
   * The position of the log's last event (null when empty), when the adapter can tell without
   * reading the log; callers fall back to reading it (see notifications/correo.ts logEnd).
   */
  lastPosition?(): Promise<string | null>
  close(): Promise<void>
}

/** The one error type for a revision mismatch, whatever the adapter. */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError'
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no_stream' when it has no events. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`)
  }
}

export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return error instanceof WrongExpectedVersionError
}

/** Raised when the store cannot be reached or used; the HTTP layer answers 503. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError'
}
