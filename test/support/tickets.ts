import type { Estado } from '../../src/domain/catalogue.ts'
import { DEFAULT_AREAS } from '../../src/domain/catalogue.ts'
import { fold } from '../../src/domain/decider.ts'
import {
  type AgenteCandidato,
  createTicketDecider,
  type TicketCommand,
  type TicketEvent,
  type TicketState,
} from '../../src/domain/ticket.ts'

export const decider = createTicketDecider({ areas: DEFAULT_AREAS })

export const mesaAgent: AgenteCandidato = {
  id: 'mesa-1',
  nombre: 'Marta Mesa',
  rol: 'MESA',
  area: null,
  activo: true,
}
export const otherMesaAgent: AgenteCandidato = {
  id: 'mesa-2',
  nombre: 'Mario Mesa',
  rol: 'MESA',
  area: null,
  activo: true,
}
export const sistemasAgent: AgenteCandidato = {
  id: 'area-sis',
  nombre: 'Sara Sistemas',
  rol: 'AREA',
  area: 'SISTEMAS',
  activo: true,
}
export const mesaAreaAgent: AgenteCandidato = {
  id: 'area-mesa',
  nombre: 'Alba Mesa',
  rol: 'AREA',
  area: 'MESA',
  activo: true,
}

export const crear: TicketCommand = {
  type: 'crear',
  data: {
    id: 't-1',
    codigo: 'TK-ABC123',
    asunto: 'No funciona el correo',
    descripcion: 'Desde esta mañana no puedo enviar correos',
    solicitante: { nombre: 'Pedro Pérez', email: 'pedro@example.com', telefono: null },
    solicitanteId: null,
  },
}

export const asignar = (agente: AgenteCandidato = mesaAgent): TicketCommand => ({
  type: 'asignar',
  data: { agenteId: agente.id, agente, motivo: 'Agente especializado' },
})
export const actualizar = (estado: Estado, area = 'MESA'): TicketCommand => ({
  type: 'actualizar',
  data: { estado, prioridad: 'MEDIA', area, respuesta: 'Estamos trabajando en ello' },
})
export const motivo = { motivo: 'Motivo de prueba' }

/** Commands that take a new ticket to each estado. */
export const PATHS: Record<Estado, TicketCommand[]> = {
  ABIERTO: [crear],
  ASIGNADO: [crear, asignar()],
  EN_PROCESO: [crear, asignar(), actualizar('EN_PROCESO')],
  PAUSADO: [crear, asignar(), { type: 'pausar', data: motivo }],
  RESUELTO: [crear, asignar(), actualizar('RESUELTO')],
  CERRADO: [crear, asignar(), actualizar('RESUELTO'), actualizar('CERRADO')],
  CANCELADO: [crear, { type: 'cancelar', data: { ...motivo, rol: 'AGENTE' } }],
  ARCHIVADO: [
    crear,
    { type: 'cancelar', data: { ...motivo, rol: 'AGENTE' } },
    { type: 'archivar', data: motivo },
  ],
}

/** Runs commands through decide/evolve, returning the events and the final state. */
export function run(commands: TicketCommand[], start: TicketState = decider.initialState()) {
  const events: TicketEvent[] = []
  let state = start
  for (const command of commands) {
    const produced = decider.decide(command, state)
    events.push(...produced)
    state = produced.reduce(decider.evolve, state)
  }
  return { state, events }
}

export function ticketIn(estado: Estado): TicketState {
  const { state, events } = run(PATHS[estado])
  if (!state.exists || state.estado !== estado) throw new Error(`path to ${estado} is wrong`)
  // The path itself must fold back to the same state.
  const folded = fold(decider, events)
  if (JSON.stringify(folded) !== JSON.stringify(state)) throw new Error('fold mismatch')
  return state
}
