import { join } from 'node:path'
import Database from 'better-sqlite3'
import t from 'tap'
import type { Caller } from '../src/domain/roles.ts'
import { SqliteEventStore } from '../src/eventstore/sqlite.ts'
import { openReadModel } from '../src/projections/database.ts'
import type { Projector } from '../src/projections/projector.ts'
import { ticketsProjector } from '../src/projections/tickets/projector.ts'
import { usersProjector } from '../src/projections/users/projector.ts'
import { ReadModels } from '../src/projections/read-models.ts'
import { rebuildReadModels } from '../src/projections/rebuild.ts'
import { ProjectionRunner } from '../src/projections/runner.ts'
import { adminContext, solicitud, world } from './support/world.ts'

const mesa: Caller = { rol: 'MESA', area: null }
const ALL = { area: null }

t.test('tickets projector: one check per event type', async (t) => {
  const w = world(t)
  const agent = await w.users.crear(
    { email: 'agente@example.com', nombre: 'Agente Uno', password: 'secreto1', rol: 'MESA' },
    adminContext,
    { mustChangePassword: false },
  )
  const sis = await w.users.crear(
    {
      email: 'sis@example.com',
      nombre: 'Sara Sistemas',
      password: 'secreto1',
      rol: 'AREA',
      area: 'SISTEMAS',
    },
    adminContext,
    { mustChangePassword: false },
  )
  const { ticketId, state } = await w.tickets.crear(
    solicitud(1, { categoria: 'Correo', prioridad: 'alta' }),
    adminContext,
  )
  const op = async (operation: string, body: Record<string, unknown>) => {
    const result = await w.tickets.ejecutar(ticketId, operation as never, body as never, mesa, adminContext)
    await w.readModels.runner.waitFor(result.position)
    return w.ticketQueries.ticket(ticketId, ALL)!
  }
  await w.settle()
  // TicketCreado
  let row = w.ticketQueries.ticket(ticketId, ALL)!
  t.match(row, {
    codigo: state.exists && state.codigo,
    estado: 'ABIERTO',
    prioridad: 'ALTA',
    categoria: 'Correo',
    area: 'MESA',
    agente: null,
    revision: 0,
  })
  t.match(row.solicitante, { nombre: 'Persona 1', email: 'persona1@example.com' })
  t.same(w.ticketQueries.dashboard({ limit: 10 }, ALL).resumen, { ABIERTO: 1 })
  // TicketAsignado
  row = await op('asignar', { agenteId: agent.userId, motivo: 'Especialista' })
  t.match(row, {
    estado: 'ASIGNADO',
    agenteId: agent.userId,
    agente: { nombre: 'Agente Uno', rol: 'MESA' },
    motivos: { asignar: 'Especialista' },
    revision: 1,
  })
  // TicketActualizado (with a response)
  row = await op('actualizar', {
    estado: 'EN_PROCESO',
    prioridad: 'CRITICA',
    area: 'MESA',
    respuesta: 'Estamos en ello',
  })
  t.match(row, { estado: 'EN_PROCESO', prioridad: 'CRITICA' })
  t.ok(row.primeraRespuestaEn, 'first response time set')
  t.match(row.respuestas, [{ respuesta: 'Estamos en ello', autor: { nombre: 'Ana Admin' } }])
  // TicketTransferido
  row = await op('transferir', { nuevaArea: 'SISTEMAS', agenteId: sis.userId, motivo: 'Servidor' })
  t.match(row, {
    area: 'SISTEMAS',
    agenteId: sis.userId,
    estado: 'ASIGNADO',
    transferencias: 1,
    motivos: { transferir: 'Servidor' },
  })
  // TicketReclasificado
  row = await op('reclasificar', { nuevaPrioridad: 'BAJA', nuevaCategoria: 'Red', motivo: 'Menor impacto' })
  t.match(row, { prioridad: 'BAJA', categoria: 'Red', motivos: { reclasificar: 'Menor impacto' } })
  // TicketPausado
  row = await op('pausar', { motivo: 'Esperando proveedor' })
  t.match(row, {
    estado: 'PAUSADO',
    estadoAntesDePausa: 'ASIGNADO',
    motivos: { pausar: 'Esperando proveedor' },
  })
  // TicketReanudado
  row = await op('reabrir', { motivo: 'Proveedor respondió' })
  t.match(row, { estado: 'ASIGNADO', estadoAntesDePausa: null, reaperturas: 0 })
  row = await op('actualizar', {
    estado: 'RESUELTO',
    prioridad: 'BAJA',
    area: 'SISTEMAS',
    respuesta: 'Resuelto, reinicie',
  })
  t.ok(row.resueltoEn)
  t.equal(row.respuestas.length, 2, 'responses in order')
  // TicketReabierto
  row = await op('reabrir', { motivo: 'Volvió a fallar' })
  t.match(row, { estado: 'EN_PROCESO', reaperturas: 1 })
  row = await op('actualizar', {
    estado: 'RESUELTO',
    prioridad: 'BAJA',
    area: 'SISTEMAS',
    respuesta: 'Ahora sí',
  })
  row = await op('actualizar', {
    estado: 'CERRADO',
    prioridad: 'BAJA',
    area: 'SISTEMAS',
    respuesta: 'Cerramos',
  })
  t.ok(row.cerradoEn)
  // TicketArchivado
  row = await op('archivar', { motivo: 'Fin' })
  t.match(row, { estado: 'ARCHIVADO', motivos: { archivar: 'Fin' } })
  t.ok(row.archivadoEn)
  t.same(
    w.ticketQueries.dashboard({ limit: 10 }, ALL).items,
    [],
    'archived tickets leave the active dashboard',
  )
  t.equal(w.ticketQueries.dashboard({ limit: 10, incluirArchivados: true }, ALL).items.length, 1)
  // TicketCancelado (second ticket)
  const second = await w.tickets.crear(solicitud(2), adminContext)
  const cancelled = await w.tickets.ejecutar(
    second.ticketId,
    'cancelar',
    { motivo: 'Duplicado', rol: 'USUARIO' },
    mesa,
    adminContext,
  )
  await w.readModels.runner.waitFor(cancelled.position)
  t.match(w.ticketQueries.ticket(second.ticketId, ALL), {
    estado: 'CANCELADO',
    canceladoPor: 'USUARIO',
    motivos: { cancelar: 'Duplicado' },
  })
  t.same(w.ticketQueries.dashboard({ limit: 10, incluirArchivados: true }, ALL).resumen, {
    ARCHIVADO: 1,
    CANCELADO: 1,
  })
})

