import { join } from 'node:path'
import fc from 'fast-check'
import t from 'tap'
import { systemRuntime } from '../src/commands/context.ts'
import { loadState } from '../src/commands/handler.ts'
import { ticketStream } from '../src/commands/streams.ts'
import { TicketCommands } from '../src/commands/tickets.ts'
import { MINIMUM_COST } from '../src/commands/passwords.ts'
import { UserCommands } from '../src/commands/users.ts'
import { DEFAULT_AREAS, ESTADOS, PRIORIDADES } from '../src/domain/catalogue.ts'
import { DomainError } from '../src/domain/errors.ts'
import type { Caller } from '../src/domain/roles.ts'
import type { OperationBody, TicketOperation } from '../src/domain/ticket-operations.ts'
import { SqliteEventStore } from '../src/eventstore/sqlite.ts'
import { tempDir } from './support/temp.ts'

/** An operation and its body, paired. */
type OperationRequest = {
  [Op in TicketOperation]: { operation: Op; body: OperationBody<Op> }
}[TicketOperation]

/**
 * Random command sequences through the real handler and store: the ticket never leaves the state
 * machine, and folding the stored events always gives the state the handler answered with.
 */
t.test('random command sequences keep the ticket inside the machine', async (t) => {
  const store = new SqliteEventStore(join(tempDir(t), 'prop.db'))
  t.teardown(() => store.close())
  const admin = { actor: { id: 'admin', rol: 'ADMIN', nombre: 'Ana' } }
  const caller: Caller = { rol: 'ADMIN', area: null }
  const tickets = new TicketCommands(store, systemRuntime, DEFAULT_AREAS)
  const users = new UserCommands(store, systemRuntime, DEFAULT_AREAS, {
    passwordCost: MINIMUM_COST,
    countOtherActiveAdmins: () => 1,
  })
  const agentIds: string[] = []
  for (const [rol, area] of [
    ['MESA', null],
    ['AREA', 'SISTEMAS'],
    ['AREA', 'MESA'],
    ['USUARIO', null],
  ] as const) {
    const { userId } = await users.crear(
      { email: `${rol}-${area}@example.com`, nombre: `${rol} ${area}`, password: 'secreto1', rol, area },
      admin,
      { mustChangePassword: false },
    )
    agentIds.push(userId)
  }
  agentIds.push('no-existe')

  const area = fc.constantFrom(...DEFAULT_AREAS, 'sistemas ', 'NINGUNA')
  const motivo = fc.constant('motivo de prueba')
  const operation: fc.Arbitrary<OperationRequest> = fc.oneof(
    fc.record({
      operation: fc.constant('asignar' as const),
      body: fc.record({ agenteId: fc.constantFrom(...agentIds), motivo }),
    }),
    fc.record({
      operation: fc.constant('transferir' as const),
      body: fc.record({
        nuevaArea: area,
        agenteId: fc.option(fc.constantFrom(...agentIds), { nil: undefined }),
        motivo,
      }),
    }),
    fc.record({
      operation: fc.constant('actualizar' as const),
      body: fc.record({
        estado: fc.constantFrom(...ESTADOS),
        prioridad: fc.constantFrom(...PRIORIDADES, 'X'),
        area,
        respuesta: fc.constant('respuesta'),
      }),
    }),
    fc.record({
      operation: fc.constant('reclasificar' as const),
      body: fc.record({
        nuevaPrioridad: fc.constantFrom(...PRIORIDADES),
        nuevaCategoria: fc.constantFrom('Red', 'Correo'),
        motivo,
      }),
    }),
    fc.record({
      operation: fc.constantFrom('pausar' as const, 'reabrir' as const, 'archivar' as const),
      body: fc.record({ motivo }),
    }),
    fc.record({
      operation: fc.constant('cancelar' as const),
      body: fc.record({ motivo, rol: fc.constantFrom('USUARIO' as const, 'AGENTE' as const) }),
    }),
  )

  let runs = 0
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
      runs++
      const created = await tickets.crear(
        {
          asunto: 'Asunto',
          descripcion: 'Descripción',
          solicitante: { nombre: 'P', email: 'p@example.com', telefono: null },
          solicitanteId: null,
        },
        admin,
      )
      let state = created.state
      for (const op of operations) {
        try {
          // A generated pair: its body is the operation's by construction (OperationRequest).
          const result = await tickets.ejecutar(
            created.ticketId,
            op.operation,
            op.body as never,
            caller,
            admin,
          )
          state = result.state
        } catch (error) {
          if (!(error instanceof DomainError)) throw error
          if (error.kind === 'invalid_transition' && state.exists) {
            if (error.details.estado !== state.estado) return false
          }
        }
        if (!state.exists) return false
        if (!ESTADOS.includes(state.estado)) return false
        if ((state.estado === 'PAUSADO') !== (state.estadoAntesDePausa !== null)) return false
        if (state.estado === 'ASIGNADO' && state.agente === null) return false
        if (state.agente?.rol === 'AREA' && state.agente.area !== state.area) return false
        if (!DEFAULT_AREAS.includes(state.area as (typeof DEFAULT_AREAS)[number])) return false
        const folded = await loadState(store, tickets.decider, ticketStream(created.ticketId))
        if (JSON.stringify(folded) !== JSON.stringify(state)) return false
      }
      return true
    }),
    { numRuns: 60, seed: Number(process.env.FC_SEED ?? 20261122) },
  )
  t.equal(runs, 60, 'every generated sequence ran and held')
})
