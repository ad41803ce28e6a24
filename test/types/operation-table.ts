/**
 * Compile-time checks of "one operation, one definition", run by `tsc --noEmit` (npm test's
 * first step). Each `@ts-expect-error` must meet an error: if the types stop catching the mistake,
 * the directive itself becomes the error and the type check fails.
 */
import type { AgenteCandidato, TicketCommand } from '../../src/domain/ticket.ts'
import type { OperationBody, TicketOperation } from '../../src/domain/ticket-operations.ts'

type CommandTable = {
  readonly [Op in TicketOperation]: (body: OperationBody<Op>, agente: AgenteCandidato | null) => TicketCommand
}

// A command table that forgets an operation does not compile.
// @ts-expect-error — 'archivar' is missing
export const missingOperation: CommandTable = {
  asignar: (body, agente) => ({ type: 'asignar', data: { ...body, agente } }),
  transferir: (body, agente) => ({ type: 'transferir', data: { ...body, agente } }),
  actualizar: (body) => ({ type: 'actualizar', data: body }),
  reclasificar: (body) => ({ type: 'reclasificar', data: body }),
  pausar: (body) => ({ type: 'pausar', data: body }),
  reabrir: (body) => ({ type: 'reabrir', data: body }),
  cancelar: (body) => ({ type: 'cancelar', data: body }),
}

// A body is checked against its command: pausar's body is not reclasificar's data.
export const wrongBody: CommandTable['pausar'] = (body) =>
  // @ts-expect-error — reclasificar needs nuevaPrioridad and nuevaCategoria
  ({ type: 'reclasificar', data: body })

// An operation that is not in the table has no body type.
// @ts-expect-error — 'inventada' is not an operation
export type Inventada = OperationBody<'inventada'>

// The decider's commands come from the table: a body field the table does not have is refused.
export const extraField: TicketCommand = {
  type: 'pausar',
  // @ts-expect-error — pausar's body has only motivo
  data: { motivo: 'x', prioridad: 'ALTA' },
}