t.test('users projector: one check per event type', async (t) => {
  const w = world(t)
  const { userId } = await w.users.crear(
    {
      email: 'Ana@Example.com',
      nombre: 'Ana',
      password: 'secreto1',
      rol: 'AREA',
      area: 'rrhh',
      telefono: '555',
    },
    adminContext,
    { mustChangePassword: true },
  )
  await w.settle()
  t.match(w.userQueries.user(userId), {
    user_id: userId,
    email: 'ana@example.com',
    rol: 'AREA',
    area: 'RRHH',
    telefono: '555',
    is_active: true,
    must_change_password: true,
  })
  t.notOk('password_hash' in w.userQueries.user(userId)!, 'the public record has no hash')
  t.match(w.userQueries.credentialsByEmail('ANA@example.com '), { user_id: userId, token_version: 0 })
  t.match(w.userQueries.credentialsByEmail('ana@example.com')!.password_hash, /^\$argon2id\$/)
  await w.users.actualizar(userId, { nombre: 'Ana María', rol: 'MESA' }, adminContext)
  await w.settle()
  t.match(w.userQueries.credentialsById(userId), { nombre: 'Ana María', rol: 'MESA', token_version: 1 })
  const oldHash = w.userQueries.credentialsById(userId)!.password_hash
  await w.users.actualizar(userId, { password: 'otra-clave' }, adminContext)
  await w.settle()
  t.not(w.userQueries.credentialsById(userId)!.password_hash, oldHash, 'UsuarioPasswordCambiado')
  t.match(w.userQueries.credentialsById(userId), { must_change_password: true, token_version: 2 })
  await w.users.actualizar(userId, { is_active: false }, adminContext)
  await w.settle()
  t.match(w.userQueries.credentialsById(userId), { is_active: false, token_version: 3 })
  t.same(
    w.userQueries.users({ is_active: false }).map((user) => user.user_id),
    [userId],
  )
  await w.users.actualizar(userId, { is_active: true }, adminContext)
  await w.settle()
  t.match(w.userQueries.user(userId), { is_active: true })
  await w.users.eliminar(userId, adminContext)
  await w.settle()
  t.equal(w.userQueries.user(userId), null, 'UsuarioEliminado removes the row')
})

