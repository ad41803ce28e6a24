import { randomBytes, randomUUID, scryptSync } from 'node:crypto'
import { join } from 'node:path'
import t from 'tap'
import { systemRuntime, type CommandContext } from '../src/commands/context.ts'
import { handleCommand } from '../src/commands/handler.ts'
import { TICKET_CODE_PATTERN, newTicketCode, uuidFromName } from '../src/commands/ids.ts'
import { hashPassword, MINIMUM_COST, PRODUCTION_COST, verifyPassword } from '../src/commands/passwords.ts'
import { emailReservationStream } from '../src/commands/reservations.ts'
import { ticketStream, userStream } from '../src/commands/streams.ts'
import { TicketCommands } from '../src/commands/tickets.ts'
import { UserCommands } from '../src/commands/users.ts'
import { DEFAULT_AREAS } from '../src/domain/catalogue.ts'
import type { Caller } from '../src/domain/roles.ts'
import { type EventStore, WrongExpectedVersionError } from '../src/eventstore/port.ts'
import { SqliteEventStore } from '../src/eventstore/sqlite.ts'
import { rejectsDomain } from './support/assert.ts'
import { tempDir } from './support/temp.ts'

const admin: CommandContext = { actor: { id: 'admin-1', rol: 'ADMIN', nombre: 'Ana' } }
const mesa: Caller = { rol: 'MESA', area: null }
const newTicket = {
  asunto: 'Sin correo',
  descripcion: 'No puedo enviar correos',
  solicitante: { nombre: 'Pedro', email: 'pedro@example.com', telefono: null },
  solicitanteId: null,
}

function setup(t: Parameters<typeof tempDir>[0]) {
  const store = new SqliteEventStore(join(tempDir(t), 'events.db'))
  t.teardown(() => store.close())
  const tickets = new TicketCommands(store, systemRuntime, DEFAULT_AREAS)
  const users = new UserCommands(store, systemRuntime, DEFAULT_AREAS, {
    passwordCost: MINIMUM_COST,
    countOtherActiveAdmins: () => 1,
  })
  return { store, tickets, users }
}

t.test('crear: a TicketCreado with a short, readable, reserved code', async (t) => {
  const { store, tickets } = setup(t)
  const result = await tickets.crear(newTicket, admin)
  t.match(result.state, { exists: true, estado: 'ABIERTO' })
  const codigo = result.state.exists ? result.state.codigo : ''
  t.match(codigo, TICKET_CODE_PATTERN)
  const events = await store.readStream(ticketStream(result.ticketId))
  t.same(
    events.map((event) => event.type),
    ['TicketCreado'],
  )
  t.match(events[0]!.metadata, { actor: admin.actor, schemaVersion: 1 })
  t.equal((await store.readStream(`unico-codigo-${codigo}`)).length, 1, 'the code is reserved')
})

t.test('ticket codes: non-sequential and unique over many draws', async (t) => {
  const codes = new Set(Array.from({ length: 5000 }, () => newTicketCode()))
  t.ok(codes.size > 4990, `${codes.size} distinct of 5000`)
  for (const code of [...codes].slice(0, 50)) t.match(code, TICKET_CODE_PATTERN)
  // A code already reserved is never handed out twice: force collisions with a fixed random source.
  const store = new SqliteEventStore(join(tempDir(t), 'codes.db'))
  t.teardown(() => store.close())
  let draw = 0
  const runtime = {
    ...systemRuntime,
    randomBytes: (size: number) => Buffer.alloc(size, draw++ < 2 ? 7 : draw),
  }
  const tickets = new TicketCommands(store, runtime, DEFAULT_AREAS)
  const first = await tickets.crear(newTicket, admin)
  const second = await tickets.crear(newTicket, admin)
  t.not(first.state.exists && first.state.codigo, second.state.exists && second.state.codigo)
})

t.test('Idempotency-Key: the same request twice appends once and answers the same', async (t) => {
  const { store, tickets } = setup(t)
  const context = { ...admin, idempotencyKey: 'clave-1' }
  const first = await tickets.crear(newTicket, context)
  const again = await tickets.crear(newTicket, context)
  t.equal(again.ticketId, first.ticketId)
  t.equal(again.replayed, true)
  t.same(again.state, first.state)
  t.equal((await store.readStream(ticketStream(first.ticketId))).length, 1)

  const pausa = { motivo: 'Esperando proveedor' }
  const paused = await tickets.ejecutar(first.ticketId, 'pausar', pausa, mesa, {
    ...admin,
    idempotencyKey: 'clave-2',
  })
  const pausedAgain = await tickets.ejecutar(first.ticketId, 'pausar', pausa, mesa, {
    ...admin,
    idempotencyKey: 'clave-2',
  })
  t.equal(pausedAgain.replayed, true)
  t.equal(pausedAgain.nextRevision, paused.nextRevision)
  t.equal((await store.readStream(ticketStream(first.ticketId))).length, 2, 'no second TicketPausado')
  // A different key is a new command, judged on the current state: pausing twice is not allowed.
  await rejectsDomain(
    t,
    tickets.ejecutar(first.ticketId, 'pausar', pausa, mesa, { ...admin, idempotencyKey: 'clave-3' }),
    'invalid_transition',
    {
      estado: 'PAUSADO',
    },
  )
})

