/**
 * The read-model schema (DESIGN §8). Everything here is derived from the event log and can be
 * dropped and rebuilt (`npm run rebuild`). Documented for analysts in docs/read-models.md.
 */
export const READ_MODEL_SCHEMA_VERSION = 1

export const READ_MODEL_SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (
  projector   TEXT PRIMARY KEY,
  position    TEXT,
  updated_at  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS tickets (
  id                    TEXT PRIMARY KEY,
  codigo                TEXT NOT NULL UNIQUE,
  asunto                TEXT NOT NULL,
  descripcion           TEXT NOT NULL,
  estado                TEXT NOT NULL,
  estado_antes_pausa    TEXT,
  archivado             INTEGER NOT NULL DEFAULT 0,
  prioridad             TEXT NOT NULL,
  prioridad_rank        INTEGER NOT NULL,
  categoria             TEXT NOT NULL,
  area                  TEXT NOT NULL,
  agente_id             TEXT,
  agente_nombre         TEXT,
  agente_rol            TEXT,
  solicitante_id        TEXT,
  solicitante_nombre    TEXT NOT NULL,
  solicitante_email     TEXT NOT NULL,
  solicitante_telefono  TEXT,
  creado_en             TEXT NOT NULL,
  actualizado_en        TEXT NOT NULL,
  primera_respuesta_en  TEXT,
  resuelto_en           TEXT,
  cerrado_en            TEXT,
  cancelado_en          TEXT,
  cancelado_por         TEXT,
  archivado_en          TEXT,
  reaperturas           INTEGER NOT NULL DEFAULT 0,
  transferencias        INTEGER NOT NULL DEFAULT 0,
  motivo_asignar        TEXT,
  motivo_transferir     TEXT,
  motivo_reclasificar   TEXT,
  motivo_pausar         TEXT,
  motivo_reabrir        TEXT,
  motivo_cancelar       TEXT,
  motivo_archivar       TEXT,
  sla_estado            TEXT NOT NULL,
  pr_vence              TEXT,
  pr_riesgo             TEXT,
  pr_estado_fijo        TEXT,
  res_vence             TEXT,
  res_riesgo            TEXT,
  res_estado_fijo       TEXT,
  sla_orden             TEXT NOT NULL,
  sla_pausado_ms        INTEGER NOT NULL DEFAULT 0,
  revision              INTEGER NOT NULL,
  position              TEXT NOT NULL
);
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

-- Text search over codigo, asunto and requester (q): trigram index, so LIKE '%…%' is indexed.
CREATE VIRTUAL TABLE IF NOT EXISTS tickets_busqueda USING fts5 (ticket_id UNINDEXED, texto, tokenize = 'trigram');

CREATE TABLE IF NOT EXISTS ticket_respuestas (
  ticket_id     TEXT NOT NULL,
  n             INTEGER NOT NULL,
  respuesta     TEXT NOT NULL,
  autor_id      TEXT,
  autor_nombre  TEXT NOT NULL,
  autor_rol     TEXT NOT NULL,
  creado_en     TEXT NOT NULL,
  PRIMARY KEY (ticket_id, n)
);

-- Public status lookup: codigo + a hash of the normalised requester email (never the email).
CREATE TABLE IF NOT EXISTS consulta_publica (
  codigo      TEXT PRIMARY KEY,
  email_hash  TEXT NOT NULL,
  ticket_id   TEXT NOT NULL
);

-- Tickets per area, estado and prioridad: the dashboard's resumen and total without scanning
-- tickets, whenever the filters are only about area, estado and prioridad.
CREATE TABLE IF NOT EXISTS conteo_estados (
  area       TEXT NOT NULL,
  estado     TEXT NOT NULL,
  prioridad  TEXT NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (area, estado, prioridad)
);

CREATE TABLE IF NOT EXISTS users (
  id                    TEXT PRIMARY KEY,
  email                 TEXT NOT NULL COLLATE NOCASE UNIQUE,
  nombre                TEXT NOT NULL,
  rol                   TEXT NOT NULL,
  area                  TEXT,
  telefono              TEXT,
  is_active             INTEGER NOT NULL,
  password_hash         TEXT NOT NULL,
  must_change_password  INTEGER NOT NULL,
  token_version         INTEGER NOT NULL,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS users_rol ON users (rol, is_active);
`

export const PRIORIDAD_RANK: Readonly<Record<string, number>> = { BAJA: 1, MEDIA: 2, ALTA: 3, CRITICA: 4 }
