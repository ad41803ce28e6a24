import type Database from 'better-sqlite3'
import { TICKET_STREAM_PREFIX } from '../../commands/streams.ts'
import type { Prioridad } from '../../domain/catalogue.ts'
import {
  DEFAULT_SLA_POLICY,
  evolveSla,
  type SlaPolicy,
  type SlaState,
  slaColumns,
  startSla,
} from '../../domain/sla.ts'
import type { TicketEvent } from '../../domain/ticket.ts'
import type { RecordedEvent } from '../../eventstore/port.ts'
import { ERASED } from '../../privacy/seal.ts'
import { ObjectRows } from '../object-rows.ts'
import type { Projector } from '../projector.ts'
import {
  ALL_TICKET_COLUMNS,
  emailLookupHash,
  PRIORIDAD_RANK,
  type TicketRow,
  TICKETS_READ_MODEL,
  UPDATED_TICKET_COLUMNS,
} from './schema.ts'
import { searchText } from './search.ts'

/** A ticket being folded in memory during one batch. */
interface Working {
  row: TicketRow
  sla: SlaState
  isNew: boolean
  /** Area, estado and prioridad as stored before this batch (null for a ticket created in it). */
  stored: { area: string; estado: string; prioridad: string } | null
}

/**
 * tickets, ticket_respuestas, tickets_busqueda, consulta_publica, conteo_estados. The SLA policy
 * (targets, pause policy, calendar) shapes the SLA columns: change it, then rebuild.
 *
 * Works per batch: each ticket touched by the batch is read once, folded in memory through all
 * of its events, and written once (one INSERT or UPDATE), with its SLA columns computed once.
 */
