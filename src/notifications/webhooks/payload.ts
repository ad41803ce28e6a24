import { TICKET_STREAM_PREFIX } from '../../commands/streams.ts'
import type { RecordedEvent } from '../../eventstore/port.ts'

/** The body of one webhook (Standard Webhooks' `{ type, timestamp, data }`). */
export interface WebhookPayload {
  type: string
  timestamp: string
  data: {
    ticketId: string
    codigo: string
    revision: number
    estado: { antes: string | null; despues: string }
    actor: { id: string | null; rol: string }
    /** The event's data as `historial` shows it, less the requester's personal data unless allowed. */
    datos: Record<string, unknown>
  }
}

/**
 * The payload of a ticket event. `codigo` comes from the ticket's first event (TicketCreado);
 * the requester's nombre, email and teléfono only when the endpoint asked for them.
 */
export function ticketPayload(
  event: RecordedEvent,
  codigo: string,
  incluirDatosPersonales: boolean,
): WebhookPayload {
  const data = event.data as Record<string, unknown>
  const estado = data.estado as { antes: string; despues: string } | string
  const { solicitante, ...rest } = data
  return {
    type: event.type,
    timestamp: event.metadata.occurredAt,
    data: {
      ticketId: event.stream.slice(TICKET_STREAM_PREFIX.length),
      codigo,
      revision: Number(event.revision),
      estado: typeof estado === 'string' ? { antes: null, despues: estado } : estado,
      actor: { id: event.metadata.actor.id, rol: event.metadata.actor.rol },
      datos: incluirDatosPersonales && solicitante !== undefined ? { ...rest, solicitante } : rest,
    },
  }
}
