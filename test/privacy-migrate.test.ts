import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { verifyLog } from '../src/audit/digest.ts'
import { SqliteEventStore } from '../src/eventstore/sqlite.ts'
import { ERASED } from '../src/privacy/seal.ts'
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, testApp } from './support/app.ts'
import { adminContext, solicitud, world } from './support/world.ts'

const run = promisify(execFile)
const cli = join(import.meta.dirname, '..', 'src', 'cli.ts')

t.test('migrate-pii seals a plaintext log into a new one: same events, same order, erasable', async (t) => {
  // A log as an earlier version wrote it: the command services on the bare store, no sealing.
  const w = world(t)
  await w.users.crear(
    { email: ADMIN_EMAIL, nombre: 'Ana Admin', password: ADMIN_PASSWORD, rol: 'ADMIN', area: null },
    adminContext,
    { mustChangePassword: false },
  )
  const agentId = await w.agent('MESA')
  const ids: string[] = []
  for (let n = 1; n <= 3; n++) {
    const created = await w.tickets.crear(
      {
        ...solicitud(n),
        solicitante: {
          nombre: `Persona Antigua ${n}`,
          email: `antigua${n}@example.com`,
          telefono: '+57 300 000 000' + n,
        },
      },
      adminContext,
    )
    ids.push(created.ticketId)
  }
  await w.tickets.ejecutar(
    ids[0]!,
    'asignar',
    { agenteId: agentId, motivo: 'Turno' },
    { rol: 'ADMIN', area: null },
    adminContext,
  )
  const before = await w.store.readAll()
  await w.store.close()
  const plaintext = readFileSync(join(w.dir, 'events.db'))
  t.ok(plaintext.includes(Buffer.from('antigua1@example.com')), 'the old log holds plaintext')

  const target = join(w.dir, 'sealed.db')
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', cli, 'audit', 'migrate-pii', '--to', target],
    {
      env: { ...process.env, DATA_DIR: w.dir, ADMIN_EMAIL, ADMIN_PASSWORD, LOG_LEVEL: 'silent' },
    },
  )
  t.match(stdout, new RegExp(`copied ${before.length} events`))
  t.match(stdout, /sealed \d+ values/)

  const sealed = new SqliteEventStore(target)
  const after = await sealed.readAll()
  t.same(
    after.map((event) => [event.id, event.stream, event.revision, event.type]),
    before.map((event) => [event.id, event.stream, event.revision, event.type]),
    'ids, streams, revisions and order kept',
  )
  t.same((await verifyLog(sealed)).breaks, [], 'every stream chained anew over the sealed form')
  await sealed.close()
  const bytes = readFileSync(target)
  for (const value of [
    'antigua1@example.com',
    'Persona Antigua 2',
    '+57 300 000 0003',
    'Ana Admin',
    'ag@example.com',
  ])
    t.notOk(bytes.includes(Buffer.from(value)), `no "${value}" in the new log`)

  // The service on the new log (its key store, filled by migrate-pii, is beside it) reads it as
  // before, with read models of its own built from the sealed log.
  const h = await testApp(t, {}, new SqliteEventStore(target))
  const ticket = (await h.inject({ url: `/api/tickets/${ids[0]}`, headers: bearer(h.adminToken) })).json()
  t.equal(ticket.solicitante.email, 'antigua1@example.com')
  t.equal(ticket.agente.nombre, 'Agente')
  const erased = await h.inject({
    method: 'POST',
    url: '/api/privacidad/borrar',
    headers: bearer(h.adminToken),
    payload: { email: 'antigua1@example.com', motivo: 'Supresión' },
  })
  t.same(erased.json(), { borrado: true, sujeto: 'SOLICITANTE', tickets: 1 })
  const now = (await h.inject({ url: `/api/tickets/${ids[0]}`, headers: bearer(h.adminToken) })).json()
  t.equal(now.solicitante.nombre, ERASED)

  const refused = await run(process.execPath, ['--import', 'tsx', cli, 'audit', 'migrate-pii'], {
    env: { ...process.env, DATA_DIR: w.dir, LOG_LEVEL: 'silent' },
  }).catch((error: { code: number; stderr: string }) => error)
  t.equal((refused as { code: number }).code, 2, 'without --to: usage, exit 2')
})
