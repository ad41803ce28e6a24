import { chainEvents, headHash, linkOf } from '../audit/chain.ts'
import { type Decider, type DomainEvent, fold } from '../domain/decider.ts'
import type { EventMetadata, EventStore, ExpectedRevision, RecordedEvent } from '../eventstore/port.ts'
import { isWrongExpectedVersion, WrongExpectedVersionError } from '../eventstore/port.ts'
import { sealFor } from '../privacy/private-store.ts'
import { assertSameRequest } from './idempotency.ts'

/**
 * The command handler (after Emmett's): read the stream, fold it, decide, append with the
 * revision the decision was based on. A concurrent writer makes the append fail with
 * WrongExpectedVersion; the handler then reads again and decides again on the fresh state, unless
 * the caller pinned the revision (If-Match), in which case the conflict is the answer.
 */

export interface HandleOptions {
  /** Revision the caller saw (If-Match). A mismatch is never retried. */
  expectedRevision?: bigint
  /**
   * Event ids, by index in the decision. Chosen once, before the first attempt, so that an append
   * whose acknowledgement was lost is recognised on retry; derived from an Idempotency-Key so a
   * repeated request is recognised too.
   */
  eventId: (index: number) => string
  metadata: EventMetadata
  /** Re-decisions after a conflict (default 3). */
  maxRetries?: number
  /**
   * Folded state per stream with its revision: only events after it are read. Leave it out when
   * the command must be recognised against the whole stream (an Idempotency-Key repeat).
   */
  cache?: StateCache<unknown>
}

/** A stream folded up to `revision`, and the hash of its event at that revision (audit/chain.ts). */
export interface CacheEntry<State> {
  state: State
  revision: bigint
  hash: string
}

export interface StateCache<State> {
  get(stream: string): CacheEntry<State> | undefined
  set(stream: string, entry: CacheEntry<State>): void
}

/** A bounded least-recently-used StateCache. States are immutable, so sharing them is safe. */
export class LruStateCache<State> implements StateCache<State> {
  readonly #entries = new Map<string, CacheEntry<State>>()
  constructor(private readonly capacity = 10_000) {}

  get(stream: string) {
    const entry = this.#entries.get(stream)
    if (entry) {
      this.#entries.delete(stream)
      this.#entries.set(stream, entry)
    }
    return entry
  }

  set(stream: string, entry: CacheEntry<State>) {
    const existing = this.#entries.get(stream)
    if (existing && existing.revision > entry.revision) return
    this.#entries.delete(stream)
    this.#entries.set(stream, entry)
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!)
  }
}

/**
 * Every attempt of a command without an expected revision lost the append to a concurrent writer.
 * `actual` is the stream's revision at the last attempt ('no_stream' when it has none).
 */
export class ConcurrentUpdateError extends Error {
  override readonly name = 'ConcurrentUpdateError'
  constructor(
    readonly stream: string,
    readonly actual: bigint | 'no_stream',
    readonly attempts: number,
  ) {
    super(`stream ${stream}: still changing after ${attempts} attempts (revision ${String(actual)})`)
  }
}

export interface HandleResult<State, Event> {
  /** State after the command (or, for a replay, right after the original command). */
  state: State
  /** Events this command produced (for a replay, the ones it produced the first time). */
  events: Event[]
  /** Stream revision after the command. */
  nextRevision: bigint
  /** Log position of the command's last event; null when it produced none. */
  position: string | null
  /** True when the command had already been applied (same event ids found in the stream). */
  replayed: boolean
}

