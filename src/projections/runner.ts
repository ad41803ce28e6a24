import type Database from 'better-sqlite3'
import type { EventStore, RecordedEvent, Subscription } from '../eventstore/port.ts'
import type { Projector } from './projector.ts'

/**
 * Feeds the projectors from the event store, from their stored checkpoint.
 *
 * Exactly-once effect: each delivered batch is applied by every projector, and every projector's
 * checkpoint is written, in one SQLite transaction. A crash before the commit loses the whole
 * batch and its checkpoint together, so the batch is delivered again on restart; a crash after it
 * finds the checkpoint past the batch. Nothing is applied twice, nothing skipped.
 *
 * Read-your-writes: `waitFor(position)` resolves once the batch holding `position` is committed.
 */
interface Waiter {
  position: string
  resolve: () => void
  timer: NodeJS.Timeout
}

export class ProjectionRunner {
  readonly #checkpoints = new Map<string, string | null>()
  #subscription: Subscription | null = null
  /** Newest position applied (or passed over) by every projector. */
  #position: string | null = null
  #waiters: Waiter[] = []
  #failure: Error | null = null
  readonly #applyBatch: (events: RecordedEvent[]) => void

  constructor(
    private readonly store: EventStore,
    private readonly db: Database.Database,
    private readonly projectors: readonly Projector[],
    private readonly options: { onError?: (error: Error) => void } = {},
  ) {
    const read = db.prepare<[string], { position: string | null }>(
      'SELECT position FROM checkpoints WHERE projector = ?',
    )
    for (const projector of projectors)
      this.#checkpoints.set(projector.name, read.get(projector.name)?.position ?? null)
    const save = db.prepare(
      'INSERT INTO checkpoints (projector, position, updated_at) VALUES (?, ?, ?) ON CONFLICT (projector) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at',
    )
    this.#applyBatch = db.transaction((events: RecordedEvent[]) => {
      const last = events[events.length - 1]!.position
      const now = new Date().toISOString()
      for (const projector of projectors) {
        const checkpoint = this.#checkpoints.get(projector.name) ?? null
        // A projector added later (or rebuilt) may be behind the others: skip what it has.
        const pending =
          checkpoint === null
            ? events
            : events.filter((event) => store.comparePositions(event.position, checkpoint) > 0)
        if (projector.applyBatch) projector.applyBatch(pending)
        else for (const event of pending) projector.apply(event)
        save.run(projector.name, last, now)
      }
    })
    this.#position = this.#lowestCheckpoint()
  }

  /** Starts the subscription from the lowest checkpoint. */
  start(): void {
    if (this.#subscription) return
    this.#subscription = this.store.subscribe({
      after: this.#lowestCheckpoint(),
      onEvents: async (events) => this.apply(events),
      onCaughtUp: (position) => {
        // Positions the store passed over without delivering (system events) count as reached.
        if (position !== null && this.store.comparePositions(position, this.#position) > 0)
          this.#advance(position)
      },
      onError: (error) => {
        this.#failure = error
        this.options.onError?.(error)
      },
    })
  }

  /** Applies one batch (used by the subscription and by rebuild). */
  apply(events: RecordedEvent[]): void {
    if (events.length === 0) return
    this.#applyBatch(events)
    const last = events[events.length - 1]!.position
    for (const projector of this.projectors) this.#checkpoints.set(projector.name, last)
    this.#advance(last)
  }

  get position(): string | null {
    return this.#position
  }

  /** Whether the subscription is running without failure (for /ready). */
  get healthy(): boolean {
    return this.#subscription !== null && this.#failure === null
  }

  /**
   * Resolves true once every projector has applied `position`, false after `timeoutMs` (the
   * answer is then still correct, only possibly not yet visible in reads).
   */
  waitFor(position: string | null, timeoutMs = 5000): Promise<boolean> {
    if (position === null || this.store.comparePositions(this.#position, position) >= 0)
      return Promise.resolve(true)
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve: () => resolve(true),
        timer: setTimeout(() => {
          this.#waiters = this.#waiters.filter((other) => other !== waiter)
          resolve(false)
        }, timeoutMs),
      }
      this.#waiters.push(waiter)
    })
  }

  async stop(): Promise<void> {
    await this.#subscription?.close()
    this.#subscription = null
    for (const waiter of this.#waiters) {
      clearTimeout(waiter.timer)
      waiter.resolve()
    }
    this.#waiters = []
  }

  #advance(position: string): void {
    this.#position = position
    if (this.#waiters.length === 0) return
    const still: Waiter[] = []
    for (const waiter of this.#waiters) {
      if (this.store.comparePositions(position, waiter.position) >= 0) {
        clearTimeout(waiter.timer)
        waiter.resolve()
      } else {
        still.push(waiter)
      }
    }
    this.#waiters = still
  }

  #lowestCheckpoint(): string | null {
    let lowest: string | null | undefined
    for (const checkpoint of this.#checkpoints.values()) {
      if (lowest === undefined || this.store.comparePositions(checkpoint, lowest) < 0) lowest = checkpoint
    }
    return lowest ?? null
  }
}
