import { TICKET_OPERATIONS, type TicketOperation } from './ticket-operations.ts'

// The eight ticket operations (seed 002) are defined in ticket-operations.ts.
export { TICKET_OPERATIONS, type TicketOperation }

/**
 * Who may do what: DESIGN §4 as data. This is the single source the HTTP layer and the tests use;
 * nothing else in the code decides access.
 */
export const ROLES = ['ADMIN', 'MESA', 'AREA', 'USUARIO'] as const
export type Rol = (typeof ROLES)[number]

/** Roles that can be given tickets (agenteId). */
export const AGENT_ROLES: readonly Rol[] = ['ADMIN', 'MESA', 'AREA']

/** The caller as the access rules see it: a role (or none, for anonymous callers) and, for AREA, an area. */
export type Caller = { rol: Rol; area: string | null } | { rol: 'ANONIMO'; area: null }

/**
 * all: every ticket; own_area: only tickets whose current area is the caller's; none: not at all.
 */
export type Access = 'all' | 'own_area' | 'none'

/** Everything DESIGN §4 rules on: the ticket operations of the operation table and the rest. */
export const OPERATIONS = [
  'crear',
  'consultar',
  'dashboard',
  'ver',
  ...TICKET_OPERATIONS,
  'usuarios',
  'estadisticas',
  'notificaciones',
  'auditoria',
  'privacidad',
  'webhooks',
] as const
export type Operation =
  | 'crear'
  | 'consultar'
  | 'dashboard'
  | 'ver'
  | TicketOperation
  | 'usuarios'
  | 'estadisticas'
  | 'notificaciones'
  | 'auditoria'
  | 'privacidad'
  | 'webhooks'

type Row = Record<Rol | 'ANONIMO', Access>
const row = (admin: Access, mesa: Access, area: Access, usuario: Access): Row => ({
  ADMIN: admin,
  MESA: mesa,
  AREA: area,
  USUARIO: usuario,
  ANONIMO: usuario,
})

export const PERMISSIONS: Readonly<Record<Operation, Row>> = {
  crear: row('all', 'all', 'all', 'all'),
  consultar: row('all', 'all', 'all', 'all'),
  dashboard: row('all', 'all', 'own_area', 'none'),
  ver: row('all', 'all', 'own_area', 'none'),
  asignar: row('all', 'all', 'none', 'none'),
  transferir: row('all', 'all', 'none', 'none'),
  reclasificar: row('all', 'all', 'none', 'none'),
  reabrir: row('all', 'all', 'none', 'none'),
  actualizar: row('all', 'all', 'own_area', 'none'),
  pausar: row('all', 'all', 'own_area', 'none'),
  cancelar: row('all', 'all', 'own_area', 'none'),
  archivar: row('all', 'all', 'own_area', 'none'),
  usuarios: row('all', 'none', 'none', 'none'),
  // Not in DESIGN §4: added by the SLA and statistics issue (ADMIN, MESA; AREA for its area).
  estadisticas: row('all', 'all', 'own_area', 'none'),
  // Not in DESIGN §4: e-mail deliveries (issue 15), ADMIN only.
  notificaciones: row('all', 'none', 'none', 'none'),
  // Not in DESIGN §4: the auditors' export (issue 17), ADMIN only.
  auditoria: row('all', 'none', 'none', 'none'),
  // Not in DESIGN §4: the right to erasure (issue 17 §3), ADMIN only.
  privacidad: row('all', 'none', 'none', 'none'),
  // Not in DESIGN §4: added by the notifications issue (15) — webhooks for integrators, ADMIN only.
  webhooks: row('all', 'none', 'none', 'none'),
}

export function accessFor(operation: Operation, caller: Caller): Access {
  return PERMISSIONS[operation][caller.rol]
}

/** Whether the caller may perform `operation` on a ticket currently in `ticketArea`. */
export function mayActOnTicket(operation: Operation, caller: Caller, ticketArea: string): boolean {
  const access = accessFor(operation, caller)
  if (access === 'all') return true
  if (access === 'own_area') return caller.area !== null && caller.area === ticketArea
  return false
}
