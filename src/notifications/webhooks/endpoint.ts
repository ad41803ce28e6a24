import type { TicketEventType } from '../../domain/ticket.ts'

/**
 * A webhook endpoint is configuration kept as events, like tickets and users: stream
 * `webhook-<id>`, so every instance sharing the event store sees the same endpoints and their
 * history (who changed the URL, when the secret was rotated, why it was disabled) is auditable.
 * Secrets are in the events encrypted (secrets.ts), never in clear.
 */
export const WEBHOOK_STREAM_PREFIX = 'webhook-'
export const webhookStream = (id: string): string => `${WEBHOOK_STREAM_PREFIX}${id}`
/** The delivery lease of one endpoint (lease.ts); not a configuration stream. */
export const WEBHOOK_LEASE_PREFIX = 'webhooklease-'
export const leaseStream = (id: string): string => `${WEBHOOK_LEASE_PREFIX}${id}`

export interface EndpointSettings {
  url: string
  /** Empty: every ticket event. */
  eventos: TicketEventType[]
  descripcion: string | null
  activo: boolean
  /** Whether payloads carry the requester's nombre, email and teléfono. */
  incluirDatosPersonales: boolean
}

export type WebhookEvent =
  | { type: 'WebhookRegistrado'; data: EndpointSettings & { id: string; secreto: string } }
  | { type: 'WebhookModificado'; data: Partial<EndpointSettings> }
  | { type: 'WebhookSecretoRotado'; data: { secreto: string; anterior: string; anteriorHasta: string } }
  /** The receiver answered 410 Gone: the endpoint stops until an admin reactivates it. */
  | { type: 'WebhookDesactivado'; data: { motivo: string } }
  | { type: 'WebhookReproduccionSolicitada'; data: { solicitud: string; desde: string } }
  | { type: 'WebhookEliminado'; data: Record<string, never> }

export type WebhookEventType = WebhookEvent['type']

/** An endpoint as the read model keeps it (secrets still encrypted). */
export interface EndpointState extends EndpointSettings {
  id: string
  secreto: string
  anterior: string | null
  anteriorHasta: string | null
  /** Deliveries start after this log position (registration, or the last reactivation). */
  desdePosicion: string
  /** The latest replay request, if any. */
  reproduccion: { solicitud: string; desde: string } | null
  eliminado: boolean
  creado: string
  actualizado: string
}
