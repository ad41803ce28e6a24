import type { Static } from 'typebox'
import { Type } from 'typebox'
import type { Estado } from './catalogue.ts'
import { closed, Motivo, Nullable, Texto, TextoLibre } from './fields.ts'

/**
 * The eight ticket operations of seed 002, each defined once: its request body (exactly as the
 * seed's quick-reference table) and the estados it is allowed from (DESIGN §5). The HTTP route and
 * its OpenAPI entry, the command type the decider takes (`TicketCommand` in ticket.ts) and the
 * state machine (ticket-machine.ts) all come from this table; "Adding an operation" in
 * docs/architecture.md says what else a new one needs.
 */

const AgenteId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })

interface OperationSpec {
  /** What it does, for the API documentation. */
  readonly summary: string
  readonly body: ReturnType<typeof Type.Object>
  readonly allowedFrom: readonly Estado[]
}

export const TICKET_OPERATIONS_TABLE = {
  asignar: {
    summary: 'Assign the ticket to an agent (ADMIN, MESA or AREA user of the ticket area)',
    body: Type.Object({ agenteId: AgenteId, motivo: Motivo }, closed),
    allowedFrom: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO', 'PAUSADO'],
  },
  transferir: {
    summary: 'Move the ticket to another area, optionally to an agent of it',
    body: Type.Object(
      { nuevaArea: Texto(2, 100), agenteId: Type.Optional(Nullable(AgenteId)), motivo: Motivo },
      closed,
    ),
    allowedFrom: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO'],
  },
  actualizar: {
    summary: 'Answer the requester, and set estado, prioridad and area',
    body: Type.Object(
      {
        estado: Texto(3, 50),
        prioridad: Texto(3, 50),
        area: Texto(2, 100),
        respuesta: TextoLibre(5, 5000),
      },
      closed,
    ),
    allowedFrom: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO', 'RESUELTO'],
  },
  reclasificar: {
    summary: 'Change prioridad and categoria',
    body: Type.Object(
      { nuevaPrioridad: Texto(3, 50), nuevaCategoria: Texto(2, 100), motivo: Motivo },
      closed,
    ),
    allowedFrom: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO', 'PAUSADO'],
  },
  pausar: {
    summary: 'Pause the ticket (waiting on someone else)',
    body: Type.Object({ motivo: Motivo }, closed),
    allowedFrom: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO'],
  },
  reabrir: {
    summary: 'Resume a paused ticket, or reopen a resolved or closed one',
    body: Type.Object({ motivo: Motivo }, closed),
    allowedFrom: ['PAUSADO', 'RESUELTO', 'CERRADO'],
  },
  cancelar: {
    summary: 'Cancel the ticket, at the request of the requester (USUARIO) or of the help desk (AGENTE)',
    body: Type.Object(
      { motivo: Motivo, rol: Type.Union([Type.Literal('USUARIO'), Type.Literal('AGENTE')]) },
      closed,
    ),
    allowedFrom: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO', 'PAUSADO'],
  },
  archivar: {
    summary: 'Archive a finished ticket (it leaves the active dashboard)',
    body: Type.Object({ motivo: Motivo }, closed),
    allowedFrom: ['RESUELTO', 'CERRADO', 'CANCELADO'],
  },
} as const satisfies Record<string, OperationSpec>

type Table = typeof TICKET_OPERATIONS_TABLE
export type TicketOperation = keyof Table

export const TICKET_OPERATIONS = Object.keys(TICKET_OPERATIONS_TABLE) as TicketOperation[]

/** The request body of an operation, as the HTTP layer validates it and the decider receives it. */
export type OperationBody<Op extends TicketOperation = TicketOperation> = Static<Table[Op]['body']>
