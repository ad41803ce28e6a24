import type Database from 'better-sqlite3'

/**
 * The delivery log of this instance (read-model database): one row per (endpoint, event, run),
 * updated on each attempt. Request and response bodies are dropped after BODY_RETENTION_MS; the
 * row itself (status, attempts, duration) stays.
 */
export const BODY_RETENTION_MS = 3 * 24 * 3_600_000

const SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_entregas (
  id            INTEGER PRIMARY KEY,
  endpoint_id   TEXT NOT NULL,
  evento_id     TEXT NOT NULL,
  tipo          TEXT NOT NULL,
  posicion      TEXT NOT NULL,
  stream        TEXT NOT NULL,
  revision      INTEGER NOT NULL,
  estado        TEXT NOT NULL,
  intentos      INTEGER NOT NULL,
  ultimo_status INTEGER,
  duracion_ms   INTEGER,
  error         TEXT,
  manual        INTEGER NOT NULL DEFAULT 0,
  cuerpo        TEXT,
  respuesta     TEXT,
  creado        TEXT NOT NULL,
  actualizado   TEXT NOT NULL,
  proximo       TEXT
);
CREATE INDEX IF NOT EXISTS webhook_entregas_endpoint ON webhook_entregas (endpoint_id, id);
CREATE INDEX IF NOT EXISTS webhook_entregas_evento ON webhook_entregas (endpoint_id, evento_id);
`

export type DeliveryState = 'pendiente' | 'entregado' | 'fallido'

export interface DeliveryRow {
  id: number
  eventoId: string
  tipo: string
  posicion: string
  stream: string
  revision: number
  estado: DeliveryState
  intentos: number
  ultimoStatus: number | null
  duracionMs: number | null
  error: string | null
  manual: boolean
  cuerpo: string | null
  respuesta: string | null
  creado: string
  actualizado: string
  proximoIntento: string | null
}

interface Raw {
  id: number
  evento_id: string
  tipo: string
  posicion: string
  stream: string
  revision: number
  estado: DeliveryState
  intentos: number
  ultimo_status: number | null
  duracion_ms: number | null
  error: string | null
  manual: number
  cuerpo: string | null
  respuesta: string | null
  creado: string
  actualizado: string
  proximo: string | null
}

const fromRaw = (raw: Raw): DeliveryRow => ({
  id: raw.id,
  eventoId: raw.evento_id,
  tipo: raw.tipo,
  posicion: raw.posicion,
  stream: raw.stream,
  revision: raw.revision,
  estado: raw.estado,
  intentos: raw.intentos,
  ultimoStatus: raw.ultimo_status,
  duracionMs: raw.duracion_ms,
  error: raw.error,
  manual: raw.manual === 1,
  cuerpo: raw.cuerpo,
  respuesta: raw.respuesta,
  creado: raw.creado,
  actualizado: raw.actualizado,
  proximoIntento: raw.proximo,
})

export interface AttemptRecord {
  estado: DeliveryState
  status: number | null
  durationMs: number
  error: string | null
  response: string
  nextAttempt: string | null
}

/** A row of the log, its id known once the queued insert has run. */
export interface DeliveryHandle {
  id: number
}

/**
 * Writes are queued and run together in one transaction on the next turn of the event loop (one
 * commit for many deliveries, which matters when five endpoints each log every command); reads
 * flush the queue first, so they always see every write made before them.
 */
export class DeliveryLog {
  #queue: Array<() => void> = []
  #scheduled = false
  readonly #flush: (ops: Array<() => void>) => void

  readonly #insert: Database.Statement
  readonly #update: Database.Statement
  readonly #list: Database.Statement<[string, number, number], Raw>
  readonly #byEvent: Database.Statement<[string, string], Raw>
  readonly #purge: Database.Statement<[string]>

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA)
    this.#flush = db.transaction((ops: Array<() => void>) => {
      for (const op of ops) op()
    })
    this.#insert = db.prepare(
      `INSERT INTO webhook_entregas (endpoint_id, evento_id, tipo, posicion, stream, revision, estado, intentos, manual, cuerpo, creado, actualizado)
       VALUES (@endpoint, @evento, @tipo, @posicion, @stream, @revision, 'pendiente', 0, @manual, @cuerpo, @now, @now)`,
    )
    this.#update = db.prepare(
      `UPDATE webhook_entregas SET estado = @estado, intentos = intentos + 1, ultimo_status = @status,
       duracion_ms = @duration, error = @error, respuesta = @response, actualizado = @now, proximo = @next WHERE id = @id`,
    )
    this.#list = db.prepare(
      'SELECT * FROM webhook_entregas WHERE endpoint_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
    )
    this.#byEvent = db.prepare(
      'SELECT * FROM webhook_entregas WHERE endpoint_id = ? AND evento_id = ? ORDER BY id DESC LIMIT 1',
    )
    this.#purge = db.prepare(
      'UPDATE webhook_entregas SET cuerpo = NULL, respuesta = NULL WHERE actualizado < ? AND (cuerpo IS NOT NULL OR respuesta IS NOT NULL)',
    )
  }

  open(
    endpoint: string,
    event: { id: string; type: string; position: string; stream: string; revision: bigint },
    body: string,
    manual: boolean,
    now: Date,
  ): DeliveryHandle {
    const handle: DeliveryHandle = { id: 0 }
    const values = {
      endpoint,
      evento: event.id,
      tipo: event.type,
      posicion: event.position,
      stream: event.stream,
      revision: Number(event.revision),
      manual: manual ? 1 : 0,
      cuerpo: body,
      now: now.toISOString(),
    }
    this.#enqueue(() => (handle.id = Number(this.#insert.run(values).lastInsertRowid)))
    return handle
  }

  attempt(handle: DeliveryHandle, record: AttemptRecord, now: Date): void {
    const values = {
      estado: record.estado,
      status: record.status,
      duration: record.durationMs,
      error: record.error,
      response: record.response.slice(0, 4096),
      now: now.toISOString(),
      next: record.nextAttempt,
    }
    this.#enqueue(() => this.#update.run({ ...values, id: handle.id }))
  }

  /** Runs every queued write now. */
  flush(): void {
    this.#scheduled = false
    if (this.#queue.length === 0) return
    const ops = this.#queue
    this.#queue = []
    this.#flush(ops)
  }

  #enqueue(op: () => void): void {
    this.#queue.push(op)
    if (!this.#scheduled) {
      this.#scheduled = true
      setImmediate(() => this.flush())
    }
  }

  list(endpoint: string, options: { limit: number; before?: number }): DeliveryRow[] {
    this.flush()
    return this.#list.all(endpoint, options.before ?? Number.MAX_SAFE_INTEGER, options.limit).map(fromRaw)
  }

  latest(endpoint: string, eventId: string): DeliveryRow | null {
    this.flush()
    const raw = this.#byEvent.get(endpoint, eventId)
    return raw ? fromRaw(raw) : null
  }

  /** Drops bodies older than the retention; returns how many rows lost theirs. */
  purgeBodies(now: Date): number {
    this.flush()
    return this.#purge.run(new Date(now.getTime() - BODY_RETENTION_MS).toISOString()).changes
  }
}
