import type { ServerResponse } from 'node:http'
import { type CloseReason, type FeedHost, type FeedIdentity, type FeedItem, mayReceive } from './model.ts'

const CATCH_UP_BATCH = 200
/** setTimeout's ceiling (~24.8 days); a longer token is re-checked on heartbeats anyway. */
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * One SSE client. Live events arrive from the hub (`offer`); a resumed client first reads the log
 * from its Last-Event-ID up to the hub's position while the hub's new events wait in `pending`,
 * then joins the live stream — nothing lost, nothing twice (every event is compared with
 * `cursor`, the last position sent or passed over).
 *
 * Bounded: when the socket does not take more (`write` returns false), frames queue until it
 * drains; a queue past `maxQueue` events, or a socket that does not drain within
 * `drainTimeoutMs`, drops the client (it can resume with Last-Event-ID). The catch-up waits for
 * the socket to drain before reading more of the log.
 */
export class FeedConnection {
  #cursor: string | null
  #mode: 'catching-up' | 'live' | 'closed'
  #pending: FeedItem[] = []
  #queue: string[] = []
  #blocked = false
  #drainTimer: NodeJS.Timeout | null = null
  #expiryTimer: NodeJS.Timeout | null = null
  #drainWaiters: Array<() => void> = []

  constructor(
    private readonly hub: FeedHost,
    private readonly res: ServerResponse,
    readonly identity: FeedIdentity,
    cursor: string | null,
    resume: boolean,
  ) {
    this.#cursor = cursor
    this.#mode = resume ? 'catching-up' : 'live'
    res.on('close', () => this.close('cliente-desconectado'))
    res.on('drain', () => this.#drained())
  }

  begin(): void {
    const untilExpiry = this.identity.expiresAt - Date.now()
    this.#expiryTimer = setTimeout(
      () => this.close('sesion-caducada'),
      Math.min(Math.max(0, untilExpiry), MAX_TIMER_MS),
    )
    this.#expiryTimer.unref()
    if (this.#mode === 'catching-up') this.#catchUp().catch(() => this.close('servidor-cerrando'))
  }

  get closed(): boolean {
    return this.#mode === 'closed'
  }

  /** A live event from the hub. */
  offer(item: FeedItem): void {
    if (this.#mode === 'closed') return
    if (this.#mode === 'catching-up') {
      // Past the bound the pending events are dropped: they are in the log, and the catch-up
      // reads on until it reaches the hub's position at the moment it switches to live.
      if (this.#pending.length >= this.hub.limits.maxQueue) this.#pending = []
      this.#pending.push(item)
      return
    }
    this.#send(item)
  }

  /** Closes the stream if the session behind it ended. */
  checkSession(): boolean {
    if (this.#mode === 'closed') return false
    const reason = this.hub.revoked(this.identity)
    if (reason) {
      this.close(reason)
      return false
    }
    return true
  }

  heartbeat(): void {
    if (!this.checkSession()) return
    // A client that is not reading gets no more: its drain timer is already running.
    if (!this.#blocked) this.#write(': ping\n\n')
  }

  close(reason: CloseReason): void {
    if (this.#mode === 'closed') return
    this.#mode = 'closed'
    if (this.#drainTimer) clearTimeout(this.#drainTimer)
    if (this.#expiryTimer) clearTimeout(this.#expiryTimer)
    this.#queue = []
    this.#pending = []
    for (const wake of this.#drainWaiters) wake()
    this.#drainWaiters = []
    this.hub.forget(this, reason)
    if (reason === 'cliente-lento' || reason === 'cliente-desconectado' || this.#blocked) {
      this.res.destroy()
      return
    }
    // The client can still read: say why, so it does not reconnect blindly.
    this.res.end(`event: fin\ndata: ${JSON.stringify({ motivo: reason })}\n\n`)
  }

  #send(item: FeedItem): void {
    if (this.hub.comparePositions(item.position, this.#cursor) <= 0) return
    this.#cursor = item.position
    if (!mayReceive(this.identity.caller, item.facts)) return
    // Re-checked on each event: a session revoked since the last batch receives nothing more.
    if (!this.checkSession()) return
    this.#write(item.frame)
  }

  #write(frame: string): void {
    if (this.#mode === 'closed') return
    if (this.#blocked) {
      this.#queue.push(frame)
      if (this.#queue.length > this.hub.limits.maxQueue) this.close('cliente-lento')
      return
    }
    if (!this.res.write(frame)) {
      this.#blocked = true
      this.#drainTimer = setTimeout(() => this.close('cliente-lento'), this.hub.limits.drainTimeoutMs)
    }
  }

  #drained(): void {
    if (this.#mode === 'closed') return
    this.#blocked = false
    if (this.#drainTimer) clearTimeout(this.#drainTimer)
    this.#drainTimer = null
    while (this.#queue.length > 0 && !this.#blocked) this.#write(this.#queue.shift()!)
    if (!this.#blocked) {
      for (const wake of this.#drainWaiters) wake()
      this.#drainWaiters = []
    }
  }

  async #catchUp(): Promise<void> {
    for (;;) {
      if (this.#mode !== 'catching-up') return
      const limit = this.hub.position
      if (this.hub.comparePositions(this.#cursor, limit) >= 0) break
      const events = await this.hub.read(this.#cursor, CATCH_UP_BATCH)
      let progressed = false
      for (const event of events) {
        if (this.#mode !== 'catching-up') return
        if (this.hub.comparePositions(event.position, limit) > 0) break
        const item = await this.hub.item(event)
        progressed = true
        if (item) this.#send(item)
        else this.#cursor = event.position
        if (this.#blocked) await new Promise<void>((resolve) => this.#drainWaiters.push(resolve))
      }
      // Nothing readable up to the hub's position (system events only): the rest comes live.
      if (!progressed) break
    }
    if (this.#mode !== 'catching-up') return
    // Synchronously with the last position check: no hub event can fall between the two.
    this.#mode = 'live'
    const pending = this.#pending
    this.#pending = []
    for (const item of pending) this.#send(item)
  }
}
