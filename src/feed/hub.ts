import type { ServerResponse } from 'node:http'
import type { EventStore, RecordedEvent, Subscription } from '../eventstore/port.ts'
import type { ProjectionRunner } from '../projections/runner.ts'
import type { UserCredentials } from '../projections/users/view.ts'
import { historyEntry } from '../services/tickets.ts'
import { FeedConnection } from './connection.ts'
import type { CloseReason, FeedHost, FeedIdentity, FeedItem, FeedLimits } from './model.ts'
import { TicketFactsCache } from './ticket-facts.ts'

export { mayReceive } from './model.ts'
export type { CloseReason, FeedIdentity, FeedItem, FeedLimits } from './model.ts'

export interface FeedDeps {
  store: EventStore
  runner: ProjectionRunner
  credentialsById(id: string): UserCredentials | null | undefined
  limits: FeedLimits
  onError?(error: Error): void
  /** A client was dropped for not reading (its user id, for the log). */
  onSlowClient?(userId: string): void
}

/**
 * The live change feed of one instance: a single log subscription fanned out to every open SSE
 * connection. An event is sent only once the read models have applied it (the subscription waits
 * for the projection runner), so a client that reloads a ticket on an event sees the change.
 * `position` is the newest position fanned out: a new connection without Last-Event-ID starts
 * there, a resumed one reads the log up to it and then joins the live stream.
 */
export class FeedHub implements FeedHost {
  readonly #connections = new Set<FeedConnection>()
  readonly #perUser = new Map<string, number>()
  readonly #facts: TicketFactsCache
  #subscription: Subscription | null = null
  #position: string | null = null
  #heartbeat: NodeJS.Timeout | null = null
  #stopped = false
  /** Clients dropped for not reading (since start): for the log and the tests. */
  droppedSlow = 0

  constructor(readonly deps: FeedDeps) {
    this.#facts = new TicketFactsCache(deps.store)
  }

  get position(): string | null {
    return this.#position
  }

  get limits(): FeedLimits {
    return this.deps.limits
  }

  /** Open connections (all users). */
  get size(): number {
    return this.#connections.size
  }

  /**
   * Starts after what the read models show now, or after `logEnd` (the log's last event at
   * start-up) when that is further: the feed is about changes from here on. On a cold read model
   * the projections catch up beside the boot, and the hub would otherwise read the whole log
   * again behind them.
   */
  start(logEnd?: string | null): void {
    if (this.#subscription) return
    const { store, runner } = this.deps
    this.#position =
      logEnd !== undefined && store.comparePositions(logEnd, runner.position) > 0 ? logEnd : runner.position
    this.#subscription = store.subscribe({
      after: this.#position,
      onEvents: async (events) => this.#fanOut(events),
      onCaughtUp: (position) => {
        // Positions passed over (system events) hold nothing to send.
        if (position !== null && store.comparePositions(position, this.#position) > 0)
          this.#position = position
      },
      onError: (error) => this.deps.onError?.(error),
    })
    this.#heartbeat = setInterval(() => {
      for (const connection of this.#connections) connection.heartbeat()
    }, this.deps.limits.heartbeatMs)
    this.#heartbeat.unref()
  }

  /** Ends every stream (server shutting down) and the subscription. */
  async stop(): Promise<void> {
    this.#stopped = true
    if (this.#heartbeat) clearInterval(this.#heartbeat)
    for (const connection of [...this.#connections]) connection.close('servidor-cerrando')
    await this.#subscription?.close()
    this.#subscription = null
  }

  /** Whether the user already holds the most connections allowed. */
  full(userId: string): boolean {
    return (this.#perUser.get(userId) ?? 0) >= this.deps.limits.maxPerUser
  }

  /** Whether `position` is one this store could have produced (a Last-Event-ID sent back). */
  validPosition(position: string): boolean {
    if (!/^[A-Za-z0-9/:._-]{1,100}$/.test(position)) return false
    try {
      return Number.isFinite(this.deps.store.comparePositions(position, this.#position ?? position))
    } catch {
      return false
    }
  }

  /**
   * Opens a stream on `res` (headers already sent). `after`: resume after this position (replaying
   * the log up to the live stream), or undefined to start with the next change.
   */
  open(res: ServerResponse, identity: FeedIdentity, after: string | undefined): FeedConnection {
    const connection = new FeedConnection(this, res, identity, after ?? this.#position, after !== undefined)
    this.#connections.add(connection)
    this.#perUser.set(identity.userId, (this.#perUser.get(identity.userId) ?? 0) + 1)
    connection.begin()
    return connection
  }

  /** Called by a connection once, when it ends for any reason. */
  forget(connection: FeedConnection, reason: CloseReason): void {
    if (!this.#connections.delete(connection)) return
    if (reason === 'cliente-lento') {
      this.droppedSlow++
      this.deps.onSlowClient?.(connection.identity.userId)
    }
    const userId = connection.identity.userId
    const count = (this.#perUser.get(userId) ?? 1) - 1
    if (count <= 0) this.#perUser.delete(userId)
    else this.#perUser.set(userId, count)
  }

  /** Why the identity may no longer receive anything, or null while it may. */
  revoked(identity: FeedIdentity): CloseReason | null {
    if (Date.now() >= identity.expiresAt) return 'sesion-caducada'
    const user = this.deps.credentialsById(identity.userId)
    if (!user || !user.is_active || user.token_version !== identity.tokenVersion) return 'sesion-revocada'
    return null
  }

  /** Events of the log after `after`, for a resumed connection's catch-up. */
  read(after: string | null, maxCount: number): Promise<RecordedEvent[]> {
    return this.deps.store.readAll({ after, maxCount })
  }

  comparePositions(a: string | null, b: string | null): number {
    return this.deps.store.comparePositions(a, b)
  }

  /** The feed item of a ticket event; null for other streams. */
  async item(event: RecordedEvent): Promise<FeedItem | null> {
    const facts = await this.#facts.of(event)
    if (!facts) return null
    const data = { ticketId: facts.ticketId, codigo: facts.codigo, area: facts.area, ...historyEntry(event) }
    // JSON.stringify escapes newlines, so the payload is one `data:` line.
    return {
      position: event.position,
      facts,
      frame: `id: ${event.position}\ndata: ${JSON.stringify(data)}\n\n`,
    }
  }

  async #fanOut(events: RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1]
    if (!last) return
    // Only what the read models show: a client reloading on an event must see the change.
    while (!this.#stopped && !(await this.deps.runner.waitFor(last.position))) {
      /* the runner is behind (a long rebuild): keep waiting */
    }
    for (const event of events) {
      if (this.#stopped) return
      const item = await this.item(event)
      this.#position = event.position
      if (item) for (const connection of this.#connections) connection.offer(item)
    }
    // A user event in the batch (deactivation, role change, password change) revokes at once.
    for (const connection of this.#connections) connection.checkSession()
  }
}
