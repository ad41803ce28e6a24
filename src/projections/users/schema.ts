/** The users read model (DESIGN §8): seed 000's user list plus what authentication needs. */
export const USERS_SCHEMA = `
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