t.test('a pinned revision (If-Match) that is stale is a conflict, never retried', async (t) => {
  const { tickets } = setup(t)
  const { ticketId } = await tickets.crear(newTicket, admin)
  await tickets.ejecutar(ticketId, 'pausar', { motivo: 'x' }, mesa, admin)
  const stale = tickets.ejecutar(ticketId, 'reabrir', { motivo: 'x' }, mesa, {
    ...admin,
    expectedRevision: 0n,
  })
  await t.rejects(stale, WrongExpectedVersionError)
  const fresh = await tickets.ejecutar(ticketId, 'reabrir', { motivo: 'x' }, mesa, {
    ...admin,
    expectedRevision: 1n,
  })
  t.equal(fresh.nextRevision, 2n)
})

t.test('concurrent commands on one ticket: none lost', async (t) => {
  const { store, tickets } = setup(t)
  const { ticketId } = await tickets.crear(newTicket, admin)
  const prioridades = ['BAJA', 'MEDIA', 'ALTA', 'CRITICA']
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      tickets.ejecutar(
        ticketId,
        'reclasificar',
        { nuevaPrioridad: prioridades[i % 4]!, nuevaCategoria: `c${i}`, motivo: 'x' },
        mesa,
        admin,
      ),
    ),
  )
  const events = await store.readStream(ticketStream(ticketId))
  t.equal(events.length, 21)
  t.same(
    events.map((event) => event.revision),
    Array.from({ length: 21 }, (_, i) => BigInt(i)),
  )
})

t.test('the handler retries on a conflict with another writer and re-decides on fresh state', async (t) => {
  const { store, tickets } = setup(t)
  const { ticketId } = await tickets.crear(newTicket, admin)
  const stream = ticketStream(ticketId)
  const metadata = { actor: admin.actor, occurredAt: new Date().toISOString(), schemaVersion: 1 }
  // The real store, except that just before our first append another writer pauses the ticket.
  let interfered = false
  const racing: EventStore = {
    readStream: (...args) => store.readStream(...args),
    readAll: (...args) => store.readAll(...args),
    subscribe: (...args) => store.subscribe(...args),
    comparePositions: (a, b) => store.comparePositions(a, b),
    healthy: () => store.healthy(),
    close: () => store.close(),
    append: async (...args: Parameters<EventStore['append']>) => {
      if (!interfered) {
        interfered = true
        await store.append(
          stream,
          [
            {
              id: randomUUID(),
              type: 'TicketPausado',
              data: { estado: { antes: 'ABIERTO', despues: 'PAUSADO' }, motivo: 'otro' },
              metadata,
            },
          ],
          { expectedRevision: 0n },
        )
      }
      return store.append(...args)
    },
  }
  const seen: string[] = []
  const result = await handleCommand(
    racing,
    tickets.decider,
    stream,
    (state) => {
      seen.push(state.exists ? state.estado : 'none')
      return {
        type: 'reclasificar' as const,
        data: { nuevaPrioridad: 'ALTA', nuevaCategoria: 'Red', motivo: 'x' },
      }
    },
    { eventId: () => randomUUID(), metadata },
  )
  t.same(seen, ['ABIERTO', 'PAUSADO'], 'decided twice, the second time on the paused ticket')
  t.match(result.state, { estado: 'PAUSADO', prioridad: 'ALTA' })
  t.same(
    (await store.readStream(stream)).map((event) => event.type),
    ['TicketCreado', 'TicketPausado', 'TicketReclasificado'],
  )
})

t.test('user email is unique case-insensitively, even under concurrent creation', async (t) => {
  const { store, users } = setup(t)
  const attempts = await Promise.allSettled(
    ['Ana@Example.com', 'ana@example.com', ' ANA@EXAMPLE.COM', 'ana@Example.com'].map((email) =>
      users.crear({ email, nombre: 'Ana', password: 'secreto1', rol: 'MESA' }, admin, {
        mustChangePassword: true,
      }),
    ),
  )
  t.equal(attempts.filter((a) => a.status === 'fulfilled').length, 1, 'exactly one wins')
  for (const attempt of attempts.filter((a) => a.status === 'rejected')) {
    t.match((attempt as PromiseRejectedResult).reason, { kind: 'conflict' })
  }
  t.equal((await store.readStream(emailReservationStream('ana@example.com'))).length, 1)
})