t.test('user list filters and the admin count', async (t) => {
  const w = world(t)
  for (const [i, rol, area] of [
    [1, 'ADMIN', null],
    [2, 'MESA', null],
    [3, 'AREA', 'SISTEMAS'],
    [4, 'AREA', 'RRHH'],
    [5, 'USUARIO', null],
  ] as const) {
    await w.users.crear(
      { email: `u${i}@example.com`, nombre: `Usuario ${i}`, password: 'secreto1', rol, area },
      adminContext,
      { mustChangePassword: false },
    )
  }
  await w.settle()
  t.equal(w.userQueries.users().length, 5)
  t.equal(w.userQueries.users({ rol: 'AREA' }).length, 2)
  t.same(
    w.userQueries.users({ rol: 'AREA', area: 'RRHH' }).map((user) => user.email),
    ['u4@example.com'],
  )
  t.equal(w.userQueries.users({ is_active: true }).length, 5)
  const admin = w.userQueries.credentialsByEmail('u1@example.com')!
  t.equal(w.userQueries.countOtherActiveAdmins(admin.user_id), 0)
  t.equal(w.userQueries.countOtherActiveAdmins('someone-else'), 1)
})

t.test('public lookup: codigo + email; wrong code and wrong email are the same null', async (t) => {
  const w = world(t)
  const { state } = await w.tickets.crear(solicitud(7), adminContext)
  await w.settle()
  const codigo = state.exists ? state.codigo : ''
  t.match(w.ticketQueries.publicLookup(codigo, ' PERSONA7@example.com'), {
    codigo,
    estado: 'ABIERTO',
    asunto: 'Asunto 7',
    respuestas: [],
  })
  t.match(
    w.ticketQueries.publicLookup(codigo.toLowerCase(), 'persona7@example.com'),
    { codigo },
    'code is case-insensitive',
  )
  t.equal(w.ticketQueries.publicLookup(codigo, 'otra@example.com'), null)
  t.equal(w.ticketQueries.publicLookup('TK-000000', 'persona7@example.com'), null)
  const raw = w.readModels.db.prepare('SELECT * FROM consulta_publica').all()
  t.notMatch(JSON.stringify(raw), /persona7/, 'the lookup table holds no email')
})

t.test('restart mid-stream: no gap, no double-apply', async (t) => {
  const w = world(t)
  for (let i = 0; i < 30; i++) await w.tickets.crear(solicitud(i), adminContext)
  await w.settle()
  await w.readModels.close()
  // While the read models are down, more commands land in the log.
  const ids: string[] = []
  for (let i = 30; i < 60; i++) ids.push((await w.tickets.crear(solicitud(i), adminContext)).ticketId)
  for (const id of ids.slice(0, 10)) {
    await w.tickets.ejecutar(
      id,
      'actualizar',
      { estado: 'EN_PROCESO', prioridad: 'ALTA', area: 'MESA', respuesta: 'Una respuesta' },
      mesa,
      adminContext,
    )
  }
  const reopened = new ReadModels(w.store, join(w.dir, 'readmodels.db'))
  reopened.start()
  const all = await w.store.readAll()
  t.ok(await reopened.runner.waitFor(all[all.length - 1]!.position))
  const page = reopened.tickets.dashboard({ limit: 200 }, ALL)
  t.equal(page.total, 60)
  t.same(page.resumen, { ABIERTO: 50, EN_PROCESO: 10 })
  t.equal(
    reopened.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM ticket_respuestas').get()!.n,
    10,
    'each response once',
  )
  await reopened.close()
})

