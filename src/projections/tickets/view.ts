import type { Estado } from '../../domain/catalogue.ts'
import type { Calendar } from '../../domain/business-calendar.ts'
import { type SlaState, type SlaView, viewSla } from '../../domain/sla.ts'
import type { SUMMARY_TICKET_COLUMNS, TicketRow } from './schema.ts'

/**
 * What the tickets read model answers: the shapes of DESIGN §7's ticket answers, and how a stored
 * row becomes one of them.
 */

/** What the caller may see: every ticket (area null) or one area's. */
export interface TicketScope {
  area: string | null
}

export interface TicketSummary {
  id: string
  codigo: string
  asunto: string
  estado: Estado
  prioridad: string
  categoria: string
  area: string
  agenteId: string | null
  agente: { id: string; nombre: string; rol: string } | null
  solicitante: { nombre: string; email: string; telefono: string | null }
  creadoEn: string
  actualizadoEn: string
  revision: number
  sla: SlaView
}

export interface TicketDetail extends TicketSummary {
  descripcion: string
  estadoAntesDePausa: string | null
  solicitanteId: string | null
  primeraRespuestaEn: string | null
  resueltoEn: string | null
  cerradoEn: string | null
  canceladoEn: string | null
  canceladoPor: string | null
  archivadoEn: string | null
  reaperturas: number
  transferencias: number
  motivos: Record<string, string | null>
  respuestas: Array<{
    respuesta: string
    autor: { id: string | null; nombre: string; rol: string }
    fecha: string
  }>
  /** How many responses the ticket has in all (more than `respuestas.length` in a command's answer). */
  totalRespuestas: number
}

/**
 * A command's answer carries at most this many responses, the latest ones (GET /api/tickets/{id}
 * carries them all): what a command costs must not grow with the ticket's history (issue 16).
 */
export const COMMAND_ANSWER_RESPONSES = 20

/** The requester's view (public lookup): no motives, no agents, no requester data. */
export interface PublicTicketView {
  codigo: string
  asunto: string
  estado: Estado
  prioridad: string
  area: string
  creadoEn: string
  actualizadoEn: string
  /** The latest PUBLIC_RESPONSES_LIMIT public responses, oldest first. */
  respuestas: Array<{ respuesta: string; fecha: string }>
  /** How many responses the ticket has in all (more than `respuestas.length` when capped). */
  totalRespuestas: number
}

/** A row of ticket_respuestas. */
export interface ResponseRow {
  ticket_id: string
  n: number
  respuesta: string
  autor_id: string | null
  autor_nombre: string
  autor_rol: string
  creado_en: string
}

/** The columns of a response the ticket detail shows. */
export type DetailResponseRow = Pick<
  ResponseRow,
  'respuesta' | 'autor_id' | 'autor_nombre' | 'autor_rol' | 'creado_en'
>

export type SummaryRow = Pick<TicketRow, (typeof SUMMARY_TICKET_COLUMNS)[number]>

/** `state`: the row's sla_estado already parsed, when the caller has it. */
export function toSummary(
  row: SummaryRow,
  calendar: Calendar,
  now: Date,
  state: SlaState = JSON.parse(row.sla_estado) as SlaState,
): TicketSummary {
  const agenteId = row.agente_id
  return {
    id: row.id,
    codigo: row.codigo,
    asunto: row.asunto,
    estado: row.estado as Estado,
    prioridad: row.prioridad,
    categoria: row.categoria,
    area: row.area,
    agenteId,
    agente: agenteId ? { id: agenteId, nombre: row.agente_nombre ?? '', rol: row.agente_rol ?? '' } : null,
    solicitante: {
      nombre: row.solicitante_nombre,
      email: row.solicitante_email,
      telefono: row.solicitante_telefono,
    },
    creadoEn: row.creado_en,
    actualizadoEn: row.actualizado_en,
    revision: row.revision,
    sla: viewSla(state, calendar, now.getTime()),
  }
}

export function toDetail(
  row: TicketRow,
  responses: readonly DetailResponseRow[],
  calendar: Calendar,
  now: Date,
  totalResponses: number = responses.length,
): TicketDetail {
  return {
    ...toSummary(row, calendar, now),
    descripcion: row.descripcion,
    estadoAntesDePausa: row.estado_antes_pausa,
    solicitanteId: row.solicitante_id,
    primeraRespuestaEn: row.primera_respuesta_en,
    resueltoEn: row.resuelto_en,
    cerradoEn: row.cerrado_en,
    canceladoEn: row.cancelado_en,
    canceladoPor: row.cancelado_por,
    archivadoEn: row.archivado_en,
    reaperturas: row.reaperturas,
    transferencias: row.transferencias,
    motivos: {
      asignar: row.motivo_asignar,
      transferir: row.motivo_transferir,
      reclasificar: row.motivo_reclasificar,
      pausar: row.motivo_pausar,
      reabrir: row.motivo_reabrir,
      cancelar: row.motivo_cancelar,
      archivar: row.motivo_archivar,
    },
    respuestas: responses.map((response) => ({
      respuesta: response.respuesta,
      autor: { id: response.autor_id, nombre: response.autor_nombre, rol: response.autor_rol },
      fecha: response.creado_en,
    })),
    totalRespuestas: totalResponses,
  }
}

/**
 * Public answers (consultar) carry at most this many responses, the latest ones: an anonymous
 * caller cannot make one lookup return megabytes (250 responses of 5 KB were 1.26 MB).
 */
export const PUBLIC_RESPONSES_LIMIT = 50

/** `responses`: the latest ones, oldest first; `total`: how many the ticket has. */
export function toPublic(
  row: TicketRow,
  responses: readonly Pick<ResponseRow, 'respuesta' | 'creado_en'>[],
  total: number,
): PublicTicketView {
  return {
    codigo: row.codigo,
    asunto: row.asunto,
    estado: row.estado as Estado,
    prioridad: row.prioridad,
    area: row.area,
    creadoEn: row.creado_en,
    actualizadoEn: row.actualizado_en,
    respuestas: responses.map((response) => ({ respuesta: response.respuesta, fecha: response.creado_en })),
    totalRespuestas: total,
  }
}
