import { type Estado, ESTADOS, type Prioridad, PRIORIDADES, pickFromCatalogue } from './catalogue.ts'
import type { Decider, DomainEvent } from './decider.ts'
import { DomainError } from './errors.ts'
import { AGENT_ROLES, type Rol } from './roles.ts'
import { ACTUALIZAR_TARGETS, allowedFrom, operationsAllowedFrom } from './ticket-machine.ts'
import type { OperationBody, TicketOperation } from './ticket-operations.ts'

// ---------------------------------------------------------------------------------------------
// State

export interface Solicitante {
  nombre: string
  email: string
  telefono: string | null
}

/** An assignee as recorded on the ticket: enough to show and to check area visibility. */
export interface Agente {
  id: string
  nombre: string
  rol: Rol
  area: string | null
}

export interface TicketData {
  id: string
  codigo: string
  asunto: string
  descripcion: string
  solicitante: Solicitante
  /** Id of the USUARIO account that created it, when it was created with a token. */
  solicitanteId: string | null
  categoria: string
  prioridad: Prioridad
  area: string
  estado: Estado
  /** While PAUSADO: the estado `reabrir` resumes to. */
  estadoAntesDePausa: Estado | null
  agente: Agente | null
}

export type TicketState = { exists: false } | ({ exists: true } & TicketData)

// ---------------------------------------------------------------------------------------------
// Commands

/**
 * The user named by agenteId as the command handler read it before deciding (null when no such
 * user exists): the agent, and whether the account is active. The domain decides whether that
 * user may take the ticket; only the Agente part is recorded.
 */
export type AgenteCandidato = Agente & { activo: boolean }

export interface CrearCommand {
  type: 'crear'
  data: {
    id: string
    codigo: string
    asunto: string
    descripcion: string
    solicitante: Solicitante
    solicitanteId: string | null
    categoria?: string | null
    prioridad?: string | null
    area?: string | null
  }
}

/**
 * What an operation needs from outside the ticket's stream besides its body, read by the command
 * service before deciding: the user named by agenteId.
 */
interface OperationFacts {
  asignar: { agente: AgenteCandidato | null }
  transferir: { agente?: AgenteCandidato | null }
}

/** An operation's command: its request body (ticket-operations.ts) plus the facts it needs. */
export type OperationCommand<Op extends TicketOperation> = {
  type: Op
  data: OperationBody<Op> & (Op extends keyof OperationFacts ? OperationFacts[Op] : unknown)
}

export type TicketCommand = CrearCommand | { [Op in TicketOperation]: OperationCommand<Op> }[TicketOperation]

/**
 * From a request body to the decider's command, one entry per operation: the compiler refuses a
 * table that misses an operation, and checks each body against its command.
 */
export const TICKET_COMMANDS: {
  readonly [Op in TicketOperation]: (body: OperationBody<Op>, agente: AgenteCandidato | null) => TicketCommand
} = {
  asignar: (body, agente) => ({ type: 'asignar', data: { ...body, agente } }),
  transferir: (body, agente) => ({ type: 'transferir', data: { ...body, agente } }),
  actualizar: (body) => ({ type: 'actualizar', data: body }),
  reclasificar: (body) => ({ type: 'reclasificar', data: body }),
  pausar: (body) => ({ type: 'pausar', data: body }),
  reabrir: (body) => ({ type: 'reabrir', data: body }),
  cancelar: (body) => ({ type: 'cancelar', data: body }),
  archivar: (body) => ({ type: 'archivar', data: body }),
}

// ---------------------------------------------------------------------------------------------
// Events. Every event after TicketCreado carries `estado: {antes, despues}` so history and
// projections read the transition without replaying.

export interface Cambio<T> {
  antes: T
  despues: T
}

export type TicketEvent =
  | DomainEvent<'TicketCreado', Omit<TicketData, 'estadoAntesDePausa' | 'agente'>>
  | DomainEvent<'TicketAsignado', { estado: Cambio<Estado>; agente: Cambio<Agente | null>; motivo: string }>
  | DomainEvent<
      'TicketTransferido',
      { estado: Cambio<Estado>; area: Cambio<string>; agente: Cambio<Agente | null>; motivo: string }
    >
  | DomainEvent<
      'TicketActualizado',
      {
        estado: Cambio<Estado>
        prioridad: Cambio<Prioridad>
        area: Cambio<string>
        agente: Cambio<Agente | null>
        respuesta: string
      }
    >
  | DomainEvent<
      'TicketReclasificado',
      { estado: Cambio<Estado>; prioridad: Cambio<Prioridad>; categoria: Cambio<string>; motivo: string }
    >
  | DomainEvent<'TicketPausado', { estado: Cambio<Estado>; motivo: string }>
  | DomainEvent<'TicketReanudado', { estado: Cambio<Estado>; motivo: string }>
  | DomainEvent<'TicketReabierto', { estado: Cambio<Estado>; motivo: string }>
  | DomainEvent<'TicketCancelado', { estado: Cambio<Estado>; motivo: string; rol: 'USUARIO' | 'AGENTE' }>
  | DomainEvent<'TicketArchivado', { estado: Cambio<Estado>; motivo: string }>

