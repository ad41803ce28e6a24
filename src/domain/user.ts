import { pickFromCatalogue } from './catalogue.ts'
import type { Decider, DomainEvent } from './decider.ts'
import { DomainError } from './errors.ts'
import type { Rol } from './roles.ts'

/**
 * The user aggregate (seed 000). Passwords reach the domain only as hashes: hashing is I/O-heavy
 * and salted, so the command handler does it and passes the result in.
 */
export interface UserData {
  id: string
  /** Normalised: trimmed and lower-cased, so uniqueness is case-insensitive. */
  email: string
  nombre: string
  rol: Rol
  area: string | null
  telefono: string | null
  passwordHash: string
  /** Set for accounts created or reset by an admin: the user must choose a password first. */
  mustChangePassword: boolean
  /** Bumped whenever existing tokens must stop working (password, role, area, deactivation). */
  tokenVersion: number
  activo: boolean
}

export type UserState =
  { status: 'nuevo' } | ({ status: 'existe' } & UserData) | { status: 'eliminado'; id: string }

export interface UserChanges {
  email?: string
  nombre?: string
  rol?: Rol
  area?: string | null
  telefono?: string | null
  /** A new password hash set by an admin (a reset: the user must change it at next login). */
  passwordHash?: string
  activo?: boolean
}

/**
 * Facts the command handler reads outside the stream: how many other active ADMINs exist (the
 * last one is protected). Passed in so the decision stays pure.
 */
export interface AdminCount {
  otherActiveAdmins: number
}

export type UserCommand =
  | {
      type: 'crear'
      data: {
        id: string
        email: string
        nombre: string
        rol: Rol
        area?: string | null
        telefono?: string | null
        passwordHash: string
        mustChangePassword: boolean
      }
    }
  | { type: 'actualizar'; data: { cambios: UserChanges } & AdminCount }
  | { type: 'cambiarPassword'; data: { passwordHash: string } }
  | { type: 'eliminar'; data: AdminCount }

type PublicUserFields = Omit<UserData, 'passwordHash' | 'mustChangePassword' | 'tokenVersion' | 'activo'>

export type UserEvent =
  | DomainEvent<'UsuarioCreado', UserData>
  | DomainEvent<
      'UsuarioActualizado',
      {
        cambios: {
          [K in keyof PublicUserFields]?: { antes: PublicUserFields[K]; despues: PublicUserFields[K] }
        }
        tokenVersion: number
      }
    >
  | DomainEvent<
      'UsuarioPasswordCambiado',
      { passwordHash: string; mustChangePassword: boolean; porAdmin: boolean; tokenVersion: number }
    >
  | DomainEvent<'UsuarioDesactivado', { tokenVersion: number }>
  | DomainEvent<'UsuarioReactivado', Record<string, never>>
  | DomainEvent<'UsuarioEliminado', { email: string }>

export type UserEventType = UserEvent['type']

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

export interface UserPolicy {
  areas: readonly string[]
}

