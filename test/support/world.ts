import { join } from 'node:path'
import type { Test } from 'tap'
import { type CommandContext, systemRuntime } from '../../src/commands/context.ts'
import { MINIMUM_COST } from '../../src/commands/passwords.ts'
import { TicketCommands } from '../../src/commands/tickets.ts'
import { UserCommands } from '../../src/commands/users.ts'
import { DEFAULT_AREAS } from '../../src/domain/catalogue.ts'
import { SqliteEventStore } from '../../src/eventstore/sqlite.ts'
import { ReadModels } from '../../src/projections/read-models.ts'
import { tempDir } from './temp.ts'

export const adminContext: CommandContext = { actor: { id: 'admin-0', rol: 'ADMIN', nombre: 'Ana Admin' } }

/** A store, the command services and live read models in a temp dir, closed when the test ends. */
export function world(t: Test) {
  const dir = tempDir(t)
  const store = new SqliteEventStore(join(dir, 'events.db'))
  const readModels = new ReadModels(store, join(dir, 'readmodels.db'))
  readModels.start()
  const tickets = new TicketCommands(store, systemRuntime, DEFAULT_AREAS)
  const users = new UserCommands(store, systemRuntime, DEFAULT_AREAS, {
    passwordCost: MINIMUM_COST,
    countOtherActiveAdmins: (id) => readModels.users.countOtherActiveAdmins(id),
    settle: async (position) => void (await readModels.runner.waitFor(position)),
  })
  t.teardown(async () => {
    await readModels.close()
    await store.close()
  })
  /** Waits until the read models show everything appended so far. */
  const settle = async () => {
    const all = await store.readAll()
    await readModels.runner.waitFor(all[all.length - 1]?.position ?? null)
  }
  /** An agent account ready to take tickets (MESA unless a role and area are given); its id. */
  const agent = async (rol: 'MESA' | 'AREA' = 'MESA', area: string | null = null) =>
    (
      await users.crear(
        { email: 'ag@example.com', nombre: 'Agente', password: 'secreto1', rol, area },
        adminContext,
        { mustChangePassword: false },
      )
    ).userId
  return {
    agent,
    dir,
    store,
    readModels,
    ticketQueries: readModels.tickets,
    userQueries: readModels.users,
    tickets,
    users,
    settle,
  }
}

export const solicitud = (n = 1, over: Record<string, unknown> = {}) => ({
  asunto: `Asunto ${n}`,
  descripcion: `Descripción del problema ${n}`,
  solicitante: { nombre: `Persona ${n}`, email: `persona${n}@example.com`, telefono: null },
  solicitanteId: null,
  ...over,
})
