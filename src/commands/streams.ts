/** Stream names (DESIGN §6). */
export const ticketStream = (id: string): string => `ticket-${id}`
export const userStream = (id: string): string => `user-${id}`
export const TICKET_STREAM_PREFIX = 'ticket-'
export const USER_STREAM_PREFIX = 'user-'
