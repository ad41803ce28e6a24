import type Database from 'better-sqlite3'
import { TICKET_STREAM_PREFIX } from '../commands/streams.ts'
import { fold } from '../domain/decider.ts'
import { evolveTicket, initialTicketState, type TicketEvent, type TicketState } from '../domain/ticket.ts'
import type { EventStore, RecordedEvent } from '../eventstore/port.ts'
import type { UserQueries } from '../projections/users/queries.ts'
import { ESTADO_LABELS, fecha, label, PRIORIDAD_LABELS } from '../web/format.ts'
import { DeliveryLog, maskAddresses } from './deliveries.ts'
import { type MailTransport, PermanentMailError, render, smtpErrorText, type TemplateName } from './mailer.ts'
import type { StatusLinks } from './status-link.ts'
import { LogSubscriber } from './subscriber.ts'

/**
 * E-mail to requesters and agents, driven from the log (docs/notifications.md, "Correo"):
 *
 * - one LogSubscriber, `correo`, turns each ticket command into at most one e-mail per person;
 * - a periodic check over the tickets read model warns the assigned agent once per ticket, clock
 *   and status when an SLA clock is at risk or breached (statuses change with time, not events).
 */
export interface CorreoOptions {
  store: EventStore
  db: Database.Database
  users: UserQueries
  /** null: SMTP_URL unset — the subscriber still moves its checkpoint, and sends nothing. */
  transport: MailTransport | null
  links: StatusLinks
  publicUrl: string
  statusLinkDays: number
  timeZone: string
  retryDelaysMs: readonly number[]
  slaCheckSeconds: number
  now: () => Date
  log: { warn(object: object, message: string): void; error(object: object, message: string): void }
}

/** The estados a requester is told about when a command ends in them. */
const FINAL_ESTADOS = new Set(['RESUELTO', 'CERRADO', 'CANCELADO'])
const MESSAGE_ID_DOMAIN = 'mesa-de-ayuda'

interface Outgoing {
  clave: string
  eventoId: string
  messageId: string
  tipo: TemplateName
  destinatarioTipo: 'SOLICITANTE' | 'AGENTE'
  destinatarioId: string | null
  ticketCodigo: string
  to: string
  subject: string
  data: Record<string, unknown>
}

export class Correo {
  readonly subscriber: LogSubscriber
  readonly deliveries: DeliveryLog
  #timer: NodeJS.Timeout | null = null
  #checking: Promise<void> | null = null

  constructor(private readonly options: CorreoOptions) {
    this.deliveries = new DeliveryLog(options.db)
    this.subscriber = new LogSubscriber({
      name: 'correo',
      store: options.store,
      db: options.db,
      retryDelaysMs: options.retryDelaysMs,
      handle: (event) => this.#handle(event),
      onFailure: (event, error, attempt) =>
        options.log.warn(
          { eventId: event.id, attempt, error: maskAddresses(smtpErrorText(error)) },
          'e-mail not delivered; retrying',
        ),
    })
  }

  get enabled(): boolean {
    return this.options.transport !== null
  }