export type TicketEventType = TicketEvent['type']

export const DEFAULT_PRIORIDAD: Prioridad = 'MEDIA'
export const DEFAULT_AREA = 'MESA'
export const DEFAULT_CATEGORIA = 'General'

export interface TicketPolicy {
  /** The area catalogue (normalised upper-case names). */
  areas: readonly string[]
}

// ---------------------------------------------------------------------------------------------
// Decider

export function createTicketDecider(policy: TicketPolicy): Decider<TicketState, TicketCommand, TicketEvent> {
  const pickArea = (campo: string, value: string) => pickFromCatalogue(campo, value, policy.areas)
  const pickPrioridad = (campo: string, value: string) => pickFromCatalogue(campo, value, PRIORIDADES)
  // A catalogue configured without MESA still needs somewhere for new tickets to land.
  const defaultArea = policy.areas.includes(DEFAULT_AREA) ? DEFAULT_AREA : (policy.areas[0] ?? DEFAULT_AREA)

  function decide(command: TicketCommand, state: TicketState): TicketEvent[] {
    if (command.type === 'crear') {
      if (state.exists) throw new DomainError('conflict', 'el ticket ya existe', { estado: state.estado })
      const d = command.data
      const area = d.area == null ? defaultArea : pickArea('area', d.area)
      const prioridad = d.prioridad == null ? DEFAULT_PRIORIDAD : pickPrioridad('prioridad', d.prioridad)
      const categoria = d.categoria?.trim() || DEFAULT_CATEGORIA
      return [
        {
          type: 'TicketCreado',
          data: {
            id: d.id,
            codigo: d.codigo,
            asunto: d.asunto,
            descripcion: d.descripcion,
            solicitante: d.solicitante,
            solicitanteId: d.solicitanteId,
            categoria,
            prioridad,
            area,
            estado: 'ABIERTO',
          },
        },
      ]
    }

    if (!state.exists) throw new DomainError('not_found', 'el ticket no existe')
    requireAllowed(command.type, state.estado)
    const from = state.estado

    switch (command.type) {
      case 'asignar': {
        const agente = acceptAgent(command.data.agenteId, command.data.agente, state.area)
        if (state.agente?.id === agente.id) {
          throw conflict(state, 'el ticket ya está asignado a ese agente', 'agenteId')
        }
        const to: Estado = from === 'ABIERTO' ? 'ASIGNADO' : from
        return [
          {
            type: 'TicketAsignado',
            data: {
              estado: { antes: from, despues: to },
              agente: { antes: state.agente, despues: agente },
              motivo: command.data.motivo,
            },
          },
        ]
      }
      case 'transferir': {
        const nuevaArea = pickArea('nuevaArea', command.data.nuevaArea)
        if (nuevaArea === state.area) {
          throw conflict(state, `el ticket ya está en el área ${nuevaArea}`, 'nuevaArea')
        }
        const withAgent = command.data.agenteId != null && command.data.agenteId !== ''
        const agente = withAgent
          ? acceptAgent(command.data.agenteId!, command.data.agente ?? null, nuevaArea)
          : null
        return [
          {
            type: 'TicketTransferido',
            data: {
              estado: { antes: from, despues: agente ? 'ASIGNADO' : 'ABIERTO' },
              area: { antes: state.area, despues: nuevaArea },
              agente: { antes: state.agente, despues: agente },
              motivo: command.data.motivo,
            },
          },
        ]
      }
      case 'actualizar': {
        const targets = ACTUALIZAR_TARGETS[from] ?? []
        const estado = pickFromCatalogue('estado', command.data.estado, ESTADOS)
        if (!targets.includes(estado)) {
          throw new DomainError(
            'invalid_transition',
            `no se puede pasar de ${from} a ${estado} con actualizar`,
            {
              estado: from,
              acciones: operationsAllowedFrom(from),
              campo: 'estado',
              valoresValidos: targets,
            },
          )
        }
        const prioridad = pickPrioridad('prioridad', command.data.prioridad)
        const area = pickArea('area', command.data.area)
        // Moving the ticket to an area its AREA assignee cannot see would hide it from them: the
        // assignee is dropped in the same event, and a merely ASIGNADO ticket is open again.
        const keepsAgent = state.agente === null || state.agente.rol !== 'AREA' || state.agente.area === area
        const agente = keepsAgent ? state.agente : null
        const despues: Estado = !keepsAgent && estado === 'ASIGNADO' ? 'ABIERTO' : estado
        return [
          {
            type: 'TicketActualizado',
            data: {
              estado: { antes: from, despues },
              prioridad: { antes: state.prioridad, despues: prioridad },
              area: { antes: state.area, despues: area },
              agente: { antes: state.agente, despues: agente },
              respuesta: command.data.respuesta,
            },
          },
        ]
      }
      case 'reclasificar': {
        const prioridad = pickPrioridad('nuevaPrioridad', command.data.nuevaPrioridad)
        return [
          {
            type: 'TicketReclasificado',
            data: {
              estado: { antes: from, despues: from },
              prioridad: { antes: state.prioridad, despues: prioridad },
              categoria: { antes: state.categoria, despues: command.data.nuevaCategoria.trim() },
              motivo: command.data.motivo,
            },
          },
        ]
      }
      case 'pausar':
        return [
          {
            type: 'TicketPausado',
            data: { estado: { antes: from, despues: 'PAUSADO' }, motivo: command.data.motivo },
          },
        ]
      case 'reabrir':
        if (from === 'PAUSADO') {
          // Resume: back to where the pause left it.
          const resumed = state.estadoAntesDePausa ?? 'ABIERTO'
          return [
            {
              type: 'TicketReanudado',
              data: { estado: { antes: from, despues: resumed }, motivo: command.data.motivo },
            },
          ]
        }
        // Reopen a solved or closed ticket: work starts again.
        return [
          {
            type: 'TicketReabierto',
            data: { estado: { antes: from, despues: 'EN_PROCESO' }, motivo: command.data.motivo },
          },
        ]
      case 'cancelar':
        return [
          {
            type: 'TicketCancelado',
            data: {
              estado: { antes: from, despues: 'CANCELADO' },
              motivo: command.data.motivo,
              rol: command.data.rol,
            },
          },
        ]
      case 'archivar':
        return [
          {
            type: 'TicketArchivado',
            data: { estado: { antes: from, despues: 'ARCHIVADO' }, motivo: command.data.motivo },
          },
        ]
      default: {
        // A new operation must be decided: leaving it out here does not compile.
        const unhandled: never = command
        throw new Error(`ticket decider: unhandled command ${(unhandled as TicketCommand).type}`)
      }
    }
  }

  return { decide, evolve: evolveTicket, initialState: initialTicketState }
}

