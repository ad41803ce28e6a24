import { performance } from 'node:perf_hooks'
import type Database from 'better-sqlite3'
import { Webhook } from 'standardwebhooks'
import { TICKET_STREAM_PREFIX, ticketStream } from '../../commands/streams.ts'
import type { EventStore, RecordedEvent, Subscription } from '../../eventstore/port.ts'
import type { WebhookQueries } from '../../projections/webhooks/projector.ts'
import type { WebhookConfig } from './config.ts'
import { type DeliveryHandle, DeliveryLog, type DeliveryRow } from './delivery-log.ts'
import { type EndpointState, WEBHOOK_STREAM_PREFIX, webhookStream } from './endpoint.ts'
import { isTicketEventType } from './event-types.ts'
import { EndpointLease, type LeaseData } from './lease.ts'
import { ticketPayload } from './payload.ts'
import type { SecretBox } from './secrets.ts'
import type { SendResult, WebhookSender } from './sender.ts'
import { appendChained } from '../../audit/append.ts'

export interface DispatcherOptions {
  store: EventStore
  db: Database.Database
  queries: WebhookQueries
  config: WebhookConfig
  secrets: SecretBox
  sender: WebhookSender
  /** This instance's name in the leases (unique per process). */
  instanceId: string
  now?: () => Date
  /** 0 ≤ x < 1, for the retry jitter. */
  random?: () => number
  log?: { warn(object: object, message: string): void; error(object: object, message: string): void }
  /** Told of every finished attempt (the bench measures delivery lag with it). */
  onAttempt?(endpointId: string, event: RecordedEvent, result: SendResult): void
}

/** How long an idle worker sleeps before looking again (a new event wakes it sooner). */
const IDLE_MS = 1_000
const READ_AHEAD = 200
/** Recent events kept from the wake-up subscription, so workers do not each re-read the log. */
const RECENT_MAX = 20_000
/** Event-loop utilisation above which deliveries yield to requests (see #pace). */
const BUSY_UTILISATION = 0.8
const BUSY_PAUSE_MS = 50

/**
 * Sends webhooks: one worker per active endpoint, each holding that endpoint's lease
 * (lease.ts) and reading the log from its own cursor, so each endpoint gets its events in log
 * order, independently of the others — a slow or failing receiver delays only itself. A live
 * subscription only wakes the workers; what they send comes from their reads of the log.
 */
export class WebhookDispatcher {
  readonly #workers = new Map<string, EndpointWorker>()
  readonly log: DeliveryLog
  readonly #codes = new Map<string, string>()
  /** Events seen by the subscription, in log order: #recent[i] has sequence #recentBase + i. */
  #recent: RecordedEvent[] = []
  #recentBase = 0
  readonly #recentIndex = new Map<string, number>()
  /** Bodies per (event, personal data or not): five endpoints sign one body, built once. */
  readonly #bodies = new Map<string, string>()
  /** Opened secrets, by their sealed form (decrypting per delivery would be wasted work). */
  readonly #signers = new Map<string, Webhook>()
  #utilisation = performance.eventLoopUtilization()
  #busy = false
  #subscription: Subscription | null = null
  #timer: NodeJS.Timeout | null = null
  #busyTimer: NodeJS.Timeout | null = null
  #stopped = false
  readonly now: () => Date
  readonly random: () => number

  constructor(readonly options: DispatcherOptions) {
    this.log = new DeliveryLog(options.db)
    this.now = options.now ?? (() => new Date())
    this.random = options.random ?? Math.random
  }

