import { TICKET_STREAM_PREFIX, USER_STREAM_PREFIX } from '../commands/streams.ts'
import { normalizeEmail } from '../domain/user.ts'
import type { EventMetadata, NewEvent } from '../eventstore/port.ts'

/**
 * Which strings of an event are personal data, and whose (docs/audit.md, "Borrado"):
 * - a ticket's requester block (nombre, email, telefono of TicketCreado), and the name of an
 *   anonymous actor who filed it: the requester's, by e-mail;
 * - everything naming a user account on its own stream (nombre, email, telefono, before and after
 *   a change): that user's;
 * - the nombre of every reference to a user ({ id, nombre, rol }: the actor in the metadata, an
 *   assignee in an event's data): that user's.
 * Everything else (states, motives, responses, ids) stays readable for the audit.
 */
export const requesterSubject = (email: string) => `solicitante:${normalizeEmail(email)}`
export const userSubject = (id: string) => `usuario:${id}`

/**
 * The metadata with an anonymous actor's name (the requester filing a ticket) left out, for
 * events outside the ticket (the ticket-code reservation): there is no requester e-mail there to
 * seal it under, and no need for a name. Staff names are sealed like in any event.
 */
export function withoutRequesterName(metadata: EventMetadata): EventMetadata {
  return metadata.actor.id === null
    ? { ...metadata, actor: { ...metadata.actor, nombre: 'anónimo' } }
    : metadata
}

/** Calls `visit` for each personal-data string of the event, with the subject it belongs to. */
export function visitPersonalData(
  stream: string,
  event: Pick<NewEvent, 'type' | 'data' | 'metadata'>,
  visit: (holder: Record<string, unknown>, field: string, subject: string) => void,
): void {
  const data = event.data as Record<string, unknown>
  const strings = (holder: Record<string, unknown>, fields: readonly string[], subject: string) => {
    for (const field of fields) if (typeof holder[field] === 'string') visit(holder, field, subject)
  }
  if (stream.startsWith(TICKET_STREAM_PREFIX) && event.type === 'TicketCreado') {
    const solicitante = data.solicitante as Record<string, unknown>
    if (typeof solicitante?.email === 'string') {
      const subject = requesterSubject(solicitante.email)
      if (event.metadata.actor.id === null) strings(event.metadata.actor, ['nombre'], subject)
      strings(solicitante, ['nombre', 'telefono', 'email'], subject)
    }
  }
  if (stream.startsWith(USER_STREAM_PREFIX)) {
    const subject = userSubject(stream.slice(USER_STREAM_PREFIX.length))
    strings(data, ['nombre', 'email', 'telefono'], subject)
    const cambios = data.cambios as Record<string, Record<string, unknown> | undefined> | undefined
    for (const field of ['nombre', 'email', 'telefono'])
      if (cambios?.[field]) strings(cambios[field], ['antes', 'despues'], subject)
  }
  visitUserReferences(event.metadata, visit)
  visitUserReferences(data, visit)
}

/** Every { id, nombre, rol } below `value`: a user named at the time of the event. */
function visitUserReferences(
  value: unknown,
  visit: (holder: Record<string, unknown>, field: string, subject: string) => void,
): void {
  if (value === null || typeof value !== 'object') return
  if (Array.isArray(value)) {
    for (const item of value) visitUserReferences(item, visit)
    return
  }
  const object = value as Record<string, unknown>
  if (typeof object.id === 'string' && typeof object.nombre === 'string' && typeof object.rol === 'string')
    visit(object, 'nombre', userSubject(object.id))
  for (const child of Object.values(object)) visitUserReferences(child, visit)
}

/** A deep copy of an event's data and metadata (sealing rewrites strings in place). */
export function copyEvent(event: NewEvent): NewEvent {
  return {
    ...event,
    data: structuredClone(event.data),
    metadata: structuredClone(event.metadata) as EventMetadata,
  }
}

/**
 * `value` with every string `replace` maps to something else replaced, sharing what did not
 * change (most events have no sealed value: they come back as they are).
 */
export function mapStrings(value: unknown, replace: (text: string) => string): unknown {
  if (typeof value === 'string') return replace(value)
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    let changed = false
    const items = value.map((item) => {
      const mapped = mapStrings(item, replace)
      if (mapped !== item) changed = true
      return mapped
    })
    return changed ? items : value
  }
  let copy: Record<string, unknown> | null = null
  for (const [key, child] of Object.entries(value)) {
    const mapped = mapStrings(child, replace)
    if (mapped !== child) {
      copy ??= { ...(value as Record<string, unknown>) }
      copy[key] = mapped
    }
  }
  return copy ?? value
}
