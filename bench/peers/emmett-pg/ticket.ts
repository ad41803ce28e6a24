/**
 * The peer's ticket: a minimal decider written for the benchmark, in Emmett's style (events,
 * evolve, initial state, one function per command). Two events, two commands; `actualizar` is
 * refused once the ticket is closed. Catalogue values are checked as the service checks them.
 */
import type { Event } from '@event-driven-io/emmett'
import { DEFAULT_AREAS, ESTADOS, normalizeCode, PRIORIDADES } from '../../../src/domain/catalogue.ts'

export type TicketCreado = Event<
  'TicketCreado',
  {
    ticketId: string
    asunto: string
    descripcion: string
    nombre: string | null
    email: string | null
    prioridad: string
    area: string
    creadoEn: string
  }
>
export type TicketActualizado = Event<
  'TicketActualizado',
  {
    ticketId: string
    estado: string
    prioridad: string
    area: string
    respuesta: string
    actualizadoEn: string
  }
>
export type TicketEvent = TicketCreado | TicketActualizado

export type Ticket =
  | { status: 'vacio' }
  | { status: 'existe'; id: string; estado: string; prioridad: string; area: string; respuestas: number }

export const initialState = (): Ticket => ({ status: 'vacio' })

export function evolve(state: Ticket, event: TicketEvent): Ticket {
  switch (event.type) {
    case 'TicketCreado':
      return {
        status: 'existe',
        id: event.data.ticketId,
        estado: 'ABIERTO',
        prioridad: event.data.prioridad,
        area: event.data.area,
        respuestas: 0,
      }
    case 'TicketActualizado':
      if (state.status !== 'existe') return state
      return {
        ...state,
        estado: event.data.estado,
        prioridad: event.data.prioridad,
        area: event.data.area,
        respuestas: state.respuestas + 1,
      }
  }
}

/** A refused command, with the HTTP status the server answers. */
export class TicketError extends Error {
  constructor(
    readonly status: 404 | 409 | 422,
    message: string,
  ) {
    super(message)
  }
}

function pick(campo: string, value: string, catalogue: readonly string[]): string {
  const normalized = normalizeCode(value)
  if (!catalogue.includes(normalized)) throw new TicketError(422, `${campo} '${value}' no es válido`)
  return normalized
}

export interface CrearTicket {
  ticketId: string
  asunto: string
  descripcion: string
  nombre?: string | null
  email?: string | null
  prioridad?: string | null
  area?: string | null
}

export function crear(state: Ticket, command: CrearTicket, now: Date): TicketCreado {
  if (state.status !== 'vacio') throw new TicketError(409, 'el ticket ya existe')
  return {
    type: 'TicketCreado',
    data: {
      ticketId: command.ticketId,
      asunto: command.asunto.trim(),
      descripcion: command.descripcion.trim(),
      nombre: command.nombre ?? null,
      email: command.email ?? null,
      prioridad: pick('prioridad', command.prioridad ?? 'MEDIA', PRIORIDADES),
      area: pick('area', command.area ?? 'MESA', DEFAULT_AREAS),
      creadoEn: now.toISOString(),
    },
  }
}

export interface ActualizarTicket {
  estado: string
  prioridad: string
  area: string
  respuesta: string
}

const CLOSED = new Set(['CERRADO', 'CANCELADO', 'ARCHIVADO'])

export function actualizar(state: Ticket, command: ActualizarTicket, now: Date): TicketActualizado {
  if (state.status !== 'existe') throw new TicketError(404, 'el ticket no existe')
  if (CLOSED.has(state.estado)) throw new TicketError(409, `un ticket ${state.estado} no se actualiza`)
  return {
    type: 'TicketActualizado',
    data: {
      ticketId: state.id,
      estado: pick('estado', command.estado, ESTADOS),
      prioridad: pick('prioridad', command.prioridad, PRIORIDADES),
      area: pick('area', command.area, DEFAULT_AREAS),
      respuesta: command.respuesta.trim(),
      actualizadoEn: now.toISOString(),
    },
  }
}