  /**
   * Starts the subscriber at its checkpoint or, the first time, at the log's current end (a new
   * e-mail subscriber does not mail the whole history), and the periodic SLA check.
   */
  async start(): Promise<void> {
    this.subscriber.start(this.subscriber.position ?? (await logEnd(this.options.store)))
    if (!this.enabled) return
    this.#timer = setInterval(
      () =>
        void this.checkSla().catch((error: Error) =>
          this.options.log.error({ err: error }, 'SLA e-mail check failed; the next one retries'),
        ),
      this.options.slaCheckSeconds * 1000,
    )
    this.#timer.unref()
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer)
    await this.subscriber.stop()
    await this.#checking
    this.options.transport?.close()
  }

  /** Ticket events not yet mailed (for /ready). */
  backlog(): Promise<number> {
    return this.subscriber.backlog()
  }

  // ------------------------------------------------------------------------------------------
  // Events

  /** Mails what the event calls for; false when it called for nothing. */
  async #handle(event: RecordedEvent): Promise<boolean> {
    if (!this.enabled || !event.stream.startsWith(TICKET_STREAM_PREFIX)) return false
    const stream = await this.options.store.readStream(event.stream)
    const at = stream.findIndex((e) => e.id === event.id)
    if (at < 0) return false
    // A command's events are appended together and share their metadata: the command is mailed
    // once, at its first event; its other events are part of that e-mail.
    if (at > 0 && commandKey(stream[at - 1]!) === commandKey(event)) return false
    let end = at + 1
    while (end < stream.length && commandKey(stream[end]!) === commandKey(event)) end++
    const events = stream.slice(at, end) as unknown as (TicketEvent & RecordedEvent)[]
    const before = fold(
      { evolve: evolveTicket, initialState: initialTicketState },
      stream.slice(0, at) as never,
    )
    const after = fold({ evolve: evolveTicket, initialState: initialTicketState }, events, before)
    if (!after.exists) return false
    const outgoing = [
      ...this.#forRequester(event, events, before, after),
      ...this.#forAgents(event, events, after),
    ]
    for (const message of outgoing) await this.#deliver(message)
    return outgoing.length > 0
  }

  #forRequester(
    first: RecordedEvent,
    events: readonly TicketEvent[],
    before: TicketState,
    after: TicketState & { exists: true },
  ): Outgoing[] {
    const changedTo = before.exists && before.estado !== after.estado ? after.estado : null
    const finalEstado = changedTo !== null && FINAL_ESTADOS.has(changedTo) ? changedTo : null
    const responses = events.flatMap((e) => (e.type === 'TicketActualizado' ? [e.data.respuesta] : []))
    let tipo: TemplateName
    let subject: string
    if (events.some((e) => e.type === 'TicketCreado')) {
      tipo = 'creado'
      subject = `[${after.codigo}] Hemos recibido su solicitud: ${after.asunto}`
    } else if (responses.length > 0) {
      tipo = 'respuesta'
      subject = `[${after.codigo}] Respuesta a su solicitud${finalEstado ? ` (ticket ${label(ESTADO_LABELS, finalEstado).toLowerCase()})` : ''}: ${after.asunto}`
    } else if (finalEstado !== null) {
      tipo = 'estado'
      subject = `[${after.codigo}] Ticket ${label(ESTADO_LABELS, finalEstado).toLowerCase()}: ${after.asunto}`
    } else if (events.some((e) => e.type === 'TicketReabierto')) {
      tipo = 'reabierto'
      subject = `[${after.codigo}] Su solicitud se ha reabierto: ${after.asunto}`
    } else return []
    const token = this.options.links.token(after.id, after.solicitante.email, this.options.now())
    return [
      {
        clave: `${first.id}:solicitante`,
        eventoId: first.id,
        messageId: `<${first.id}@${MESSAGE_ID_DOMAIN}>`,
        tipo,
        destinatarioTipo: 'SOLICITANTE',
        destinatarioId: null,
        ticketCodigo: after.codigo,
        to: after.solicitante.email,
        subject,
        // Only what the requester may see: never a motivo, never who in the help desk acted.
        data: {
          nombre: after.solicitante.nombre,
          codigo: after.codigo,
          asunto: after.asunto,
          respuesta: responses.join('\n\n'),
          estado: finalEstado ? label(ESTADO_LABELS, finalEstado) : null,
          enlace: `${this.options.publicUrl}/consultar/enlace?t=${encodeURIComponent(token)}`,
          dias: this.options.statusLinkDays,
        },
      },
    ]
  }

  #forAgents(
    first: RecordedEvent,
    events: readonly TicketEvent[],
    after: TicketState & { exists: true },
  ): Outgoing[] {
    const kinds = new Map<string, 'asignado' | 'area'>()
    for (const e of events) {
      if (e.type === 'TicketAsignado' || e.type === 'TicketTransferido') {
        const agente = e.data.agente.despues
        if (agente && agente.id !== e.data.agente.antes?.id) kinds.set(agente.id, 'asignado')
      }
      const area =
        (e.type === 'TicketTransferido' || e.type === 'TicketActualizado') &&
        e.data.area.antes !== e.data.area.despues
          ? e.data.area.despues
          : null
      if (area !== null)
        for (const user of this.options.users.users({ rol: 'AREA', area, is_active: true }))
          if (!kinds.has(user.user_id)) kinds.set(user.user_id, 'area')
    }
    // Nobody is told about what they did themselves.
    const actor = first.metadata.actor.id
    if (actor) kinds.delete(actor)
    const out: Outgoing[] = []
    for (const [userId, tipo] of kinds) {
      const user = this.options.users.user(userId)
      if (!user || !user.is_active) continue
      out.push({
        clave: `${first.id}:agente:${userId}`,
        eventoId: first.id,
        messageId: `<${first.id}.${userId}@${MESSAGE_ID_DOMAIN}>`,
        tipo,
        destinatarioTipo: 'AGENTE',
        destinatarioId: userId,
        ticketCodigo: after.codigo,
        to: user.email,
        subject:
          tipo === 'asignado'
            ? `[${after.codigo}] Le asignaron un ticket: ${after.asunto}`
            : `[${after.codigo}] Ticket transferido a ${after.area}: ${after.asunto}`,
        data: {
          nombre: user.nombre,
          por: first.metadata.actor.nombre,
          codigo: after.codigo,
          asunto: after.asunto,
          prioridad: label(PRIORIDAD_LABELS, after.prioridad),
          area: after.area,
          enlace: `${this.options.publicUrl}/app/tickets/${after.id}`,
        },
      })
    }
    return out
  }

  /**
   * Sends one message unless it was already dealt with (a redelivered event whose first messages
   * went out). A permanent refusal is recorded and skipped; anything else is recorded and thrown,
   * so the subscriber retries the event with backoff.
   */
  async #deliver(message: Outgoing): Promise<void> {
    if (this.deliveries.done(message.clave)) return
    const record = (estado: 'ENVIADO' | 'FALLIDO' | 'REINTENTANDO', error: string | null) =>
      this.deliveries.record(message.clave, {
        eventoId: message.eventoId,
        messageId: message.messageId,
        tipo: message.tipo,
        destinatarioTipo: message.destinatarioTipo,
        destinatarioId: message.destinatarioId,
        ticketCodigo: message.ticketCodigo,
        estado,
        error,
        actualizadoEn: this.options.now().toISOString(),
      })
    const body = render(message.tipo, message.data)
    try {
      await this.options.transport!.send({
        to: message.to,
        subject: message.subject,
        messageId: message.messageId,
        ...body,
      })
    } catch (error) {
      if (error instanceof PermanentMailError) {
        record('FALLIDO', error.message)
        this.options.log.warn(
          { eventId: message.eventoId, tipo: message.tipo },
          'e-mail refused for good; skipped',
        )
        return
      }
      record('REINTENTANDO', smtpErrorText(error))
      throw error
    }
    record('ENVIADO', null)
  }

  // ------------------------------------------------------------------------------------------
  // SLA warnings

  /**
   * One pass of the SLA check: every running clock of an assigned, unarchived ticket past its
   * at-risk instant, not yet warned about at that status, is mailed to the assignee. Seen
   * directly at VENCIDO, only the breach is sent (and the warning counts as given). A pass that
   * meets an SMTP failure stops; the next one retries.
   */
  checkSla(): Promise<void> {
    if (!this.enabled) return Promise.resolve()
    this.#checking ??= this.#checkSla().finally(() => (this.#checking = null))
    return this.#checking
  }

  async #checkSla(): Promise<void> {
    const now = this.options.now().toISOString()
    const rows = this.options.db
      .prepare<[string, string], SlaRow>(
        `SELECT id, codigo, asunto, agente_id, pr_vence, pr_riesgo, res_vence, res_riesgo,
                pr_estado_fijo, res_estado_fijo
           FROM tickets
          WHERE archivado = 0 AND agente_id IS NOT NULL
            AND ((pr_estado_fijo IS NULL AND pr_riesgo <= ?) OR (res_estado_fijo IS NULL AND res_riesgo <= ?))`,
      )
      .all(now, now)
    for (const row of rows) {
      for (const [reloj, riesgo, vence, fijo] of [
        ['primera_respuesta', row.pr_riesgo, row.pr_vence, row.pr_estado_fijo],
        ['resolucion', row.res_riesgo, row.res_vence, row.res_estado_fijo],
      ] as const) {
        if (fijo !== null || riesgo === null || riesgo > now) continue
        const estado = vence !== null && vence <= now ? 'VENCIDO' : 'EN_RIESGO'
        if (this.deliveries.slaSent(row.id, reloj, estado)) continue
        const covered = estado === 'VENCIDO' ? ['EN_RIESGO', 'VENCIDO'] : ['EN_RIESGO']
        const user = this.options.users.user(row.agente_id!)
        const id = `sla.${row.id}.${reloj}.${estado}`
        if (user && user.is_active) {
          try {
            await this.#deliver({
              clave: id,
              eventoId: id,
              messageId: `<${id}@${MESSAGE_ID_DOMAIN}>`,
              tipo: 'sla',
              destinatarioTipo: 'AGENTE',
              destinatarioId: user.user_id,
              ticketCodigo: row.codigo,
              to: user.email,
              subject: `[${row.codigo}] SLA ${estado === 'VENCIDO' ? 'vencido' : 'en riesgo'} (${RELOJ_LABELS[reloj]}): ${row.asunto}`,
              data: {
                nombre: user.nombre,
                codigo: row.codigo,
                asunto: row.asunto,
                reloj: RELOJ_LABELS[reloj],
                vencido: estado === 'VENCIDO',
                vence: fecha(vence, this.options.timeZone),
                enlace: `${this.options.publicUrl}/app/tickets/${row.id}`,
              },
            })
          } catch (error) {
            this.options.log.warn(
              { error: maskAddresses(smtpErrorText(error)) },
              'SLA e-mail not delivered; next check retries',
            )
            return
          }
        }
        this.deliveries.recordSla(row.id, reloj, covered, now)
      }
    }
  }
}

