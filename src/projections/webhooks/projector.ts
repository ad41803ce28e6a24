import type Database from 'better-sqlite3'
import type { RecordedEvent } from '../../eventstore/port.ts'
import {
  type EndpointState,
  WEBHOOK_STREAM_PREFIX,
  type WebhookEvent,
} from '../../notifications/webhooks/endpoint.ts'
import type { Projector } from '../projector.ts'

export const WEBHOOKS_SCHEMA = `
CREATE TABLE IF NOT EXISTS webhooks (
  id          TEXT PRIMARY KEY,
  estado      TEXT NOT NULL,
  eliminado   INTEGER NOT NULL DEFAULT 0,
  creado      TEXT NOT NULL
);
`

/**
 * The webhook endpoints (streams webhook-<id>): one row per endpoint holding its folded state as
 * JSON — a handful of rows read whole, so columns would buy nothing.
 */
export function webhooksProjector(db: Database.Database): Projector {
  db.exec(WEBHOOKS_SCHEMA)
  const read = db.prepare<[string], { estado: string }>('SELECT estado FROM webhooks WHERE id = ?')
  const write = db.prepare<[string, string, number, string]>(
    'INSERT INTO webhooks (id, estado, eliminado, creado) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET estado = excluded.estado, eliminado = excluded.eliminado',
  )
  return {
    name: 'webhooks',
    apply(recorded: RecordedEvent) {
      if (!recorded.stream.startsWith(WEBHOOK_STREAM_PREFIX)) return
      const id = recorded.stream.slice(WEBHOOK_STREAM_PREFIX.length)
      const row = read.get(id)
      const state = evolveEndpoint(row ? (JSON.parse(row.estado) as EndpointState) : null, recorded)
      if (state) write.run(id, JSON.stringify(state), state.eliminado ? 1 : 0, state.creado)
    },
  }
}

/** One event applied to an endpoint's state (null before WebhookRegistrado). */
export function evolveEndpoint(state: EndpointState | null, recorded: RecordedEvent): EndpointState | null {
  const event = { type: recorded.type, data: recorded.data } as WebhookEvent
  const at = recorded.metadata.occurredAt
  if (event.type === 'WebhookRegistrado') {
    const { secreto, ...settings } = event.data
    return {
      ...settings,
      secreto,
      anterior: null,
      anteriorHasta: null,
      desdePosicion: recorded.position,
      reproduccion: null,
      eliminado: false,
      creado: at,
      actualizado: at,
    }
  }
  if (!state) return null
  const next = { ...state, actualizado: at }
  switch (event.type) {
    case 'WebhookModificado':
      // Reactivation starts from here: what happened while it was off is not sent (replay can).
      if (event.data.activo === true && !state.activo) next.desdePosicion = recorded.position
      return { ...next, ...event.data }
    case 'WebhookSecretoRotado':
      return { ...next, ...event.data }
    case 'WebhookDesactivado':
      return { ...next, activo: false }
    case 'WebhookReproduccionSolicitada':
      return { ...next, reproduccion: event.data }
    case 'WebhookEliminado':
      return { ...next, activo: false, eliminado: true }
    default:
      return state
  }
}

export class WebhookQueries {
  readonly #one: Database.Statement<[string], { estado: string }>
  readonly #all: Database.Statement<[], { estado: string }>

  constructor(db: Database.Database) {
    db.exec(WEBHOOKS_SCHEMA)
    this.#one = db.prepare('SELECT estado FROM webhooks WHERE id = ? AND eliminado = 0')
    this.#all = db.prepare('SELECT estado FROM webhooks WHERE eliminado = 0 ORDER BY creado, id')
  }

  endpoint(id: string): EndpointState | null {
    const row = this.#one.get(id)
    return row ? (JSON.parse(row.estado) as EndpointState) : null
  }

  endpoints(): EndpointState[] {
    return this.#all.all().map((row) => JSON.parse(row.estado) as EndpointState)
  }
}