t.test('a batch that fails half-way leaves no trace; the retry applies it exactly once', async (t) => {
  const w = world(t)
  await w.readModels.close()
  for (let i = 0; i < 20; i++) await w.tickets.crear(solicitud(i), adminContext)
  const path = join(w.dir, 'crashy.db')
  const db = openReadModel(path)
  let failOn = 15
  let applied = 0
  // A projector that fails on the 15th event, as a crash in the middle of a batch would.
  const failing: Projector = {
    name: 'failing',
    apply() {
      if (++applied === failOn) throw new Error('boom')
    },
  }
  const runner = new ProjectionRunner(w.store, db, [ticketsProjector(db), usersProjector(db), failing])
  const events = await w.store.readAll()
  t.throws(() => runner.apply(events), /boom/)
  t.equal(
    db.prepare<[], { n: number }>('SELECT count(*) AS n FROM tickets').get()!.n,
    0,
    'nothing of the failed batch stays',
  )
  t.equal(
    db.prepare<[], { n: number }>('SELECT count(*) AS n FROM checkpoints').get()!.n,
    0,
    'and the checkpoint did not move',
  )
  failOn = -1
  runner.apply(events)
  runner.apply(events) // delivered again: skipped by the checkpoint
  t.equal(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM tickets').get()!.n, 20)
  t.equal(db.prepare<[], { n: number }>('SELECT sum(n) AS n FROM conteo_estados').get()!.n, 20)
  db.close()
})

t.test('rebuild gives a database equal, table by table, to the live one', async (t) => {
  const w = world(t)
  const agentId = await w.agent('AREA', 'SISTEMAS')
  for (let i = 0; i < 40; i++) {
    const { ticketId } = await w.tickets.crear(
      solicitud(i, {
        area: i % 2 ? 'SISTEMAS' : 'MESA',
        prioridad: ['BAJA', 'MEDIA', 'ALTA', 'CRITICA'][i % 4],
      }),
      adminContext,
    )
    if (i % 2)
      await w.tickets.ejecutar(ticketId, 'asignar', { agenteId: agentId, motivo: 'x' }, mesa, adminContext)
    if (i % 4 === 1)
      await w.tickets.ejecutar(
        ticketId,
        'actualizar',
        { estado: 'EN_PROCESO', prioridad: 'ALTA', area: 'SISTEMAS', respuesta: `Respuesta ${i}` },
        mesa,
        adminContext,
      )
    if (i % 3 === 0) await w.tickets.ejecutar(ticketId, 'pausar', { motivo: 'x' }, mesa, adminContext)
    if (i % 5 === 0)
      await w.tickets.ejecutar(ticketId, 'cancelar', { motivo: 'x', rol: 'AGENTE' }, mesa, adminContext)
  }
  await w.users.actualizar(agentId, { nombre: 'Agente Dos' }, adminContext)
  await w.settle()
  const rebuiltPath = join(w.dir, 'rebuilt.db')
  const report = await rebuildReadModels(w.store, rebuiltPath, { batchSize: 17 })
  t.equal(report.events, (await w.store.readAll()).length)
  const rebuilt = new Database(rebuiltPath, { readonly: true })
  for (const table of [
    'tickets',
    'ticket_respuestas',
    'consulta_publica',
    'conteo_estados',
    'users',
    'tickets_busqueda',
  ]) {
    const order = table === 'tickets_busqueda' ? 'ticket_id' : table === 'conteo_estados' ? '1, 2, 3' : '1, 2'
    const live = w.readModels.db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all()
    const fresh = rebuilt.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all()
    t.ok(live.length > 0, `${table} is not empty`)
    t.same(fresh, live, `${table} equal`)
  }
  t.same(
    rebuilt.prepare('SELECT projector, position FROM checkpoints ORDER BY projector').all(),
    w.readModels.db.prepare('SELECT projector, position FROM checkpoints ORDER BY projector').all(),
  )
  // The rebuild drops the secondary indexes while it replays and creates them at the end.
  const indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
  const rebuiltIndexes = rebuilt.prepare(indexes).all()
  t.same(rebuiltIndexes, w.readModels.db.prepare(indexes).all(), 'the same indexes as the live read model')
  t.ok(rebuiltIndexes.length > 15, `${rebuiltIndexes.length} indexes`)
  t.equal(rebuilt.pragma('integrity_check', { simple: true }), 'ok')
  rebuilt.close()
})

t.test('rebuild swaps the file in atomically over an existing one', async (t) => {
  const w = world(t)
  await w.tickets.crear(solicitud(1), adminContext)
  await w.settle()
  await w.readModels.close()
  const path = join(w.dir, 'readmodels.db')
  await rebuildReadModels(w.store, path)
  const reopened = new ReadModels(w.store, path)
  t.equal(reopened.tickets.dashboard({ limit: 10 }, ALL).total, 1)
  await reopened.close()
})

t.test('npm run rebuild (the CLI) replays the log of DATA_DIR into a fresh read model', async (t) => {
  const { spawnSync } = await import('node:child_process')
  const w = world(t)
  for (let i = 0; i < 5; i++) await w.tickets.crear(solicitud(i), adminContext)
  await w.settle()
  await w.readModels.close()
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '..', 'src', 'cli.ts'), 'rebuild'],
    {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: w.dir },
    },
  )
  t.equal(result.status, 0, result.stderr)
  t.match(result.stdout, /rebuilt: 10 events in [\d.]+ s/)
  const reopened = new ReadModels(w.store, join(w.dir, 'readmodels.db'))
  t.equal(reopened.tickets.dashboard({ limit: 10 }, ALL).total, 5)
  await reopened.close()
})