const RELOJ_LABELS = { primera_respuesta: 'primera respuesta', resolucion: 'resolución' } as const

interface SlaRow {
  id: string
  codigo: string
  asunto: string
  agente_id: string | null
  pr_vence: string | null
  pr_riesgo: string | null
  res_vence: string | null
  res_riesgo: string | null
  pr_estado_fijo: string | null
  res_estado_fijo: string | null
}

/**
 * What the events of one command share: the request that made them (requestId, or the
 * correlation id), the instant and the actor. Consecutive events of a stream with the same key
 * come from one command (a command's events are appended together, in one append).
 */
function commandKey(event: RecordedEvent): string {
  const m = event.metadata
  return `${m.requestId ?? m.correlationId ?? ''}|${m.occurredAt}|${m.actor?.id ?? ''}`
}

/**
 * The position of the log's last event (null for an empty log), needed once, at first start.
 * From the store when it can tell (SQLite: max(position)); otherwise by reading the log to its
 * end, which took about a minute before `listen` at 1,000,000 tickets.
 */
async function logEnd(store: EventStore): Promise<string | null> {
  if (store.lastPosition) return store.lastPosition()
  let position: string | null = null
  for (;;) {
    const page = await store.readAll({ after: position, maxCount: 1_000 })
    if (page.length === 0) return position
    position = page[page.length - 1]!.position
  }
}
