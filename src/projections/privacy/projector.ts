import type Database from 'better-sqlite3'
import type { RecordedEvent } from '../../eventstore/port.ts'
import { ERASURE_EVENT, type ErasureData } from '../../privacy/erasure-event.ts'
import { ERASED } from '../../privacy/seal.ts'
import type { Projector } from '../projector.ts'
import { searchText } from '../tickets/search.ts'

/**
 * Erasures (DatosPersonalesBorrados) in the read models: the erased person's data, copied there
 * when it was still readable, becomes ERASED — what a rebuild, which can no longer open it,
 * writes in the first place. Runs after the other projectors in each batch.
 */
export function privacyProjector(db: Database.Database): Projector {
  const requester = db.prepare(`UPDATE tickets SET solicitante_nombre = @erased, solicitante_email = @erased,
    solicitante_telefono = CASE WHEN solicitante_telefono IS NULL THEN NULL ELSE @erased END WHERE id = @id`)
  const ticket = db.prepare<[string], { n: number; codigo: string; asunto: string }>(
    'SELECT n, codigo, asunto FROM tickets WHERE id = ?',
  )
  // tickets_busqueda's rowid is the ticket's n (tickets/schema.ts).
  const search = db.prepare('UPDATE tickets_busqueda SET texto = ? WHERE rowid = ?')
  const lookup = db.prepare('DELETE FROM consulta_publica WHERE ticket_id = ?')
  const assignee = db.prepare('UPDATE tickets SET agente_nombre = ? WHERE agente_id = ?')
  const author = db.prepare('UPDATE ticket_respuestas SET autor_nombre = ? WHERE autor_id = ?')
  const account = db.prepare('DELETE FROM users WHERE id = ?')

  return {
    name: 'privacy',
    apply(recorded: RecordedEvent) {
      if (recorded.type !== ERASURE_EVENT) return
      const data = recorded.data as ErasureData
      for (const id of data.tickets) {
        requester.run({ erased: ERASED, id })
        const row = ticket.get(id)
        if (row)
          search.run(searchText({ ...row, solicitante_nombre: ERASED, solicitante_email: ERASED }), row.n)
        lookup.run(id)
      }
      if (data.usuarioId !== null) {
        assignee.run(ERASED, data.usuarioId)
        author.run(ERASED, data.usuarioId)
        account.run(data.usuarioId)
      }
    },
  }
}
