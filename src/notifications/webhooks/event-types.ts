import type { TicketEventType } from '../../domain/ticket.ts'

/**
 * Every ticket event type, as a value (the webhooks' `eventos` filter and its 400 answer). The two
 * checks below fail to compile if this list and the TicketEvent union ever differ.
 */
export const TICKET_EVENT_TYPES = [
  'TicketCreado',
  'TicketAsignado',
  'TicketTransferido',
  'TicketActualizado',
  'TicketReclasificado',
  'TicketPausado',
  'TicketReanudado',
  'TicketReabierto',
  'TicketCancelado',
  'TicketArchivado',
] as const satisfies readonly TicketEventType[]

type Listed = (typeof TICKET_EVENT_TYPES)[number]
type Missing = Exclude<TicketEventType, Listed>
/** `true` only when no event type of the union is missing from the list. */
const everyTypeListed: [Missing] extends [never] ? true : Missing = true
void everyTypeListed

export function isTicketEventType(type: string): type is TicketEventType {
  return (TICKET_EVENT_TYPES as readonly string[]).includes(type)
}