  /** Starts the workers; `after` is where the wake-up subscription starts (the log's head). */
  start(after: string | null): void {
    this.#stopped = false
    this.sync()
    this.#subscription = this.options.store.subscribe({
      after,
      onEvents: async (events) => {
        this.#remember(events)
        if (events.some((event) => event.stream.startsWith(WEBHOOK_STREAM_PREFIX))) this.sync()
        for (const worker of this.#workers.values()) worker.wake()
      },
      onError: (error) => this.options.log?.error({ err: error }, 'webhook wake-up subscription failed'),
    })
    // Endpoint changes made through another instance reach this one's read model a moment later.
    this.#timer = setInterval(() => {
      this.sync()
      this.log.purgeBodies(this.now())
    }, IDLE_MS)
    this.#timer.unref()
    this.#busyTimer = setInterval(() => {
      const now = performance.eventLoopUtilization()
      this.#busy = performance.eventLoopUtilization(now, this.#utilisation).utilization > BUSY_UTILISATION
      this.#utilisation = now
    }, 100)
    this.#busyTimer.unref()
    this.log.purgeBodies(this.now())
  }

  /** Starts a worker for each endpoint that has none (workers of removed endpoints end themselves). */
  sync(): void {
    if (this.#stopped || !this.options.config.enabled) return
    for (const endpoint of this.options.queries.endpoints()) {
      if (!this.#workers.has(endpoint.id)) {
        const worker = new EndpointWorker(this, endpoint.id)
        this.#workers.set(endpoint.id, worker)
        void worker.run().finally(() => {
          if (this.#workers.get(endpoint.id) === worker) this.#workers.delete(endpoint.id)
        })
      } else this.#workers.get(endpoint.id)!.wake()
    }
  }

  /** Clean stop: each worker gives its lease back with its cursor. */
  async stop(): Promise<void> {
    this.#stopped = true
    if (this.#timer) clearInterval(this.#timer)
    await this.#subscription?.close()
    this.#subscription = null
    await Promise.all([...this.#workers.values()].map((worker) => worker.stop(true)))
    this.#workers.clear()
    if (this.#busyTimer) clearInterval(this.#busyTimer)
    this.log.flush()
    this.options.sender.close()
  }

  /** Stops as a crash would: no lease is released (tests of failover). */
  async crash(): Promise<void> {
    this.#stopped = true
    if (this.#timer) clearInterval(this.#timer)
    await this.#subscription?.close()
    this.#subscription = null
    await Promise.all([...this.#workers.values()].map((worker) => worker.stop(false)))
    this.#workers.clear()
    if (this.#busyTimer) clearInterval(this.#busyTimer)
    this.log.flush()
    this.options.sender.close()
  }

  get stopped(): boolean {
    return this.#stopped
  }

  /** The ticket's code (payloads carry it); from TicketCreado, the stream's first event. */
  async codigo(event: RecordedEvent): Promise<string> {
    const ticketId = event.stream.slice(TICKET_STREAM_PREFIX.length)
    if (event.type === 'TicketCreado') return String((event.data as { codigo: string }).codigo)
    const cached = this.#codes.get(ticketId)
    if (cached) return cached
    const [first] = await this.options.store.readStream(ticketStream(ticketId), { maxCount: 1 })
    const codigo = String((first?.data as { codigo?: string } | undefined)?.codigo ?? '')
    if (this.#codes.size > 10_000) this.#codes.delete(this.#codes.keys().next().value!)
    this.#codes.set(ticketId, codigo)
    return codigo
  }

  /** Whether `event` is one the endpoint asked for. */
  matches(endpoint: EndpointState, event: RecordedEvent): boolean {
    if (!event.stream.startsWith(TICKET_STREAM_PREFIX) || !isTicketEventType(event.type)) return false
    return endpoint.eventos.length === 0 || endpoint.eventos.includes(event.type)
  }

  /** The body and headers of one delivery of `event` to `endpoint`, signed now. */
  async message(endpoint: EndpointState, event: RecordedEvent) {
    const key = `${event.id}:${endpoint.incluirDatosPersonales ? 1 : 0}`
    let body = this.#bodies.get(key)
    if (body === undefined) {
      body = JSON.stringify(ticketPayload(event, await this.codigo(event), endpoint.incluirDatosPersonales))
      if (this.#bodies.size >= 2_000) this.#bodies.delete(this.#bodies.keys().next().value!)
      this.#bodies.set(key, body)
    }
    return { body, headers: this.sign(endpoint, event.id, body) }
  }

  /**
   * Events after `after`, from what the subscription delivered when it holds `after`, else from
   * the log. Empty when nothing is known after it yet (the subscription wakes the worker).
   */
  async read(after: string | null, max: number): Promise<RecordedEvent[]> {
    const seq = after === null ? undefined : this.#recentIndex.get(after)
    if (seq !== undefined) {
      const from = seq - this.#recentBase + 1
      if (from >= 0) return this.#recent.slice(from, from + max)
    }
    return this.options.store.readAll({ after, maxCount: max })
  }

  #remember(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      this.#recentIndex.set(event.position, this.#recentBase + this.#recent.length)
      this.#recent.push(event)
    }
    if (this.#recent.length > RECENT_MAX) {
      const drop = this.#recent.length - RECENT_MAX / 2
      for (const event of this.#recent.slice(0, drop)) this.#recentIndex.delete(event.position)
      this.#recent = this.#recent.slice(drop)
      this.#recentBase += drop
    }
  }

  /**
   * Deliveries are background work: while the event loop is nearly saturated (requests waiting),
   * each worker pauses briefly between deliveries, so a load spike slows webhooks (they catch up
   * after) rather than the API. They never stop: the pause is short and bounded.
   */
  get pauseMs(): number {
    return this.#busy ? BUSY_PAUSE_MS : 0
  }

  #signer(sealed: string): Webhook {
    let signer = this.#signers.get(sealed)
    if (!signer) {
      signer = new Webhook(this.options.secrets.open(sealed))
      this.#signers.set(sealed, signer)
    }
    return signer
  }

  /** Standard Webhooks headers; during the 24 h after a rotation, signed with both secrets. */
  sign(endpoint: EndpointState, id: string, body: string): Record<string, string> {
    const now = this.now()
    const secrets = [this.#signer(endpoint.secreto)]
    if (endpoint.anterior && endpoint.anteriorHasta && Date.parse(endpoint.anteriorHasta) > now.getTime())
      secrets.push(this.#signer(endpoint.anterior))
    return {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': secrets.map((signer) => signer.sign(id, now, body)).join(' '),
    }
  }

  /** Delay before retry number `attempt` (1 = the first retry), with ±10 % jitter. */
  retryDelay(attempt: number, result: SendResult): number | null {
    const schedule = this.options.config.retryScheduleMs
    if (attempt > schedule.length) return null
    if (result.retryAfterMs !== null) return Math.min(result.retryAfterMs, 24 * 3_600_000)
    return Math.round(schedule[attempt - 1]! * (0.9 + 0.2 * this.random()))
  }

  /** A 410 Gone: the endpoint is switched off (an event, so every instance stops). */
  async disable(endpointId: string, motivo: string): Promise<void> {
    await appendChained(
      this.options.store,
      webhookStream(endpointId),
      [
        {
          id: crypto.randomUUID(),
          type: 'WebhookDesactivado',
          data: { motivo },
          metadata: {
            actor: { id: null, rol: 'SISTEMA', nombre: 'webhooks' },
            occurredAt: this.now().toISOString(),
            schemaVersion: 1,
          },
        },
      ],
      'stream_exists',
    )
  }

  /**
   * Manual redelivery of one event, now, by this instance (one attempt, out of the endpoint's
   * order: the admin asked for exactly this one). Same webhook-id as the original.
   */
  async redeliver(endpoint: EndpointState, eventId: string): Promise<DeliveryRow | null> {
    const previous = this.log.latest(endpoint.id, eventId)
    if (!previous) return null
    const [event] = await this.options.store.readStream(previous.stream, {
      fromRevision: BigInt(previous.revision),
      maxCount: 1,
    })
    if (!event || event.id !== eventId) return null
    const { body, headers } = await this.message(endpoint, event)
    const row = this.log.open(endpoint.id, event, body, true, this.now())
    const result = await this.options.sender.send(endpoint.url, headers, body)
    this.options.onAttempt?.(endpoint.id, event, result)
    this.log.attempt(
      row,
      { ...outcome(result), estado: ok(result) ? 'entregado' : 'fallido', nextAttempt: null },
      this.now(),
    )
    return this.log.latest(endpoint.id, eventId)
  }

  logFailure(object: object, message: string): void {
    this.options.log?.warn(object, message)
  }
}

const ok = (result: SendResult) => result.status !== null && result.status >= 200 && result.status < 300
const outcome = (result: SendResult) => ({
  status: result.status,
  durationMs: result.durationMs,
  error: result.error,
  response: result.response,
})

interface Head {
  event: RecordedEvent
  row: DeliveryHandle
  body: string
  attempts: number
  nextAt: number
}

/** One endpoint's sender: its lease, its cursor, the event at the head of its queue. */
class EndpointWorker {
  readonly #lease: EndpointLease
  #progress: Omit<LeaseData, 'holder' | 'hasta'> = {
    posicion: null,
    reproduccion: null,
    saltarAntesDe: null,
    desdeVisto: null,
  }
  #initialised = false
  #queue: RecordedEvent[] = []
  #head: Head | null = null
  #lastRenewal = 0
  #running = true
  #wake: (() => void) | null = null
  #done: Promise<void> | null = null

  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly endpointId: string,
  ) {
    const { store, instanceId, config } = dispatcher.options
    this.#lease = new EndpointLease(store, endpointId, instanceId, config.leaseTtlMs)
  }

  wake(): void {
    this.#wake?.()
  }

  run(): Promise<void> {
    this.#done = (async () => {
      while (this.#running) {
        let wait = IDLE_MS
        try {
          wait = await this.#step()
        } catch (error) {
          this.dispatcher.logFailure({ err: error, endpoint: this.endpointId }, 'webhook worker step failed')
        }
        if (!this.#running) break
        if (wait > 0) await this.#sleep(wait)
      }
    })()
    return this.#done
  }

  async stop(release: boolean): Promise<void> {
    this.#running = false
    this.wake()
    await this.#done
    if (release) await this.#lease.release(this.dispatcher.now(), this.#progress).catch(() => undefined)
    else this.#lease.forget()
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.#wake = done
    })
  }

  get #renewEveryMs(): number {
    return Math.floor(this.dispatcher.options.config.leaseTtlMs / 3)
  }

  /** One step; returns how long to wait before the next (0: at once). */
  async #step(): Promise<number> {
    const { queries, store } = this.dispatcher.options
    const endpoint = queries.endpoint(this.endpointId)
    const now = this.dispatcher.now()
    if (!endpoint || !endpoint.activo) {
      // Off or removed: give the lease back so nothing is held for it; removed ends the worker.
      if (this.#lease.held) await this.#lease.release(now, this.#progress)
      this.#head = null
      this.#queue = []
      if (!endpoint) this.#running = false
      return IDLE_MS
    }

    if (!this.#lease.held || now.getTime() - this.#lastRenewal >= this.#renewEveryMs) {
      const wasHeld = this.#lease.held
      if (!wasHeld) await this.#lease.refresh()
      if (!wasHeld && this.#lease.heldByOther(now)) {
        this.#initialised = false
        return Math.min(this.#renewEveryMs, Date.parse(this.#lease.data!.hasta) - now.getTime() + 1)
      }
      if (!wasHeld) {
        // Taking over (or first start): continue from the last holder's cursor.
        const last = this.#lease.data
        this.#progress = {
          posicion: last?.posicion ?? endpoint.desdePosicion,
          reproduccion: last?.reproduccion ?? null,
          saltarAntesDe: last?.saltarAntesDe ?? null,
          desdeVisto: last?.desdeVisto ?? endpoint.desdePosicion,
        }
        this.#head = null
        this.#queue = []
        this.#initialised = true
      }
      if (!(await this.#lease.renew(now, this.#progress))) {
        this.#head = null
        this.#queue = []
        return this.#renewEveryMs
      }
      this.#lastRenewal = now.getTime()
    }
    if (!this.#initialised) return 0

    // A reactivation moves the start forward; a replay request moves the cursor back.
    if (endpoint.desdePosicion !== this.#progress.desdeVisto) {
      if (store.comparePositions(endpoint.desdePosicion, this.#progress.posicion) > 0)
        this.#progress.posicion = endpoint.desdePosicion
      this.#progress.desdeVisto = endpoint.desdePosicion
      this.#head = null
      this.#queue = []
    }
    if (endpoint.reproduccion && endpoint.reproduccion.solicitud !== this.#progress.reproduccion) {
      this.#progress = {
        ...this.#progress,
        posicion: null,
        reproduccion: endpoint.reproduccion.solicitud,
        saltarAntesDe: endpoint.reproduccion.desde,
      }
      this.#head = null
      this.#queue = []
      this.#lastRenewal = 0 // record the replay in the lease at once
      return 0
    }

    if (!this.#head) {
      const next = await this.#nextEvent(endpoint)
      if (!next) return Math.max(1, this.#renewEveryMs - (now.getTime() - this.#lastRenewal))
      const { body } = await this.dispatcher.message(endpoint, next)
      this.#head = {
        event: next,
        row: this.dispatcher.log.open(endpoint.id, next, body, false, now),
        body,
        attempts: 0,
        nextAt: now.getTime(),
      }
    }
    const head = this.#head
    if (head.nextAt > now.getTime())
      return Math.min(head.nextAt - now.getTime(), this.#renewEveryMs - (now.getTime() - this.#lastRenewal))

    // Signed at each attempt: webhook-timestamp is the attempt's time, as the spec wants.
    const headers = this.dispatcher.sign(endpoint, head.event.id, head.body)
    const result = await this.dispatcher.options.sender.send(endpoint.url, headers, head.body)
    this.dispatcher.options.onAttempt?.(endpoint.id, head.event, result)
    head.attempts++
    const after = this.dispatcher.now()
    if (ok(result)) {
      this.dispatcher.log.attempt(
        head.row,
        { ...outcome(result), estado: 'entregado', nextAttempt: null },
        after,
      )
      this.#advance(head.event)
      return this.dispatcher.pauseMs
    }
    if (result.status === 410) {
      this.dispatcher.log.attempt(
        head.row,
        { ...outcome(result), estado: 'fallido', nextAttempt: null },
        after,
      )
      await this.dispatcher.disable(endpoint.id, 'el receptor respondió 410 Gone')
      this.#advance(head.event)
      return 0
    }
    const delay = this.dispatcher.retryDelay(head.attempts, result)
    if (delay === null) {
      this.dispatcher.log.attempt(
        head.row,
        { ...outcome(result), estado: 'fallido', nextAttempt: null },
        after,
      )
      this.dispatcher.logFailure(
        { endpoint: endpoint.id, eventId: head.event.id, attempts: head.attempts, status: result.status },
        'webhook given up after the last retry',
      )
      this.#advance(head.event)
      return 0
    }
    head.nextAt = after.getTime() + delay
    this.dispatcher.log.attempt(
      head.row,
      { ...outcome(result), estado: 'pendiente', nextAttempt: new Date(head.nextAt).toISOString() },
      after,
    )
    return Math.min(delay, this.#renewEveryMs)
  }

  #advance(event: RecordedEvent): void {
    this.#progress.posicion = event.position
    this.#head = null
  }

  /** The next event after the cursor that the endpoint wants; the cursor passes over the rest. */
  async #nextEvent(endpoint: EndpointState): Promise<RecordedEvent | null> {
    for (;;) {
      if (this.#queue.length === 0) {
        this.#queue = await this.dispatcher.read(this.#progress.posicion, READ_AHEAD)
        if (this.#queue.length === 0) return null
      }
      while (this.#queue.length > 0) {
        const event = this.#queue.shift()!
        const skip = this.#progress.saltarAntesDe
        if (this.dispatcher.matches(endpoint, event) && (!skip || event.metadata.occurredAt >= skip))
          return event
        this.#progress.posicion = event.position
      }
    }
  }
}
