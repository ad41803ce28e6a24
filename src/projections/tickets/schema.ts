import { createHash } from 'node:crypto'
import { normalizeEmail } from '../../domain/user.ts'

/**
 * The tickets read model's tables (DESIGN §8): tickets, ticket_respuestas, tickets_busqueda,
 * consulta_publica and conteo_estados. Everything here is derived from the event log and can be
 * dropped and rebuilt (`npm run rebuild`). Documented for analysts in docs/read-models.md.
 *
 * TICKET_COLUMNS is the one list of the tickets table's columns: the DDL, the row type, the
 * projector's INSERT and UPDATE lists and the dashboard's SELECT list all come from it, so a
 * column added here reaches each of them (and one left out of the projector does not compile).
 */

/**
 * - `fixed`: written when the ticket appears, never changed (what TicketCreado says);
 * - `mutable`: folded from every event by the projector;
 * - `derived`: computed from other columns when the row is written, for indexes.
 * `summary`: selected for dashboard items (and cursors); decoding all sixty columns of a row costs
 * twenty times more than these.
 */
interface ColumnSpec {
  readonly type: 'text' | 'text?' | 'integer' | 'integer?'
  readonly set: 'fixed' | 'mutable' | 'derived'
  readonly summary?: true
  readonly constraint?: string
}

export const TICKET_COLUMNS = {
  /**
   * The row's number (its rowid, assigned on insert: null in the INSERT), also the rowid of its
   * tickets_busqueda row. Explicit, so no VACUUM can renumber it.
   */
  n: { type: 'integer?', set: 'fixed', constraint: 'PRIMARY KEY' },
  id: { type: 'text', set: 'fixed', summary: true, constraint: 'UNIQUE' },
  codigo: { type: 'text', set: 'fixed', summary: true, constraint: 'UNIQUE' },
  asunto: { type: 'text', set: 'fixed', summary: true },
  descripcion: { type: 'text', set: 'fixed' },
  estado: { type: 'text', set: 'mutable', summary: true },
  estado_antes_pausa: { type: 'text?', set: 'mutable' },
  archivado: { type: 'integer', set: 'derived' },
  prioridad: { type: 'text', set: 'mutable', summary: true },
  prioridad_rank: { type: 'integer', set: 'derived', summary: true },
  categoria: { type: 'text', set: 'mutable', summary: true },
  area: { type: 'text', set: 'mutable', summary: true },
  agente_id: { type: 'text?', set: 'mutable', summary: true },
  agente_nombre: { type: 'text?', set: 'mutable', summary: true },
  agente_rol: { type: 'text?', set: 'mutable', summary: true },
  solicitante_id: { type: 'text?', set: 'fixed' },
  solicitante_nombre: { type: 'text', set: 'fixed', summary: true },
  solicitante_email: { type: 'text', set: 'fixed', summary: true },
  solicitante_telefono: { type: 'text?', set: 'fixed', summary: true },
  creado_en: { type: 'text', set: 'fixed', summary: true },
  actualizado_en: { type: 'text', set: 'mutable', summary: true },
  primera_respuesta_en: { type: 'text?', set: 'mutable' },
  resuelto_en: { type: 'text?', set: 'mutable' },
  cerrado_en: { type: 'text?', set: 'mutable' },
  cancelado_en: { type: 'text?', set: 'mutable' },
  cancelado_por: { type: 'text?', set: 'mutable' },
  archivado_en: { type: 'text?', set: 'mutable' },
  reaperturas: { type: 'integer', set: 'mutable' },
  transferencias: { type: 'integer', set: 'mutable' },
  motivo_asignar: { type: 'text?', set: 'mutable' },
  motivo_transferir: { type: 'text?', set: 'mutable' },
  motivo_reclasificar: { type: 'text?', set: 'mutable' },
  motivo_pausar: { type: 'text?', set: 'mutable' },
  motivo_reabrir: { type: 'text?', set: 'mutable' },
  motivo_cancelar: { type: 'text?', set: 'mutable' },
  motivo_archivar: { type: 'text?', set: 'mutable' },
  /** The SLA fold (domain/sla.ts SlaState) as JSON; the columns below are computed from it. */
  sla_estado: { type: 'text', set: 'mutable', summary: true },
  pr_vence: { type: 'text?', set: 'mutable' },
  pr_riesgo: { type: 'text?', set: 'mutable' },
  pr_estado_fijo: { type: 'text?', set: 'mutable' },
  res_vence: { type: 'text?', set: 'mutable' },
  res_riesgo: { type: 'text?', set: 'mutable' },
  res_estado_fijo: { type: 'text?', set: 'mutable' },
  sla_orden: { type: 'text', set: 'mutable', summary: true },
  sla_pausado_ms: { type: 'integer', set: 'mutable' },
  revision: { type: 'integer', set: 'mutable', summary: true },
  position: { type: 'text', set: 'mutable' },
} as const satisfies Record<string, ColumnSpec>

type Columns = typeof TICKET_COLUMNS
export type TicketColumn = keyof Columns
type ValueOf<Spec extends ColumnSpec> = Spec['type'] extends 'integer'
  ? number
  : Spec['type'] extends 'integer?'
    ? number | null
    : Spec['type'] extends 'text?'
      ? string | null
      : string

/** One row of the tickets table, as the projector writes it and `SELECT *` reads it. */
export type TicketRow = { -readonly [K in TicketColumn]: ValueOf<Columns[K]> }

const columnsWhere = (test: (spec: ColumnSpec) => boolean): TicketColumn[] =>
  (Object.keys(TICKET_COLUMNS) as TicketColumn[]).filter((name) => test(TICKET_COLUMNS[name]))