export function initialTicketState(): TicketState {
  return { exists: false }
}

export function evolveTicket(state: TicketState, event: TicketEvent): TicketState {
  if (event.type === 'TicketCreado') {
    return { exists: true, ...event.data, estadoAntesDePausa: null, agente: null }
  }
  if (!state.exists) return state
  const next: TicketState = { ...state, estado: event.data.estado.despues }
  switch (event.type) {
    case 'TicketAsignado':
      next.agente = event.data.agente.despues
      break
    case 'TicketTransferido':
      next.area = event.data.area.despues
      next.agente = event.data.agente.despues
      break
    case 'TicketActualizado':
      next.prioridad = event.data.prioridad.despues
      next.area = event.data.area.despues
      next.agente = event.data.agente.despues
      break
    case 'TicketReclasificado':
      next.prioridad = event.data.prioridad.despues
      next.categoria = event.data.categoria.despues
      break
    case 'TicketPausado':
      next.estadoAntesDePausa = event.data.estado.antes
      break
    case 'TicketReanudado':
    case 'TicketReabierto':
    case 'TicketCancelado':
    case 'TicketArchivado':
      break
    default: {
      // A new event must be folded: leaving it out here does not compile.
      const unhandled: never = event
      throw new Error(`ticket evolve: unhandled event ${(unhandled as TicketEvent).type}`)
    }
  }
  // Whatever took the ticket out of PAUSADO (resume, cancel, …), the remembered estado is over.
  if (next.estado !== 'PAUSADO') next.estadoAntesDePausa = null
  return next
}

// ---------------------------------------------------------------------------------------------
// Rules shared by several commands

function requireAllowed(operation: TicketOperation, estado: Estado): void {
  if (!allowedFrom(operation).includes(estado)) {
    throw new DomainError('invalid_transition', `no se puede ${operation} un ticket en estado ${estado}`, {
      estado,
      acciones: operationsAllowedFrom(estado),
    })
  }
}

function conflict(state: TicketData, message: string, campo: string): DomainError {
  return new DomainError('conflict', message, {
    estado: state.estado,
    acciones: operationsAllowedFrom(state.estado),
    campo,
  })
}

/**
 * An agent must be an existing, active ADMIN, MESA or AREA user; an AREA agent must belong to the
 * ticket's area, or the ticket would be invisible to the person meant to work on it.
 */
function acceptAgent(agenteId: string, agente: AgenteCandidato | null, area: string): Agente {
  if (agente === null || agente.id !== agenteId) {
    throw new DomainError('unprocessable', `no existe un usuario con id ${agenteId}`, { campo: 'agenteId' })
  }
  if (!agente.activo) {
    throw new DomainError('unprocessable', `el usuario ${agenteId} está desactivado`, { campo: 'agenteId' })
  }
  if (!AGENT_ROLES.includes(agente.rol)) {
    throw new DomainError(
      'unprocessable',
      `el usuario ${agenteId} tiene rol ${agente.rol} y no puede atender tickets`,
      {
        campo: 'agenteId',
        valoresValidos: AGENT_ROLES,
      },
    )
  }
  if (agente.rol === 'AREA' && agente.area !== area) {
    throw new DomainError(
      'unprocessable',
      `el agente ${agenteId} es del área ${agente.area}, no de ${area}`,
      {
        campo: 'agenteId',
      },
    )
  }
  return { id: agente.id, nombre: agente.nombre, rol: agente.rol, area: agente.area }
}