export async function handleCommand<State, Command, Event extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, Command, Event>,
  stream: string,
  command: Command | ((state: State) => Command),
  options: HandleOptions,
): Promise<HandleResult<State, Event>> {
  const maxRetries = options.maxRetries ?? 3
  for (let attempt = 0; ; attempt++) {
    const cache = options.cache as StateCache<State> | undefined
    const cached = cache?.get(stream)
    const recorded = await store.readStream(
      stream,
      cached ? { fromRevision: cached.revision + 1n } : undefined,
    )
    const base = cached?.state ?? decider.initialState()
    const replay = findReplay(decider, base, recorded, options.eventId, options.metadata)
    if (replay) return replay

    const current =
      recorded.length === 0 ? (cached?.revision ?? null) : recorded[recorded.length - 1]!.revision
    if (options.expectedRevision !== undefined && current !== options.expectedRevision) {
      throw new WrongExpectedVersionError(stream, options.expectedRevision, current ?? 'no_stream')
    }
    const state = fold(decider, asDomainEvents<Event>(recorded), base)
    // The head's hash, which the new events chain to (docs/audit.md).
    const head = headHash(recorded, cached?.hash ?? '')
    if (current !== null && recorded.length > 0) cache?.set(stream, { state, revision: current, hash: head })
    const resolved = typeof command === 'function' ? (command as (state: State) => Command)(state) : command
    const events = decider.decide(resolved, state)
    if (events.length === 0) {
      return { state, events, nextRevision: current ?? -1n, position: null, replayed: false }
    }
    const expected: ExpectedRevision = current === null ? 'no_stream' : current
    try {
      // Personal data is sealed first (privacy/), so the chain covers what the log keeps.
      const stored = await sealFor(
        store,
        stream,
        events.map((event, index) => ({
          id: options.eventId(index),
          type: event.type,
          data: event.data,
          metadata: options.metadata,
        })),
      )
      const chained = chainEvents(stream, current === null ? 0n : current + 1n, head, stored)
      const result = await store.append(stream, chained, { expectedRevision: expected })
      const after = fold(decider, events, state)
      cache?.set(stream, {
        state: after,
        revision: result.nextRevision,
        hash: linkOf(chained[chained.length - 1]!)!.hash,
      })
      return {
        state: after,
        events,
        nextRevision: result.nextRevision,
        position: result.position,
        replayed: false,
      }
    } catch (error) {
      if (!isWrongExpectedVersion(error) || options.expectedRevision !== undefined) throw error
      // No If-Match was sent, so "If-Match does not match" (412) would be wrong: the stream kept
      // moving under every attempt. A conflict the caller may simply retry.
      if (attempt >= maxRetries) throw new ConcurrentUpdateError(stream, error.actual, attempt + 1)
    }
  }
}

/**
 * A stream's current state for reading (no decision). With a state cache only the events after the
 * cached revision are read and folded: streams are append-only, so a cached fold plus the newer
 * events is always the fold of the whole stream.
 */
export async function loadState<State, Event extends DomainEvent>(
  store: EventStore,
  decider: Pick<Decider<State, never, Event>, 'evolve' | 'initialState'>,
  stream: string,
  cache?: StateCache<State>,
): Promise<State> {
  const cached = cache?.get(stream)
  const recorded = await store.readStream(stream, cached ? { fromRevision: cached.revision + 1n } : undefined)
  const state = fold(decider, asDomainEvents<Event>(recorded), cached?.state)
  const last = recorded[recorded.length - 1]
  if (last)
    cache?.set(stream, { state, revision: last.revision, hash: headHash(recorded, cached?.hash ?? '') })
  return state
}

/**
 * The store keeps what the deciders decided: its events are the domain's, with ids, revisions and
 * metadata besides. The one place that says so to the compiler.
 */
function asDomainEvents<Event extends DomainEvent>(recorded: readonly RecordedEvent[]): readonly Event[] {
  return recorded as unknown as readonly Event[]
}

/**
 * When the stream already holds this command's first event id, the command was applied before:
 * rebuild the answer it got then, from the log, without deciding again — if it is the same
 * request (IdempotencyKeyReusedError otherwise).
 */
function findReplay<State, Event extends DomainEvent>(
  decider: Decider<State, unknown, Event>,
  base: State,
  recorded: readonly RecordedEvent[],
  eventId: (index: number) => string,
  metadata: EventMetadata,
): HandleResult<State, Event> | null {
  const firstId = eventId(0)
  const start = recorded.findIndex((event) => event.id === firstId)
  if (start < 0) return null
  let end = start + 1
  while (end < recorded.length && recorded[end]!.id === eventId(end - start)) end++
  // The key was used before: only the very same request gets the first answer.
  assertSameRequest(recorded[start]!, metadata)
  const own = recorded.slice(start, end)
  const last = own[own.length - 1]!
  return {
    state: fold(decider, asDomainEvents<Event>(recorded.slice(0, end)), base),
    events: own.map((event) => ({ type: event.type, data: event.data }) as Event),
    nextRevision: last.revision,
    position: last.position,
    replayed: true,
  }
}
