import type Database from 'better-sqlite3'
import { USER_STREAM_PREFIX } from '../../commands/streams.ts'
import type { UserEvent } from '../../domain/user.ts'
import type { RecordedEvent } from '../../eventstore/port.ts'
import { ERASED } from '../../privacy/seal.ts'
import type { Projector } from '../projector.ts'

/**
 * users: the list of seed 000 plus what authentication needs. `onUserChanged` is told the id of
 * every user an event touched, after its row is written (the queries' credentials cache uses it).
 */
export function usersProjector(
  db: Database.Database,
  onUserChanged: (id: string) => void = () => {},
): Projector {
  const insert = db.prepare(`
    INSERT INTO users (id, email, nombre, rol, area, telefono, is_active, password_hash, must_change_password, token_version, created_at, updated_at)
    VALUES (@id, @email, @nombre, @rol, @area, @telefono, 1, @passwordHash, @mustChangePassword, @tokenVersion, @at, @at)`)
  const updateField = Object.fromEntries(
    ['email', 'nombre', 'rol', 'area', 'telefono'].map((column) => [
      column,
      db.prepare(`UPDATE users SET ${column} = ?, updated_at = ? WHERE id = ?`),
    ]),
  )
  const setTokenVersion = db.prepare('UPDATE users SET token_version = ?, updated_at = ? WHERE id = ?')
  const setPassword = db.prepare(
    'UPDATE users SET password_hash = ?, must_change_password = ?, token_version = ?, updated_at = ? WHERE id = ?',
  )
  const setActive = db.prepare('UPDATE users SET is_active = ?, updated_at = ? WHERE id = ?')
  const remove = db.prepare('DELETE FROM users WHERE id = ?')

  return {
    name: 'users',
    apply(recorded) {
      if (!recorded.stream.startsWith(USER_STREAM_PREFIX)) return
      const event = recorded as unknown as UserEvent & RecordedEvent
      const at = recorded.metadata.occurredAt
      const id = recorded.stream.slice(USER_STREAM_PREFIX.length)
      switch (event.type) {
        case 'UsuarioCreado':
          // An erased account (privacy/) was deleted before its key was destroyed: replayed, it
          // has no e-mail left and ends deleted, so it is not listed on the way either.
          if (event.data.email === ERASED) break
          insert.run({ ...event.data, id, mustChangePassword: event.data.mustChangePassword ? 1 : 0, at })
          break
        case 'UsuarioActualizado':
          for (const [column, change] of Object.entries(event.data.cambios)) {
            updateField[column]?.run(change?.despues ?? null, at, id)
          }
          setTokenVersion.run(event.data.tokenVersion, at, id)
          break
        case 'UsuarioPasswordCambiado':
          setPassword.run(
            event.data.passwordHash,
            event.data.mustChangePassword ? 1 : 0,
            event.data.tokenVersion,
            at,
            id,
          )
          break
        case 'UsuarioDesactivado':
          setActive.run(0, at, id)
          setTokenVersion.run(event.data.tokenVersion, at, id)
          break
        case 'UsuarioReactivado':
          setActive.run(1, at, id)
          break
        case 'UsuarioEliminado':
          remove.run(id)
          break
      }
      onUserChanged(id)
    },
  }
}
