import { type EventStore, isWrongExpectedVersion, type NewEvent } from '../../eventstore/port.ts'
import { leaseStream } from './endpoint.ts'
import { appendChained } from '../../audit/append.ts'

/** What the holder of an endpoint's lease records each time it renews it. */
export interface LeaseData {
  /** The instance holding it; null once released. */
  holder: string | null
  /** ISO instant after which another instance may take it over. */
  hasta: string
  /** The endpoint's delivery cursor: every event up to here is delivered or given up. */
  posicion: string | null
  /** The replay request already applied (endpoint.ts, WebhookReproduccionSolicitada). */
  reproduccion: string | null
  /** While replaying: events before this instant are not sent. */
  saltarAntesDe: string | null
  /** The endpoint's desdePosicion the cursor last caught up with (reactivations move it). */
  desdeVisto: string | null
}

export const LEASE_EVENT = 'WebhookLeaseRenovado'

const SYSTEM_ACTOR = { id: null, rol: 'SISTEMA', nombre: 'webhooks' }

/**
 * One endpoint's delivery lease, held through the event store: stream `webhooklease-<id>`,
 * appended at the revision the instance last read, so of two instances racing for it exactly one
 * append succeeds (on SQLite and on EventStoreDB alike). The holder renews it every ttl/3 with its
 * cursor; another instance takes it over only after `hasta`, from the last renewed cursor — so a
 * crash repeats at most what was sent since the last renewal, with the same webhook-id (the event
 * id), and the normal case sends each event once.
 */
export class EndpointLease {
  #revision: bigint | null = null
  #data: LeaseData | null = null
  #held = false

  constructor(
    private readonly store: EventStore,
    private readonly endpointId: string,
    private readonly instanceId: string,
    private readonly ttlMs: number,
  ) {}

  get held(): boolean {
    return this.#held
  }

  /** The latest lease record read or written (null: never held by anyone). */
  get data(): LeaseData | null {
    return this.#data
  }

  /** Reads what was appended since last time (the stream grows by one record per renewal). */
  async refresh(): Promise<void> {
    const from = this.#revision === null ? 0n : this.#revision + 1n
    const events = await this.store.readStream(leaseStream(this.endpointId), { fromRevision: from })
    for (const event of events) {
      this.#revision = event.revision
      this.#data = event.data as LeaseData
    }
    if (this.#data && this.#data.holder !== this.instanceId) this.#held = false
  }

  /** Whether another instance holds it unexpired at `now`. */
  heldByOther(now: Date): boolean {
    return (
      this.#data !== null &&
      this.#data.holder !== null &&
      this.#data.holder !== this.instanceId &&
      Date.parse(this.#data.hasta) > now.getTime()
    )
  }

  /**
   * Takes or renews the lease with `progress` as its new record. false: another instance holds
   * it (or won the race), and this one must not deliver.
   */
  async renew(now: Date, progress: Omit<LeaseData, 'holder' | 'hasta'>): Promise<boolean> {
    if (!this.#held) {
      await this.refresh()
      if (this.heldByOther(now)) return false
    }
    const data: LeaseData = {
      holder: this.instanceId,
      hasta: new Date(now.getTime() + this.ttlMs).toISOString(),
      ...progress,
    }
    return this.#append(data, now)
  }

  /** Gives the lease up at once (clean shutdown, endpoint off), keeping the cursor for the next holder. */
  async release(now: Date, progress: Omit<LeaseData, 'holder' | 'hasta'>): Promise<void> {
    if (!this.#held) return
    await this.#append({ holder: null, hasta: now.toISOString(), ...progress }, now)
    this.#held = false
  }

  /** Stops holding without writing (a crash, in tests): others wait for `hasta`. */
  forget(): void {
    this.#held = false
  }

  async #append(data: LeaseData, now: Date): Promise<boolean> {
    const event: NewEvent = {
      id: crypto.randomUUID(),
      type: LEASE_EVENT,
      data,
      metadata: { actor: SYSTEM_ACTOR, occurredAt: now.toISOString(), schemaVersion: 1 },
    }
    try {
      const result = await appendChained(
        this.store,
        leaseStream(this.endpointId),
        [event],
        this.#revision ?? 'no_stream',
      )
      this.#revision = result.nextRevision
      this.#data = data
      this.#held = data.holder === this.instanceId
      return this.#held
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error
      this.#held = false
      await this.refresh()
      return false
    }
  }
}
