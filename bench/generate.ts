/**
 * Seeded, reproducible event logs for benchmarks: tickets created and moved through the state
 * machine by the real decider, appended to an embedded store with group commit.
 */
import { DEFAULT_AREAS, PRIORIDADES } from '../src/domain/catalogue.ts'
import { createTicketDecider, type TicketCommand, type TicketState } from '../src/domain/ticket.ts'
import { uuidFromName } from '../src/commands/ids.ts'
import { ticketStream } from '../src/commands/streams.ts'
import type { EventStore } from '../src/eventstore/port.ts'

/** Mulberry32: a tiny seeded PRNG, so every run generates the same log. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const agents = DEFAULT_AREAS.map((area, i) => ({
  id: `agente-${i}`,
  nombre: `Agente ${area}`,
  rol: 'AREA' as const,
  area,
  activo: true,
}))

/**
 * Subjects are built from these without drawing on the PRNG (so the rest of the log is the same
 * as before they existed): 12 × 60 combinations, each object word in 1/60 of the tickets, some
 * with accents (the text search folds them: `camara` finds `cámara`).
 */
const PROBLEMAS = [
  'No funciona',
  'Falla',
  'Error en',
  'No enciende',
  'Lentitud en',
  'Sin acceso a',
  'Configurar',
  'Solicitud de',
  'Revisión de',
  'Cambio de',
  'Problema con',
  'Avería de',
] as const
const OBJETOS = [
  'cámara',
  'impresora',
  'teléfono',
  'contraseña',
  'portátil',
  'batería',
  'conexión',
  'nómina',
  'ratón',
  'micrófono',
  'red',
  'correo',
  'VPN',
  'monitor',
  'teclado',
  'escáner',
  'proyector',
  'servidor',
  'licencia',
  'factura',
  'pantalla',
  'altavoz',
  'tóner',
  'disco',
  'memoria',
  'cargador',
  'aplicación',
  'calendario',
  'carpeta',
  'archivo',
  'certificado',
  'firma',
  'tarjeta',
  'acceso',
  'usuario',
  'equipo',
  'tableta',
  'móvil',
  'navegador',
  'actualización',
  'copia',
  'base de datos',
  'sincronización',
  'wifi',
  'cable',
  'router',
  'intranet',
  'formulario',
  'informe',
  'vacaciones',
  'contrato',
  'pedido',
  'presupuesto',
  'almacén',
  'etiqueta',
  'lector',
  'auriculares',
  'webcam',
  'videollamada',
  'telefonía',
] as const

export interface GeneratedLog {
  tickets: number
  events: number
}

/** Appends `tickets` tickets, each with 0–3 follow-up events, from a fixed seed. */
export async function generateTickets(
  store: EventStore,
  tickets: number,
  seed = 42,
  startAt = Date.UTC(2026, 0, 1),
): Promise<GeneratedLog> {
  const random = prng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const decider = createTicketDecider({ areas: DEFAULT_AREAS })
  let events = 0
  const inFlight = new Set<Promise<void>>()
  for (let i = 0; i < tickets; i++) {
    const id = uuidFromName('bench-ticket', String(seed), String(i))
    const area = pick(DEFAULT_AREAS)
    const commands: TicketCommand[] = [
      {
        type: 'crear',
        data: {
          id,
          codigo: `TK-${i.toString(32).toUpperCase().padStart(6, '0')}`,
          asunto: `${PROBLEMAS[i % PROBLEMAS.length]} ${OBJETOS[Math.floor(i / 7) % OBJETOS.length]} en ${area.toLowerCase()}, caso ${i}`,
          descripcion: 'Descripción generada para pruebas de rendimiento del tablero',
          solicitante: {
            nombre: `Persona ${i % 5000}`,
            email: `persona${i % 5000}@example.com`,
            telefono: null,
          },
          solicitanteId: null,
          area,
          prioridad: pick(PRIORIDADES),
          categoria: pick(['Correo', 'Red', 'Hardware', 'Software', 'Accesos']),
        },
      },
    ]
    const steps = Math.floor(random() * 4)
    if (steps >= 1)
      commands.push({
        type: 'asignar',
        data: {
          agenteId: agents[DEFAULT_AREAS.indexOf(area)]!.id,
          agente: agents[DEFAULT_AREAS.indexOf(area)]!,
          motivo: 'Asignación automática',
        },
      })
    if (steps >= 2)
      commands.push({
        type: 'actualizar',
        data: {
          estado: 'EN_PROCESO',
          prioridad: pick(PRIORIDADES),
          area,
          respuesta: 'Estamos revisando su caso',
        },
      })
    if (steps >= 3)
      commands.push({
        type: 'actualizar',
        data: { estado: 'RESUELTO', prioridad: 'MEDIA', area, respuesta: 'Caso resuelto' },
      })
    let state: TicketState = decider.initialState()
    const produced = []
    for (const command of commands) {
      for (const event of decider.decide(command, state)) {
        state = decider.evolve(state, event)
        produced.push(event)
      }
    }
    const at = new Date(startAt + i * 60_000).toISOString()
    const metadata = {
      actor: { id: 'bench', rol: 'MESA', nombre: 'Bench' },
      occurredAt: at,
      schemaVersion: 1,
    }
    const append = store
      .append(
        ticketStream(id),
        produced.map((event, n) => ({
          id: uuidFromName('bench-event', id, String(n)),
          type: event.type,
          data: event.data,
          metadata,
        })),
        { expectedRevision: 'no_stream' },
      )
      .then(() => {
        inFlight.delete(append)
      })
    inFlight.add(append)
    events += produced.length
    if (inFlight.size >= 512) await Promise.race(inFlight)
  }
  await Promise.all(inFlight)
  return { tickets, events }
}
