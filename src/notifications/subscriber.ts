import type Database from 'better-sqlite3'
import type { EventStore, RecordedEvent, Subscription } from '../eventstore/port.ts'

/**
 * A subscriber of the log that does something outside the service for each event (an e-mail, a
 * webhook): unlike a projector it cannot run inside a SQLite transaction, so delivery is
 * at-least-once — the effect first, then the checkpoint. A crash between the two repeats that one
 * event on restart; handlers make a repeat recognisable (an e-mail's Message-ID and a webhook's
 * `webhook-id` come from the event id).
 *
 * The checkpoint lives in the read-model database (table `suscriptores`), one row per subscriber.
 * It is written after every event that had an effect, and once at the end of a batch for the
 * events that had none (most of them when e-mail is off): repeating those after a crash costs
 * nothing, and a write per event was the subscriber's whole cost under load.
 * A handler that throws is retried with backoff on the same event, for as long as it takes: the
 * subscriber never skips ahead (the API keeps answering meanwhile; `backlog()` says how far behind
 * it is). A handler that wants to give up on an event (a permanent refusal) records that itself
 * and returns normally.
 */
export interface LogSubscriberOptions {
  /** Unique per subscriber: the checkpoint's key. */
  name: string
  store: EventStore
  db: Database.Database
  /**
   * Does the event's work. Resolves to false when it had no effect outside the service (nothing
   * to send): such events are checkpointed with the rest of their batch, not one by one.
   */
  handle(event: RecordedEvent): Promise<boolean | void>
  /** Delays between retries of a failing event, in ms; the last one repeats (default 1 s … 60 s). */
  retryDelaysMs?: readonly number[]
  /** Told of each failed attempt (for the log): the event and the error. */
  onFailure?(event: RecordedEvent, error: Error, attempt: number): void
  /** Waits `ms` (injected in tests). */
  sleep?(ms: number): Promise<void>
}

const SUBSCRIBERS_SCHEMA = `
CREATE TABLE IF NOT EXISTS suscriptores (
  nombre      TEXT PRIMARY KEY,
  posicion    TEXT,
  actualizado TEXT NOT NULL
);`

const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000]

export class LogSubscriber {
  #position: string | null
  #subscription: Subscription | null = null
  #stopped = false
  readonly #save: Database.Statement<[string, string | null, string]>
  /** Resolves a pending backoff sleep early when the subscriber stops. */
  #wake: (() => void) | null = null

  constructor(private readonly options: LogSubscriberOptions) {
    options.db.exec(SUBSCRIBERS_SCHEMA)
    const row = options.db
      .prepare<[string], { posicion: string | null }>('SELECT posicion FROM suscriptores WHERE nombre = ?')
      .get(options.name)
    this.#position = row?.posicion ?? null
    this.#save = options.db.prepare(
      'INSERT INTO suscriptores (nombre, posicion, actualizado) VALUES (?, ?, ?) ON CONFLICT (nombre) DO UPDATE SET posicion = excluded.posicion, actualizado = excluded.actualizado',
    )
  }

  /** The position of the last event handled (null: none yet). */
  get position(): string | null {
    return this.#position
  }

  /**
   * Starts from the checkpoint. `from` sets where a subscriber with no checkpoint begins (for
   * instance the log's end, so that a new e-mail subscriber does not mail the whole history).
   */
  start(from?: string | null): void {
    if (this.#subscription) return
    if (this.#position === null && from !== undefined && from !== null) this.#checkpoint(from)
    this.#stopped = false
    this.#subscription = this.options.store.subscribe({
      after: this.#position,
      onEvents: async (events) => {
        let unsaved: string | null = null
        for (const event of events) {
          if (this.#stopped) break
          const effect = await this.#deliver(event)
          if (this.#stopped) break
          if (effect) {
            this.#checkpoint(event.position)
            unsaved = null
          } else unsaved = event.position
        }
        if (unsaved !== null) this.#checkpoint(unsaved)
      },
    })
  }

  /** How many events of the log lie after the checkpoint (up to `limit`), for /ready. */
  async backlog(limit = 10_000): Promise<number> {
    return (await this.options.store.readAll({ after: this.#position, maxCount: limit })).length
  }

  async stop(): Promise<void> {
    this.#stopped = true
    this.#wake?.()
    await this.#subscription?.close()
    this.#subscription = null
  }

  /** Handles the event, retrying until it succeeds; true when it had an effect. */
  async #deliver(event: RecordedEvent): Promise<boolean> {
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.options.handle(event)) !== false
      } catch (error) {
        this.options.onFailure?.(event, error as Error, attempt)
        if (this.#stopped) return false
        await this.#sleep(delays[Math.min(attempt - 1, delays.length - 1)] ?? 1_000)
        if (this.#stopped) return false
      }
    }
  }

  #sleep(ms: number): Promise<void> {
    if (this.options.sleep) return this.options.sleep(ms)
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms)
      this.#wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  #checkpoint(position: string): void {
    this.#position = position
    this.#save.run(this.options.name, position, new Date().toISOString())
  }
}
