import type { Rol } from '../../domain/roles.ts'

/** A user as seed 000 lists it. */
export interface UserRecord {
  user_id: string
  email: string
  nombre: string
  rol: Rol
  area: string | null
  telefono: string | null
  is_active: boolean
  must_change_password: boolean
  created_at: string
  updated_at: string
}

/** What authentication needs besides the public record. Never leaves the server. */
export interface UserCredentials extends UserRecord {
  password_hash: string
  token_version: number
}

/** A row of the users table. */
export interface UserRow {
  id: string
  email: string
  nombre: string
  rol: string
  area: string | null
  telefono: string | null
  is_active: number
  password_hash: string
  must_change_password: number
  token_version: number
  created_at: string
  updated_at: string
}

export function toUser(row: UserRow): UserRecord {
  return {
    user_id: row.id,
    email: row.email,
    nombre: row.nombre,
    rol: row.rol as Rol,
    area: row.area,
    telefono: row.telefono,
    is_active: row.is_active === 1,
    must_change_password: row.must_change_password === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}

export function toCredentials(row: UserRow): UserCredentials {
  return { ...toUser(row), password_hash: row.password_hash, token_version: row.token_version }
}