export const ALL_TICKET_COLUMNS = Object.keys(TICKET_COLUMNS) as TicketColumn[]
/** Columns an UPDATE rewrites: everything but the fixed ones. */
export const UPDATED_TICKET_COLUMNS = columnsWhere((spec) => spec.set !== 'fixed')
export const SUMMARY_TICKET_COLUMNS = columnsWhere((spec) => spec.summary === true)

const SQL_TYPES = {
  text: 'TEXT NOT NULL',
  'text?': 'TEXT',
  integer: 'INTEGER NOT NULL',
  'integer?': 'INTEGER',
} as const

const TICKETS_TABLE = `CREATE TABLE IF NOT EXISTS tickets (
${ALL_TICKET_COLUMNS.map((name) => {
  const spec: ColumnSpec = TICKET_COLUMNS[name]
  return `  ${name.padEnd(21)} ${SQL_TYPES[spec.type]}${spec.constraint ? ` ${spec.constraint}` : ''}`
}).join(',\n')}
);`

const TICKETS_SCHEMA = `
${TICKETS_TABLE}
CREATE INDEX IF NOT EXISTS tickets_recientes   ON tickets (archivado, creado_en, id);
CREATE INDEX IF NOT EXISTS tickets_area        ON tickets (area, archivado, creado_en, id);
CREATE INDEX IF NOT EXISTS tickets_estado      ON tickets (estado, creado_en, id);
CREATE INDEX IF NOT EXISTS tickets_agente      ON tickets (agente_id, creado_en, id);
CREATE INDEX IF NOT EXISTS tickets_prioridad   ON tickets (prioridad, creado_en, id);
CREATE INDEX IF NOT EXISTS tickets_categoria   ON tickets (categoria, creado_en, id);
CREATE INDEX IF NOT EXISTS tickets_rank        ON tickets (archivado, prioridad_rank, creado_en, id);
CREATE INDEX IF NOT EXISTS tickets_area_rank   ON tickets (area, archivado, prioridad_rank, creado_en, id);
CREATE INDEX IF NOT EXISTS tickets_actualizado ON tickets (archivado, actualizado_en, id);
CREATE INDEX IF NOT EXISTS tickets_solicitante ON tickets (solicitante_id, creado_en, id);
CREATE INDEX IF NOT EXISTS tickets_vencimiento ON tickets (archivado, sla_orden, id);
CREATE INDEX IF NOT EXISTS tickets_area_vencimiento ON tickets (area, archivado, sla_orden, id);
-- q that is an e-mail address: the requester's, case-insensitively (q that is a code: codigo's UNIQUE).
CREATE INDEX IF NOT EXISTS tickets_email       ON tickets (solicitante_email COLLATE NOCASE);
-- The counts of a search (q): from each match's number to what resumen filters and groups by.
CREATE INDEX IF NOT EXISTS tickets_n_filtros   ON tickets (n, archivado, area, estado, prioridad);

-- Text search (q): the words of codigo, asunto, requester name and e-mail, case and accents
-- folded (camara finds cámara), with prefix indexes for 2- and 3-character prefixes. rowid = tickets.n.
CREATE VIRTUAL TABLE IF NOT EXISTS tickets_busqueda USING fts5 (
  ticket_id UNINDEXED,
  texto,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
-- An erased requester's words (privacy/) are removed from the index itself, not only hidden.
INSERT INTO tickets_busqueda (tickets_busqueda, rank) VALUES ('secure-delete', 1);

CREATE TABLE IF NOT EXISTS ticket_respuestas (
  ticket_id     TEXT NOT NULL,
  n             INTEGER NOT NULL,
  respuesta     TEXT NOT NULL,
  autor_id      TEXT,
  autor_nombre  TEXT NOT NULL,
  autor_rol     TEXT NOT NULL,
  creado_en     TEXT NOT NULL,
  PRIMARY KEY (ticket_id, n)
) WITHOUT ROWID; -- a ticket's responses side by side, read in one range, not one lookup each

-- Public status lookup: codigo + a hash of the normalised requester email (never the email).
CREATE TABLE IF NOT EXISTS consulta_publica (
  codigo      TEXT PRIMARY KEY,
  email_hash  TEXT NOT NULL,
  ticket_id   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS consulta_publica_email ON consulta_publica (email_hash);

-- Tickets per area, estado and prioridad: the dashboard's resumen and total without scanning
-- tickets, whenever the filters are only about area, estado and prioridad.
CREATE TABLE IF NOT EXISTS conteo_estados (
  area       TEXT NOT NULL,
  estado     TEXT NOT NULL,
  prioridad  TEXT NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (area, estado, prioridad)
);
`

/**
 * The tickets read model's tables and their schema version (see database.ts): bump the version
 * whenever the DDL or what the projector writes changes, and existing files are rebuilt.
 * 1: the first schema (trigram text search). 2: word search (FTS5 unicode61), tickets.n.
 */
export const TICKETS_READ_MODEL = {
  projector: 'tickets',
  version: 3,
  tables: ['tickets', 'ticket_respuestas', 'tickets_busqueda', 'consulta_publica', 'conteo_estados'],
  ddl: TICKETS_SCHEMA,
} as const

export const PRIORIDAD_RANK: Readonly<Record<string, number>> = { BAJA: 1, MEDIA: 2, ALTA: 3, CRITICA: 4 }

/** The public lookup stores this, never the email: sha256 over a fixed label and the normalised email. */
export function emailLookupHash(email: string): string {
  return createHash('sha256')
    .update(`consulta-publica\u0000${normalizeEmail(email)}`)
    .digest('hex')
}