export function createUserDecider(policy: UserPolicy): Decider<UserState, UserCommand, UserEvent> {
  /** AREA users need an area from the catalogue; other roles may carry one, validated the same way. */
  function resolveArea(rol: Rol, area: string | null | undefined): string | null {
    if (area == null || area.trim() === '') {
      if (rol === 'AREA') {
        throw new DomainError('unprocessable', 'area es obligatoria para usuarios con rol AREA', {
          campo: 'area',
          valoresValidos: policy.areas,
        })
      }
      return null
    }
    return pickFromCatalogue('area', area, policy.areas)
  }

  function decide(command: UserCommand, state: UserState): UserEvent[] {
    if (command.type === 'crear') {
      if (state.status !== 'nuevo') throw new DomainError('conflict', 'el usuario ya existe')
      const d = command.data
      return [
        {
          type: 'UsuarioCreado',
          data: {
            id: d.id,
            email: normalizeEmail(d.email),
            nombre: d.nombre.trim(),
            rol: d.rol,
            area: resolveArea(d.rol, d.area),
            telefono: d.telefono ?? null,
            passwordHash: d.passwordHash,
            mustChangePassword: d.mustChangePassword,
            tokenVersion: 0,
            activo: true,
          },
        },
      ]
    }
    if (state.status !== 'existe') throw new DomainError('not_found', 'el usuario no existe')

    switch (command.type) {
      case 'cambiarPassword':
        return [
          {
            type: 'UsuarioPasswordCambiado',
            data: {
              passwordHash: command.data.passwordHash,
              mustChangePassword: false,
              porAdmin: false,
              tokenVersion: state.tokenVersion + 1,
            },
          },
        ]
      case 'eliminar':
        protectLastAdmin(state, command.data, 'eliminar al')
        return [{ type: 'UsuarioEliminado', data: { email: state.email } }]
      case 'actualizar':
        return decideUpdate(state, command.data.cambios, command.data)
    }
  }

  function decideUpdate(state: UserData, cambios: UserChanges, admins: AdminCount): UserEvent[] {
    const events: UserEvent[] = []
    let tokenVersion = state.tokenVersion
    const rol = cambios.rol ?? state.rol
    const area =
      cambios.area !== undefined || cambios.rol !== undefined
        ? resolveArea(rol, cambios.area !== undefined ? cambios.area : state.area)
        : state.area
    if (state.rol === 'ADMIN' && rol !== 'ADMIN') protectLastAdmin(state, admins, 'quitar el rol ADMIN al')
    if (cambios.activo === false && state.activo) protectLastAdmin(state, admins, 'desactivar al')

    const changed: Record<string, { antes: unknown; despues: unknown }> = {}
    const note = <K extends keyof PublicUserFields>(key: K, despues: PublicUserFields[K]) => {
      if (despues !== state[key]) changed[key] = { antes: state[key], despues }
    }
    if (cambios.email !== undefined) note('email', normalizeEmail(cambios.email))
    if (cambios.nombre !== undefined) note('nombre', cambios.nombre.trim())
    note('rol', rol)
    note('area', area)
    if (cambios.telefono !== undefined) note('telefono', cambios.telefono)
    if (Object.keys(changed).length > 0) {
      // A new role or area changes what the user may see: tokens issued before stop working.
      if (changed.rol || changed.area) tokenVersion += 1
      events.push({ type: 'UsuarioActualizado', data: { cambios: changed, tokenVersion } })
    }
    if (cambios.passwordHash !== undefined) {
      tokenVersion += 1
      events.push({
        type: 'UsuarioPasswordCambiado',
        data: { passwordHash: cambios.passwordHash, mustChangePassword: true, porAdmin: true, tokenVersion },
      })
    }
    if (cambios.activo === false && state.activo) {
      tokenVersion += 1
      events.push({ type: 'UsuarioDesactivado', data: { tokenVersion } })
    }
    if (cambios.activo === true && !state.activo) events.push({ type: 'UsuarioReactivado', data: {} })
    return events
  }

  return { decide, evolve: evolveUser, initialState: initialUserState }
}

function protectLastAdmin(state: UserData, admins: AdminCount, action: string): void {
  if (state.rol === 'ADMIN' && state.activo && admins.otherActiveAdmins < 1) {
    throw new DomainError('conflict', `no se puede ${action} último ADMIN activo`, { campo: 'rol' })
  }
}

export function initialUserState(): UserState {
  return { status: 'nuevo' }
}

export function evolveUser(state: UserState, event: UserEvent): UserState {
  if (event.type === 'UsuarioCreado') return { status: 'existe', ...event.data }
  if (state.status !== 'existe') return state
  switch (event.type) {
    case 'UsuarioActualizado': {
      const next = { ...state, tokenVersion: event.data.tokenVersion }
      for (const [key, change] of Object.entries(event.data.cambios)) {
        ;(next as Record<string, unknown>)[key] = change?.despues
      }
      return next
    }
    case 'UsuarioPasswordCambiado':
      return {
        ...state,
        passwordHash: event.data.passwordHash,
        mustChangePassword: event.data.mustChangePassword,
        tokenVersion: event.data.tokenVersion,
      }
    case 'UsuarioDesactivado':
      return { ...state, activo: false, tokenVersion: event.data.tokenVersion }
    case 'UsuarioReactivado':
      return { ...state, activo: true }
    case 'UsuarioEliminado':
      return { status: 'eliminado', id: state.id }
  }
}
