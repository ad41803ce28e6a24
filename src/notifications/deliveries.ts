import type Database from 'better-sqlite3'

/**
 * What the e-mail subscriber remembers, in the read-model database beside its checkpoint:
 *
 * - `correo_entregas`: one row per message (event id + recipient key), its latest outcome —
 *   ENVIADO, FALLIDO (a permanent refusal, skipped) or REINTENTANDO (the SMTP server is down or
 *   answered 4xx; the subscriber retries). Kept bounded: the newest MAX_ROWS rows.
 * - `correo_sla_avisos`: the SLA warnings sent, one per (ticket, clock, status), so the periodic
 *   check never sends one twice.
 *
 * No address of a requester is kept: the recipient is a kind (SOLICITANTE, AGENTE) and, for
 * agents, their user id; error texts have e-mail addresses masked.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS correo_entregas (
  n                 INTEGER PRIMARY KEY AUTOINCREMENT,
  clave             TEXT NOT NULL UNIQUE,
  evento_id         TEXT NOT NULL,
  message_id        TEXT NOT NULL,
  tipo              TEXT NOT NULL,
  destinatario_tipo TEXT NOT NULL,
  destinatario_id   TEXT,
  ticket_codigo     TEXT,
  estado            TEXT NOT NULL,
  intentos          INTEGER NOT NULL,
  error             TEXT,
  actualizado_en    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS correo_sla_avisos (
  ticket_id  TEXT NOT NULL,
  reloj      TEXT NOT NULL,
  estado     TEXT NOT NULL,
  enviado_en TEXT NOT NULL,
  PRIMARY KEY (ticket_id, reloj, estado)
);`

export const MAX_ROWS = 10_000

export type DeliveryStatus = 'ENVIADO' | 'FALLIDO' | 'REINTENTANDO'

export interface Delivery {
  eventoId: string
  messageId: string
  tipo: string
  destinatarioTipo: 'SOLICITANTE' | 'AGENTE'
  destinatarioId: string | null
  ticketCodigo: string | null
  estado: DeliveryStatus
  intentos: number
  error: string | null
  actualizadoEn: string
}

interface Row {
  n: number
  evento_id: string
  message_id: string
  tipo: string
  destinatario_tipo: 'SOLICITANTE' | 'AGENTE'
  destinatario_id: string | null
  ticket_codigo: string | null
  estado: DeliveryStatus
  intentos: number
  error: string | null
  actualizado_en: string
}

export class DeliveryLog {
  readonly #record: Database.Statement
  readonly #outcome: Database.Statement<[string], { estado: DeliveryStatus }>
  readonly #page: Database.Statement<[number, number], Row>
  readonly #prune: Database.Statement<[number]>
  readonly #slaSent: Database.Statement<[string, string, string], { n: number }>
  readonly #slaRecord: Database.Statement<[string, string, string, string]>
  #writes = 0

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA)
    this.#record = db.prepare(`
      INSERT INTO correo_entregas (clave, evento_id, message_id, tipo, destinatario_tipo, destinatario_id,
        ticket_codigo, estado, intentos, error, actualizado_en)
      VALUES (@clave, @eventoId, @messageId, @tipo, @destinatarioTipo, @destinatarioId, @ticketCodigo,
        @estado, 1, @error, @actualizadoEn)
      ON CONFLICT (clave) DO UPDATE SET estado = excluded.estado, error = excluded.error,
        intentos = intentos + 1, actualizado_en = excluded.actualizado_en`)
    this.#outcome = db.prepare('SELECT estado FROM correo_entregas WHERE clave = ?')
    this.#page = db.prepare('SELECT * FROM correo_entregas WHERE n <= ? ORDER BY n DESC LIMIT ?')
    this.#prune = db.prepare(
      'DELETE FROM correo_entregas WHERE n <= (SELECT max(n) FROM correo_entregas) - ?',
    )
    this.#slaSent = db.prepare(
      'SELECT count(*) AS n FROM correo_sla_avisos WHERE ticket_id = ? AND reloj = ? AND estado = ?',
    )
    this.#slaRecord = db.prepare(
      'INSERT OR IGNORE INTO correo_sla_avisos (ticket_id, reloj, estado, enviado_en) VALUES (?, ?, ?, ?)',
    )
  }

  /** Whether the message `clave` was already dealt with (sent, or refused for good). */
  done(clave: string): boolean {
    const estado = this.#outcome.get(clave)?.estado
    return estado === 'ENVIADO' || estado === 'FALLIDO'
  }

  record(clave: string, delivery: Omit<Delivery, 'intentos'>): void {
    this.#record.run({
      clave,
      ...delivery,
      error: delivery.error === null ? null : maskAddresses(delivery.error),
    })
    // Pruned now and then rather than on every write.
    if (++this.#writes % 100 === 1) this.#prune.run(MAX_ROWS)
  }

  /** Newest first; `antes` is the `n` of the last row of the previous page (keyset paging). */
  page(
    limit: number,
    antes: number | null,
  ): { items: (Delivery & { n: number })[]; siguiente: number | null } {
    const rows = this.#page.all(antes === null ? Number.MAX_SAFE_INTEGER : antes - 1, limit + 1)
    const items = rows.slice(0, limit).map(toDelivery)
    return { items, siguiente: rows.length > limit ? (items[items.length - 1]?.n ?? null) : null }
  }

  slaSent(ticketId: string, reloj: string, estado: string): boolean {
    return (this.#slaSent.get(ticketId, reloj, estado)?.n ?? 0) > 0
  }

  recordSla(ticketId: string, reloj: string, estados: readonly string[], at: string): void {
    this.db.transaction(() => {
      for (const estado of estados) this.#slaRecord.run(ticketId, reloj, estado, at)
    })()
  }
}

function toDelivery(row: Row): Delivery & { n: number } {
  return {
    n: row.n,
    eventoId: row.evento_id,
    messageId: row.message_id,
    tipo: row.tipo,
    destinatarioTipo: row.destinatario_tipo,
    destinatarioId: row.destinatario_id,
    ticketCodigo: row.ticket_codigo,
    estado: row.estado,
    intentos: row.intentos,
    error: row.error,
    actualizadoEn: row.actualizado_en,
  }
}

/** SMTP answers often quote the address they refuse; the log shows the refusal, not the person. */
export function maskAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<dirección>').slice(0, 500)
}
