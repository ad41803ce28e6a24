import type { Estado } from './catalogue.ts'
import { type Caller, mayActOnTicket } from './roles.ts'
import { TICKET_OPERATIONS, TICKET_OPERATIONS_TABLE, type TicketOperation } from './ticket-operations.ts'

/**
 * DESIGN §5 as data: from which estados each ticket operation is allowed — each operation's
 * `allowedFrom` in the operation table. The decider, `acciones` and the state-machine tests read it.
 */
export function allowedFrom(operation: TicketOperation): readonly Estado[] {
  return TICKET_OPERATIONS_TABLE[operation].allowedFrom
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
  return TICKET_OPERATIONS.filter((operation) => allowedFrom(operation).includes(estado))
}

/** Operations the caller may perform on the ticket now: the state machine ∩ DESIGN §4. */
export function accionesFor(caller: Caller, ticket: { estado: Estado; area: string }): TicketOperation[] {
  return operationsAllowedFrom(ticket.estado).filter((operation) =>
    mayActOnTicket(operation, caller, ticket.area),
  )
}