t.test('a deleted user’s email, or an old email after a change, can be used again', async (t) => {
  const { users } = setup(t)
  const first = await users.crear(
    { email: 'x@example.com', nombre: 'Xavi', password: 'secreto1', rol: 'MESA' },
    admin,
    { mustChangePassword: false },
  )
  await users.actualizar(first.userId, { email: 'y@example.com' }, admin)
  const reuse = await users.crear(
    { email: 'X@example.com', nombre: 'Otra', password: 'secreto1', rol: 'MESA' },
    admin,
    { mustChangePassword: false },
  )
  t.ok(reuse.userId)
  await rejectsDomain(
    t,
    users.crear({ email: 'y@example.com', nombre: 'Otra', password: 'secreto1', rol: 'MESA' }, admin, {
      mustChangePassword: false,
    }),
    'conflict',
  )
  await users.eliminar(first.userId, admin)
  const afterDelete = await users.crear(
    { email: 'y@example.com', nombre: 'Yago', password: 'secreto1', rol: 'MESA' },
    admin,
    { mustChangePassword: false },
  )
  t.ok(afterDelete.userId)
})

t.test('passwords: scrypt hashes written before Argon2id still verify', async (t) => {
  // Made with node:crypto directly, in the format the service wrote before the switch.
  const salt = randomBytes(16)
  const key = scryptSync('antigua-1', salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 2 ** 17 * 8 })
  const legacy = `scrypt$131072$8$1$${salt.toString('base64')}$${key.toString('base64')}`
  t.ok(await verifyPassword('antigua-1', legacy))
  t.notOk(await verifyPassword('antigua-2', legacy))
})

t.test('passwords: Argon2id at OWASP cost by default, never stored in plain text', async (t) => {
  t.same(PRODUCTION_COST, { memoryKiB: 19456, timeCost: 2 })
  const hash = await hashPassword('secreto1')
  t.match(hash, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/)
  t.notMatch(hash, /secreto1/)
  const cheap = await hashPassword('cañón-1'.normalize('NFC'), MINIMUM_COST)
  t.match(cheap, /m=1024,p=1,t=2/, 'the cost travels with the hash')
  t.ok(await verifyPassword('cañón-1'.normalize('NFD'), cheap), 'the same password typed decomposed')
  t.ok(await verifyPassword('secreto1', hash))
  t.notOk(await verifyPassword('secreto2', hash))
  t.notOk(await verifyPassword('secreto1', 'garbage'))
  t.notOk(await verifyPassword('secreto1', '$argon2id$v=19$m=garbage'))
  t.notOk(await verifyPassword('secreto1', 'scrypt$1$2$3'))

  const { store, users } = setup(t)
  const { userId } = await users.crear(
    { email: 'p@example.com', nombre: 'Pepa', password: 'muy-secreto', rol: 'MESA' },
    admin,
    { mustChangePassword: true },
  )
  const raw = JSON.stringify(await store.readAll(), (_key, value) =>
    typeof value === 'bigint' ? String(value) : value,
  )
  t.notMatch(raw, /muy-secreto/, 'no plaintext password in any event')
  await rejectsDomain(t, users.cambiarPassword(userId, 'equivocada', 'nueva-clave', admin), 'unprocessable', {
    campo: 'passwordActual',
  })
  const changed = await users.cambiarPassword(userId, 'muy-secreto', 'nueva-clave', admin)
  t.match(changed.state, { mustChangePassword: false })
  t.equal((await store.readStream(userStream(userId))).length, 2)
})

t.test('agent snapshot comes from the user stream', async (t) => {
  const { tickets, users } = setup(t)
  const { userId } = await users.crear(
    { email: 'a@example.com', nombre: 'Agente', password: 'secreto1', rol: 'AREA', area: 'sistemas' },
    admin,
    { mustChangePassword: false },
  )
  t.same(await tickets.agentSnapshot(userId), {
    id: userId,
    nombre: 'Agente',
    rol: 'AREA',
    area: 'SISTEMAS',
    activo: true,
  })
  t.equal(await tickets.agentSnapshot('no-existe'), null)
})

t.test('ids derived from a key are stable UUIDs', async (t) => {
  t.equal(uuidFromName('a', 'b'), uuidFromName('a', 'b'))
  t.not(uuidFromName('a', 'b'), uuidFromName('a', 'c'))
  t.match(uuidFromName('x'), /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
})

t.test('the folded-state cache still sees events other writers appended', async (t) => {
  const { store, tickets } = setup(t)
  const { ticketId } = await tickets.crear(newTicket, admin)
  await tickets.ejecutar(ticketId, 'pausar', { motivo: 'Pausa' }, mesa, admin)
  // Another instance resumes the ticket: this instance's cache does not know.
  const metadata = { actor: admin.actor, occurredAt: new Date().toISOString(), schemaVersion: 1 }
  await store.append(
    ticketStream(ticketId),
    [
      {
        id: randomUUID(),
        type: 'TicketReanudado',
        data: { estado: { antes: 'PAUSADO', despues: 'ABIERTO' }, motivo: 'otra instancia' },
        metadata,
      },
    ],
    { expectedRevision: 1n },
  )
  const paused = await tickets.ejecutar(ticketId, 'pausar', { motivo: 'Otra pausa' }, mesa, admin)
  t.match(paused.state, { estado: 'PAUSADO', estadoAntesDePausa: 'ABIERTO' }, 'decided on the resumed ticket')
  t.equal(paused.nextRevision, 3n)
})
