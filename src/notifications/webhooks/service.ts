import type { CommandContext } from '../../commands/context.ts'
import { buildMetadata } from '../../commands/context.ts'
import { DomainError } from '../../domain/errors.ts'
import type { TicketEventType } from '../../domain/ticket.ts'
import type { EventStore } from '../../eventstore/port.ts'
import type { WebhookQueries } from '../../projections/webhooks/projector.ts'
import { checkTarget, type Resolver } from './address-guard.ts'
import type { DeliveryRow } from './delivery-log.ts'
import type { WebhookDispatcher } from './dispatcher.ts'
import { type EndpointSettings, type EndpointState, type WebhookEvent, webhookStream } from './endpoint.ts'
import { isTicketEventType, TICKET_EVENT_TYPES } from './event-types.ts'
import { SecretBox } from './secrets.ts'
import { appendChained } from '../../audit/append.ts'

/** How long the previous secret still signs after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000

/** An endpoint as the admin API shows it: never its secret. */
export interface EndpointView {
  id: string
  url: string
  eventos: TicketEventType[]
  descripcion: string | null
  activo: boolean
  incluirDatosPersonales: boolean
  /** Until when the previous secret still signs (after a rotation). */
  secretoAnteriorHasta: string | null
  creado: string
  actualizado: string
}

export interface EndpointInput {
  url?: string
  eventos?: string[]
  descripcion?: string | null
  activo?: boolean
  incluirDatosPersonales?: boolean
}

/** Raised with a Spanish message and the field for a 400. */
export class WebhookInputError extends Error {
  override readonly name = 'WebhookInputError'
  constructor(
    readonly campo: string,
    message: string,
    readonly valoresValidos?: readonly string[],
  ) {
    super(message)
  }
}

export interface WebhookServiceOptions {
  store: EventStore
  queries: WebhookQueries
  secrets: SecretBox
  dispatcher: WebhookDispatcher
  allowPrivate: boolean
  requireHttps: boolean
  resolver: Resolver
  now: () => Date
  newId: () => string
  settle(position: string | null): Promise<void>
}

/** The webhooks admin use cases (routes/webhooks.ts calls one function each). */
export class WebhookService {
  constructor(private readonly options: WebhookServiceOptions) {}

  list(): EndpointView[] {
    return this.options.queries.endpoints().map(view)
  }

  get(id: string): EndpointView {
    return view(this.#endpoint(id))
  }

  async crear(input: EndpointInput & { url: string }, context: CommandContext) {
    const settings: EndpointSettings = {
      url: await this.#url(input.url),
      eventos: eventos(input.eventos),
      descripcion: input.descripcion ?? null,
      activo: input.activo ?? true,
      incluirDatosPersonales: input.incluirDatosPersonales ?? false,
    }
    const id = this.options.newId()
    const secreto = SecretBox.generate()
    await this.#append(
      id,
      { type: 'WebhookRegistrado', data: { id, ...settings, secreto: this.options.secrets.seal(secreto) } },
      context,
      'no_stream',
    )
    return { ...this.get(id), secreto }
  }

  async modificar(id: string, input: EndpointInput, context: CommandContext): Promise<EndpointView> {
    this.#endpoint(id)
    const changes: Partial<EndpointSettings> = {}
    if (input.url !== undefined) changes.url = await this.#url(input.url)
    if (input.eventos !== undefined) changes.eventos = eventos(input.eventos)
    if (input.descripcion !== undefined) changes.descripcion = input.descripcion
    if (input.activo !== undefined) changes.activo = input.activo
    if (input.incluirDatosPersonales !== undefined)
      changes.incluirDatosPersonales = input.incluirDatosPersonales
    if (Object.keys(changes).length > 0)
      await this.#append(id, { type: 'WebhookModificado', data: changes }, context)
    return this.get(id)
  }

  async eliminar(id: string, context: CommandContext): Promise<void> {
    this.#endpoint(id)
    await this.#append(id, { type: 'WebhookEliminado', data: {} }, context)
  }

  async rotarSecreto(id: string, context: CommandContext) {
    const endpoint = this.#endpoint(id)
    const secreto = SecretBox.generate()
    const anteriorHasta = new Date(this.options.now().getTime() + ROTATION_OVERLAP_MS).toISOString()
    await this.#append(
      id,
      {
        type: 'WebhookSecretoRotado',
        data: { secreto: this.options.secrets.seal(secreto), anterior: endpoint.secreto, anteriorHasta },
      },
      context,
    )
    return { ...this.get(id), secreto }
  }

  async reproducir(
    id: string,
    desde: Date,
    context: CommandContext,
  ): Promise<{ solicitud: string; desde: string }> {
    this.#endpoint(id)
    const data = { solicitud: this.options.newId(), desde: desde.toISOString() }
    await this.#append(id, { type: 'WebhookReproduccionSolicitada', data }, context)
    return data
  }

  entregas(id: string, query: { limit: number; before?: number }): DeliveryRow[] {
    this.#endpoint(id)
    return this.options.dispatcher.log.list(id, query)
  }

  async reenviar(id: string, eventId: string): Promise<DeliveryRow> {
    const endpoint = this.#endpoint(id)
    const row = await this.options.dispatcher.redeliver(endpoint, eventId)
    if (!row) throw new DomainError('not_found', 'ese evento no consta en las entregas de este webhook')
    return row
  }

  #endpoint(id: string): EndpointState {
    const endpoint = this.options.queries.endpoint(id)
    if (!endpoint) throw new DomainError('not_found', 'el webhook no existe')
    return endpoint
  }

  async #url(text: string): Promise<string> {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      throw new WebhookInputError('url', 'no es una URL absoluta')
    }
    const problem = await checkTarget(url, this.options)
    if (problem) throw new WebhookInputError('url', problem)
    return url.toString()
  }

  async #append(
    id: string,
    event: WebhookEvent,
    context: CommandContext,
    expectedRevision: 'no_stream' | 'stream_exists' = 'stream_exists',
  ): Promise<void> {
    const result = await appendChained(
      this.options.store,
      webhookStream(id),
      [
        {
          id: this.options.newId(),
          type: event.type,
          data: event.data,
          metadata: buildMetadata(context, this.options.now()),
        },
      ],
      expectedRevision,
    )
    await this.options.settle(result.position)
  }
}

function eventos(list: string[] | undefined): TicketEventType[] {
  const values = [...new Set(list ?? [])]
  const unknown = values.filter((type) => !isTicketEventType(type))
  if (unknown.length > 0)
    throw new WebhookInputError(
      'eventos',
      `tipos de evento desconocidos: ${unknown.join(', ')}`,
      TICKET_EVENT_TYPES,
    )
  return values as TicketEventType[]
}

function view(endpoint: EndpointState): EndpointView {
  return {
    id: endpoint.id,
    url: endpoint.url,
    eventos: endpoint.eventos,
    descripcion: endpoint.descripcion,
    activo: endpoint.activo,
    incluirDatosPersonales: endpoint.incluirDatosPersonales,
    secretoAnteriorHasta: endpoint.anteriorHasta,
    creado: endpoint.creado,
    actualizado: endpoint.actualizado,
  }
}