export function ticketsProjector(
  db: Database.Database,
  sla: SlaPolicy = DEFAULT_SLA_POLICY,
  /** Told of every ticket row written, in the same step (the search facets follow it). */
  onTicketWritten?: (row: TicketRow) => void,
): Projector {
  const insertTicket = db.prepare(
    `INSERT INTO tickets (${ALL_TICKET_COLUMNS.join(', ')}) VALUES (${ALL_TICKET_COLUMNS.map((column) => `@${column}`).join(', ')})`,
  )
  const selectTicket = new ObjectRows<[string]>(db, 'SELECT * FROM tickets WHERE id = ?')
  const ticketExists = db.prepare<[string], { 1: number }>('SELECT 1 FROM tickets WHERE id = ?')
  const updateTicket = db.prepare(
    `UPDATE tickets SET ${UPDATED_TICKET_COLUMNS.map((column) => `${column} = @${column}`).join(', ')} WHERE id = @id`,
  )
  const insertSearch = db.prepare('INSERT INTO tickets_busqueda (rowid, ticket_id, texto) VALUES (?, ?, ?)')
  const insertLookup = db.prepare(
    'INSERT INTO consulta_publica (codigo, email_hash, ticket_id) VALUES (?, ?, ?)',
  )
  const insertResponse = db.prepare(
    'INSERT INTO ticket_respuestas (ticket_id, n, respuesta, autor_id, autor_nombre, autor_rol, creado_en) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const count = db.prepare(
    'INSERT INTO conteo_estados (area, estado, prioridad, n) VALUES (?, ?, ?, ?) ON CONFLICT (area, estado, prioridad) DO UPDATE SET n = n + excluded.n',
  )
  const dropEmpty = db.prepare(
    'DELETE FROM conteo_estados WHERE area = ? AND estado = ? AND prioridad = ? AND n = 0',
  )

  function create(
    id: string,
    recorded: RecordedEvent,
    event: TicketEvent & { type: 'TicketCreado' },
  ): Working {
    const d = event.data
    const at = recorded.metadata.occurredAt
    // An erased requester (privacy/) has no e-mail left to look the ticket up by.
    if (d.solicitante.email !== ERASED) insertLookup.run(d.codigo, emailLookupHash(d.solicitante.email), id)
    // Every column, so the compiler checks the list against TICKET_COLUMNS; the SLA and derived
    // columns are placeholders here, computed in write().
    const row: TicketRow = {
      n: null, // assigned by the INSERT
      id,
      codigo: d.codigo,
      asunto: d.asunto,
      descripcion: d.descripcion,
      solicitante_id: d.solicitanteId,
      solicitante_nombre: d.solicitante.nombre,
      solicitante_email: d.solicitante.email,
      solicitante_telefono: d.solicitante.telefono,
      creado_en: at,
      estado: d.estado,
      estado_antes_pausa: null,
      prioridad: d.prioridad,
      categoria: d.categoria,
      area: d.area,
      agente_id: null,
      agente_nombre: null,
      agente_rol: null,
      actualizado_en: at,
      primera_respuesta_en: null,
      resuelto_en: null,
      cerrado_en: null,
      cancelado_en: null,
      cancelado_por: null,
      archivado_en: null,
      reaperturas: 0,
      transferencias: 0,
      motivo_asignar: null,
      motivo_transferir: null,
      motivo_reclasificar: null,
      motivo_pausar: null,
      motivo_reabrir: null,
      motivo_cancelar: null,
      motivo_archivar: null,
      sla_estado: '',
      pr_vence: null,
      pr_riesgo: null,
      pr_estado_fijo: null,
      res_vence: null,
      res_riesgo: null,
      res_estado_fijo: null,
      sla_orden: '',
      sla_pausado_ms: 0,
      archivado: 0,
      prioridad_rank: 0,
      revision: Number(recorded.revision),
      position: recorded.position,
    }
    return { row, sla: startSla(Date.parse(at), d.prioridad as Prioridad, sla), isNew: true, stored: null }
  }

  function evolve(working: Working, id: string, recorded: RecordedEvent, event: TicketEvent): void {
    const at = recorded.metadata.occurredAt
    const row = working.row
    const estadoAntes = row.estado
    row.actualizado_en = at
    row.revision = Number(recorded.revision)
    row.position = recorded.position
    if (event.type === 'TicketCreado') return
    row.estado = event.data.estado.despues
    switch (event.type) {
      case 'TicketAsignado':
        setAgent(row, event.data.agente.despues)
        row.motivo_asignar = event.data.motivo
        break
      case 'TicketTransferido':
        row.area = event.data.area.despues
        setAgent(row, event.data.agente.despues)
        row.transferencias += 1
        row.motivo_transferir = event.data.motivo
        break
      case 'TicketActualizado':
        row.prioridad = event.data.prioridad.despues
        row.area = event.data.area.despues
        setAgent(row, event.data.agente.despues)
        // First response: the first answer an agent gives the requester.
        row.primera_respuesta_en ??= at
        insertResponse.run(
          id,
          Number(recorded.revision),
          event.data.respuesta,
          recorded.metadata.actor.id,
          recorded.metadata.actor.nombre,
          recorded.metadata.actor.rol,
          at,
        )
        break
      case 'TicketReclasificado':
        row.prioridad = event.data.prioridad.despues
        row.categoria = event.data.categoria.despues
        row.motivo_reclasificar = event.data.motivo
        break
      case 'TicketPausado':
        row.estado_antes_pausa = event.data.estado.antes
        row.motivo_pausar = event.data.motivo
        break
      case 'TicketReanudado':
        row.motivo_reabrir = event.data.motivo
        break
      case 'TicketReabierto':
        row.reaperturas += 1
        row.motivo_reabrir = event.data.motivo
        break
      case 'TicketCancelado':
        row.cancelado_en = at
        row.cancelado_por = event.data.rol
        row.motivo_cancelar = event.data.motivo
        break
      case 'TicketArchivado':
        row.archivado_en = at
        row.motivo_archivar = event.data.motivo
        break
      default: {
        // A new ticket event must be projected: leaving it out here does not compile.
        const unhandled: never = event
        throw new Error(`tickets projector: unhandled event ${(unhandled as TicketEvent).type}`)
      }
    }
    if (row.estado !== 'PAUSADO') row.estado_antes_pausa = null
    if (row.estado === 'RESUELTO' && estadoAntes !== 'RESUELTO') row.resuelto_en = at
    if (row.estado === 'CERRADO' && estadoAntes !== 'CERRADO') row.cerrado_en = at
    working.sla = evolveSla(
      working.sla,
      {
        type: event.type,
        data: event.data as unknown as Record<string, unknown>,
        at: Date.parse(at),
        actorRol: recorded.metadata.actor.rol,
      },
      sla,
    )
  }

  function write(working: Working): void {
    const row = working.row
    Object.assign(row, slaColumns(working.sla, sla.calendar), {
      sla_estado: JSON.stringify(working.sla),
      archivado: row.estado === 'ARCHIVADO' ? 1 : 0,
      prioridad_rank: PRIORIDAD_RANK[row.prioridad] ?? 0,
    })
    if (working.isNew) {
      row.n = Number(insertTicket.run(row).lastInsertRowid)
      insertSearch.run(row.n, row.id, searchText(row))
      count.run(row.area, row.estado, row.prioridad, 1)
      onTicketWritten?.(row)
      return
    }
    updateTicket.run(row)
    onTicketWritten?.(row)
    const stored = working.stored!
    if (stored.area !== row.area || stored.estado !== row.estado || stored.prioridad !== row.prioridad) {
      count.run(stored.area, stored.estado, stored.prioridad, -1)
      // Empty groups are removed, so the table depends only on the tickets, not on batch sizes.
      dropEmpty.run(stored.area, stored.estado, stored.prioridad)
      count.run(row.area, row.estado, row.prioridad, 1)
    }
  }

  function applyBatch(events: readonly RecordedEvent[]): void {
    const touched = new Map<string, Working>()
    for (const recorded of events) {
      if (!recorded.stream.startsWith(TICKET_STREAM_PREFIX)) continue
      const id = recorded.stream.slice(TICKET_STREAM_PREFIX.length)
      const event = recorded as unknown as TicketEvent
      let working = touched.get(id)
      if (event.type === 'TicketCreado') {
        if (working || ticketExists.get(id)) continue // created once; never twice
        touched.set(id, create(id, recorded, event))
        continue
      }
      if (!working) {
        const stored = selectTicket.get(id) as TicketRow | undefined
        if (!stored) continue
        working = {
          row: { ...stored },
          sla: JSON.parse(stored.sla_estado) as SlaState,
          isNew: false,
          stored: { area: stored.area, estado: stored.estado, prioridad: stored.prioridad },
        }
        touched.set(id, working)
      }
      evolve(working, id, recorded, event)
    }
    for (const working of touched.values()) write(working)
  }

  return { name: TICKETS_READ_MODEL.projector, apply: (event) => applyBatch([event]), applyBatch }
}

function setAgent(row: TicketRow, agente: { id: string; nombre: string; rol: string } | null): void {
  row.agente_id = agente?.id ?? null
  row.agente_nombre = agente?.nombre ?? null
  row.agente_rol = agente?.rol ?? null
}
