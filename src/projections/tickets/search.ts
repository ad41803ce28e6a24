import type { TicketRow } from './schema.ts'

/**
 * The dashboard's text search (`q`), over a ticket's codigo, asunto, requester name and requester
 * e-mail (docs/read-models.md, "Text search"):
 *
 * - q is split into words (runs of letters and digits); a ticket matches when each word of q
 *   begins a word of its text, in any order: `impres` finds "La impresora no imprime", `persona1`
 *   finds persona1@… and persona10@…. Case and accents are folded on both sides (`camara` finds
 *   "cámara", `CÁMARA` finds "camara"). A one-character word matches whole words only.
 * - q that is a ticket code (`TK-` and six symbols) finds the ticket with that code, and q that is
 *   an e-mail address finds the tickets of that requester (case-insensitively), each from an exact
 *   index; and, as text, the tickets whose text holds it whole (its words in a row, not as
 *   prefixes: `persona1@example.com` does not find persona10@example.com).
 * - q without a letter or a digit matches no ticket.
 */

/** The text indexed for a ticket: tickets_busqueda.texto. */
export function searchText(
  row: Pick<TicketRow, 'codigo' | 'asunto' | 'solicitante_nombre' | 'solicitante_email'>,
): string {
  return `${row.codigo} ${row.asunto} ${row.solicitante_nombre} ${row.solicitante_email}`.normalize('NFC')
}

export interface SearchPlan {
  /** The FTS5 query for the words of q, or null when q has none. */
  match: string | null
  /** q is a ticket code: the code, upper-cased. */
  codigo: string | null
  /** q is an e-mail address: as given (compared case-insensitively). */
  email: string | null
}

const CODE = /^TK-[0-9A-Z]{6}$/i
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
/** A run of letters, digits, marks: what the unicode61 tokenizer keeps together (marks: NFD input). */
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu
const INDEXED = /[\p{L}\p{N}\p{Co}]/u

export function searchPlan(q: string): SearchPlan {
  const text = q.trim().normalize('NFC')
  const words = (text.match(WORD) ?? []).filter((word) => INDEXED.test(word))
  // Each word quoted (the tokenizer folds it exactly as it folded the text), as a prefix unless
  // it is one character long; FTS5 ANDs the terms.
  const codigo = CODE.test(text) ? text.toUpperCase() : null
  const email = codigo === null && EMAIL.test(text) ? text : null
  let match: string | null = null
  if (words.length > 0)
    match =
      codigo !== null || email !== null
        ? `"${words.join(' ')}"`
        : words.map((word) => (Array.from(word).length > 1 ? `"${word}"*` : `"${word}"`)).join(' ')
  return { match, codigo, email }
}
