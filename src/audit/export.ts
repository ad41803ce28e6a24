import type { EventStore, RecordedEvent } from '../eventstore/port.ts'
import { linkOf } from './chain.ts'

/**
 * The auditors' export: the events of the log that match a filter, in log order, with their
 * hashes, as NDJSON (one event per line) or CSV. Read in batches and yielded line by line, so
 * memory stays flat whatever the range (GET /api/auditoria/eventos and `npm run audit -- export`).
 */
export interface ExportFilter {
  /** occurredAt ≥ desde (ISO instant). */
  desde?: string
  /** occurredAt < hasta (ISO instant). */
  hasta?: string
  stream?: string
  /** The actor's user id. */
  actor?: string
  tipo?: string
}

export type ExportFormat = 'ndjson' | 'csv'

const CSV_COLUMNS = [
  'posicion',
  'stream',
  'revision',
  'id',
  'tipo',
  'fecha',
  'actor_id',
  'actor_rol',
  'actor_nombre',
  'hash',
  'hash_previo',
  'datos',
] as const

export function matches(event: RecordedEvent, filter: ExportFilter): boolean {
  const at = event.metadata.occurredAt
  if (filter.desde && at < filter.desde) return false
  if (filter.hasta && at >= filter.hasta) return false
  if (filter.stream && event.stream !== filter.stream) return false
  if (filter.actor && event.metadata.actor.id !== filter.actor) return false
  if (filter.tipo && event.type !== filter.tipo) return false
  return true
}

/** One exported record: the event as stored, with its chain link apart. */
export function exportRecord(event: RecordedEvent) {
  const link = linkOf(event)
  return {
    posicion: event.position,
    stream: event.stream,
    revision: Number(event.revision),
    id: event.id,
    tipo: event.type,
    fecha: event.metadata.occurredAt,
    actor: event.metadata.actor,
    datos: event.data,
    metadata: event.metadata,
    hash: link?.hash ?? null,
    hashPrevio: link?.previo ?? null,
  }
}

export async function* exportLines(
  store: EventStore,
  filter: ExportFilter,
  format: ExportFormat,
  batchSize = 2_000,
): AsyncGenerator<string> {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`
  let after: string | null = null
  for (;;) {
    const batch = await store.readAll({ after, maxCount: batchSize })
    if (batch.length === 0) return
    let chunk = ''
    for (const event of batch) {
      if (!matches(event, filter)) continue
      const record = exportRecord(event)
      chunk += format === 'ndjson' ? `${JSON.stringify(record)}\n` : csvLine(record)
    }
    if (chunk) yield chunk
    after = batch[batch.length - 1]!.position
  }
}

function csvLine(record: ReturnType<typeof exportRecord>): string {
  const values = [
    record.posicion,
    record.stream,
    String(record.revision),
    record.id,
    record.tipo,
    record.fecha,
    record.actor.id ?? '',
    record.actor.rol,
    record.actor.nombre,
    record.hash ?? '',
    record.hashPrevio ?? '',
    JSON.stringify(record.datos),
  ]
  return `${values.map(csvField).join(',')}\r\n`
}

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet does not run it. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}
