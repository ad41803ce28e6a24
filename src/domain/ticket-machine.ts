import type { Estado } from './catalogue.ts'
import { type Caller, mayActOnTicket, type TicketOperation } from './roles.ts'

/**
 * DESIGN §5 as data: from which estados each ticket operation is allowed. The decider, the HTTP
 * layer's `acciones` and the state-machine tests all read this one table.
 */
export const ALLOWED_FROM: Readonly<Record<TicketOperation, readonly Estado[]>> = {
  asignar: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO', 'PAUSADO'],
  transferir: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO'],
  actualizar: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO', 'RESUELTO'],
  reclasificar: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO', 'PAUSADO'],
  pausar: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO'],
  reabrir: ['PAUSADO', 'RESUELTO', 'CERRADO'],
  cancelar: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO', 'PAUSADO'],
  archivar: ['RESUELTO', 'CERRADO', 'CANCELADO'],
}

/** The estados `actualizar` may set, by the estado the ticket is in (DESIGN §5). */
export const ACTUALIZAR_TARGETS: Readonly<Partial<Record<Estado, readonly Estado[]>>> = {
  ABIERTO: ['ABIERTO', 'EN_PROCESO', 'RESUELTO'],
  ASIGNADO: ['ASIGNADO', 'EN_PROCESO', 'RESUELTO'],
  EN_PROCESO: ['EN_PROCESO', 'RESUELTO'],
  RESUELTO: ['RESUELTO', 'CERRADO'],
}

/** Operations the state machine allows from `estado` (before any role check). */
export function operationsAllowedFrom(estado: Estado): TicketOperation[] {
  return (Object.keys(ALLOWED_FROM) as TicketOperation[]).filter((operation) =>
    ALLOWED_FROM[operation].includes(estado),
  )
}

/** Operations the caller may perform on the ticket now: the state machine ∩ DESIGN §4. */
export function accionesFor(caller: Caller, ticket: { estado: Estado; area: string }): TicketOperation[] {
  return operationsAllowedFrom(ticket.estado).filter((operation) =>
    mayActOnTicket(operation, caller, ticket.area),
  )
}
