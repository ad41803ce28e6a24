import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import Database from 'better-sqlite3'
import t, { type Test } from 'tap'
import { verifyLog } from '../src/audit/digest.ts'
import { EsdbEventStore } from '../src/eventstore/esdb.ts'
import { buildApp } from '../src/http/app.ts'
import { ERASED } from '../src/privacy/seal.ts'
import { rebuildReadModels } from '../src/projections/rebuild.ts'
import { ADMIN_EMAIL, ADMIN_PASSWORD, adminTokenOf, bearer, testApp, testConfig } from './support/app.ts'
import { EsdbDouble } from './support/esdb-double.ts'
import { tempDir } from './support/temp.ts'

// Values no other test writes, so finding any of their bytes in a file means a leak.
const NOMBRE = 'Eulalia Zambrano-Quiroga'
const EMAIL = 'eulalia.zq@correo-ejemplo.co'
const TELEFONO = '+57 311 987 6543'

const REQUESTER = { nombre: NOMBRE, email: EMAIL, telefono: TELEFONO }

const erase = (
  h: Awaited<ReturnType<typeof testApp>>,
  payload: Record<string, unknown>,
  token = h.adminToken,
) => h.inject({ method: 'POST', url: '/api/privacidad/borrar', headers: bearer(token), payload })

/** Every file of the data directory (and the captured log), as bytes, searched for `needle`. */
function filesContaining(paths: string[], needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8')
  return paths.filter((path) => existsSync(path) && readFileSync(path).includes(bytes))
}

const dataFiles = (dir: string) =>
  ['events.db', 'events.db-wal', 'readmodels.db', 'readmodels.db-wal', 'claves.db', 'claves.db-journal'].map(
    (name) => join(dir, name),
  )

/** The app on a temp dir with its log captured (level debug), for the "nothing in the logs" check. */
async function loggedApp(t: Test) {
  const dir = tempDir(t)
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    },
  })
  const app = await buildApp({ config: testConfig(dir), logger: { level: 'debug', stream } })
  t.teardown(() => app.close())
  return { app, dir, log: () => lines.join('') }
}

t.test('personal data is sealed in the log and open in every answer', async (t) => {
  const h = await testApp(t)
  const { id, codigo } = await h.ticket(REQUESTER)
  const ticket = (await h.inject({ url: `/api/tickets/${id}`, headers: bearer(h.adminToken) })).json()
  t.same(ticket.solicitante, REQUESTER, 'the API shows the requester as given')
  const historial = (
    await h.inject({ url: `/api/tickets/${id}/historial`, headers: bearer(h.adminToken) })
  ).json()
  t.equal(historial[0].datos.solicitante.email, EMAIL, 'historial opens it too')
  t.equal(historial[0].actor.nombre, NOMBRE, 'the anonymous actor is the requester')
  const lookup = await h.inject({
    method: 'POST',
    url: '/api/tickets/consultar',
    payload: { codigo, email: EMAIL },
  })
  t.equal(lookup.statusCode, 200)

  const [stored] = await h.app.store.log.readStream(`ticket-${id}`)
  const data = stored!.data as { solicitante: Record<string, string> }
  for (const field of ['nombre', 'email', 'telefono'])
    t.match(data.solicitante[field], /^pii:1:[0-9a-f-]{36}:/, `${field} is sealed in the log`)
  t.match(stored!.metadata.actor.nombre, /^pii:1:/, 'and so is the actor name')
  for (const value of [NOMBRE, EMAIL, TELEFONO])
    t.same(
      filesContaining([join(h.dir, 'events.db'), join(h.dir, 'events.db-wal')], value),
      [],
      `${value} not in the log`,
    )
  t.same((await verifyLog(h.app.store.log)).breaks, [], 'the chain covers the sealed form')
})

t.test(
  'erasing a requester: every ticket of theirs, nothing left in any file, the audit intact',
  async (t) => {
    const { app, dir, log } = await loggedApp(t)
    const inject = app.inject.bind(app)
    const token = await adminTokenOf(app)
    const crear = async (payload: Record<string, unknown>) =>
      (
        await inject({
          method: 'POST',
          url: '/api/tickets/crear',
          payload: { asunto: 'La impresora no imprime', descripcion: 'Sale la hoja en blanco', ...payload },
        })
      ).json() as { id: string; codigo: string }
    const first = await crear(REQUESTER)
    const second = await crear({ nombre: NOMBRE, email: EMAIL.toUpperCase() })
    const other = await crear({ nombre: 'Otra Persona', email: 'otra@example.com' })
    await inject({
      method: 'POST',
      url: `/api/tickets/${first.id}/actualizar`,
      headers: bearer(token),
      payload: {
        estado: 'EN_PROCESO',
        prioridad: 'ALTA',
        area: 'MESA',
        respuesta: 'Revisamos la impresora hoy mismo',
      },
    })

    const search = async () =>
      (await inject({ url: '/api/tickets/dashboard?q=Zambrano', headers: bearer(token) })).json().total
    t.equal(await search(), 2, 'the search finds the requester by name')
    const erased = await inject({
      method: 'POST',
      url: '/api/privacidad/borrar',
      headers: bearer(token),
      payload: { email: EMAIL, motivo: 'Solicitud de supresión (Ley 1581)' },
    })
    t.equal(await search(), 0, 'and no longer once erased')
    t.equal(erased.statusCode, 200, erased.body)
    t.same(erased.json(), { borrado: true, sujeto: 'SOLICITANTE', tickets: 2 })

    for (const { id } of [first, second]) {
      const ticket = (await inject({ url: `/api/tickets/${id}`, headers: bearer(token) })).json()
      t.same(
        [ticket.solicitante.nombre, ticket.solicitante.email],
        [ERASED, ERASED],
        'the read model shows [dato eliminado]',
      )
      t.equal(ticket.asunto, 'La impresora no imprime', 'the ticket itself stays')
    }
    const kept = (await inject({ url: `/api/tickets/${other.id}`, headers: bearer(token) })).json()
    t.equal(kept.solicitante.email, 'otra@example.com', "another requester's ticket is untouched")
    const detail = (await inject({ url: `/api/tickets/${first.id}`, headers: bearer(token) })).json()
    t.equal(detail.estado, 'EN_PROCESO', 'states and responses stay for the audit')

    // The public lookup cannot match any more: the same answer as a wrong code.
    const lookup = await inject({
      method: 'POST',
      url: '/api/tickets/consultar',
      payload: { codigo: first.codigo, email: EMAIL },
    })
    const wrong = await inject({
      method: 'POST',
      url: '/api/tickets/consultar',
      payload: { codigo: 'TCK-NO-EXISTE', email: EMAIL },
    })
    t.equal(lookup.statusCode, 404)
    t.same([lookup.statusCode, lookup.json()], [wrong.statusCode, wrong.json()])

    const historial = (
      await inject({ url: `/api/tickets/${first.id}/historial`, headers: bearer(token) })
    ).json()
    t.same(historial[0].datos.solicitante, { nombre: ERASED, email: ERASED, telefono: ERASED })
    t.equal(historial[0].actor.nombre, ERASED)
    t.ok(
      historial.every(
        (entry: { verificacion: { estado: string } }) => entry.verificacion.estado === 'intacta',
      ),
      'the chain still holds in historial',
    )
    t.same((await verifyLog(app.store.log)).breaks, [], 'verify still passes')
    const recorded = (await app.store.log.readAll()).filter(
      (event) => event.type === 'DatosPersonalesBorrados',
    )
    t.equal(recorded.length, 1, 'one DatosPersonalesBorrados')
    t.same((recorded[0]!.data as { tickets: string[] }).tickets.sort(), [first.id, second.id].sort())
    t.notOk(
      JSON.stringify([recorded[0]!.data, recorded[0]!.metadata]).includes(EMAIL),
      'the record names no one',
    )

    // Rebuilt from the log (which can no longer open the data), the read models equal the live ones.
    const rebuiltPath = join(dir, 'rebuilt.db')
    await rebuildReadModels(app.store, rebuiltPath)
    const rebuilt = new Database(rebuiltPath, { readonly: true })
    for (const [table, order] of [
      ['tickets', 'id'],
      ['ticket_respuestas', 'ticket_id, n'],
      ['consulta_publica', 'codigo'],
      ['users', 'id'],
      ['tickets_busqueda', 'ticket_id'],
    ] as const) {
      t.same(
        rebuilt.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all(),
        app.readModels.db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all(),
        `rebuilt ${table} equals live`,
      )
    }
    rebuilt.close()

    // Erasing twice: nothing more to do, nothing appended.
    const events = (await app.store.log.readAll()).length
    const again = await inject({
      method: 'POST',
      url: '/api/privacidad/borrar',
      headers: bearer(token),
      payload: { email: EMAIL, motivo: 'Otra vez' },
    })
    t.equal(again.statusCode, 200)
    t.same(again.json(), { borrado: false, sujeto: 'SOLICITANTE', tickets: 0 })
    t.equal((await app.store.log.readAll()).length, events)

    await app.close()
    for (const value of [NOMBRE, EMAIL, EMAIL.toUpperCase(), TELEFONO]) {
      t.same(
        filesContaining(dataFiles(dir), value),
        [],
        `no "${value}" in events.db, readmodels.db or claves.db`,
      )
      t.notOk(log().includes(value), `no "${value}" in the logs`)
    }
    t.ok(log().length > 0, 'the log was captured')
  },
)

t.test('erasing an account: deleted by the rules of DELETE, its name gone from every event', async (t) => {
  const h = await testApp(t)
  const mesa = await h.user('MESA', null, 'Teodoro Villalba-Ruiz')
  const { id } = await h.ticket()
  t.equal(
    (await h.op(h.adminToken, id, 'asignar', { agenteId: mesa.id, motivo: 'Turno de mañana' })).statusCode,
    200,
  )
  t.equal(
    (
      await h.op(mesa.token, id, 'actualizar', {
        estado: 'EN_PROCESO',
        prioridad: 'ALTA',
        area: 'MESA',
        respuesta: 'Lo estoy revisando',
      })
    ).statusCode,
    200,
  )
  const keyRow = new Database(join(h.dir, 'claves.db'), { readonly: true })
    .prepare('SELECT clave FROM claves')
    .all() as Array<{ clave: Buffer }>
  t.ok(keyRow.length >= 2, 'keys exist before')

  const erased = await erase(h, { user_id: mesa.id, motivo: 'Baja del empleado' })
  t.equal(erased.statusCode, 200, erased.body)
  t.same(erased.json(), { borrado: true, sujeto: 'USUARIO', tickets: 0 })
  t.equal(
    (await h.inject({ url: `/api/auth/users/${mesa.id}`, headers: bearer(h.adminToken) })).statusCode,
    404,
  )
  t.equal(
    (
      await h.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: mesa.email, password: 'definitiva1' },
      })
    ).statusCode,
    401,
  )

  const ticket = (await h.inject({ url: `/api/tickets/${id}`, headers: bearer(h.adminToken) })).json()
  t.equal(ticket.agente.nombre, ERASED, 'the assignee reads [dato eliminado]')
  t.equal(ticket.estado, 'EN_PROCESO')
  const historial = (
    await h.inject({ url: `/api/tickets/${id}/historial`, headers: bearer(h.adminToken) })
  ).json()
  const byMesa = historial.filter((entry: { actor: { id: string } }) => entry.actor.id === mesa.id)
  t.ok(byMesa.length > 0)
  t.ok(byMesa.every((entry: { actor: { nombre: string } }) => entry.actor.nombre === ERASED))
  t.same((await verifyLog(h.app.store.log)).breaks, [])
  await h.app.close()
  t.same(filesContaining(dataFiles(h.dir), 'Teodoro Villalba-Ruiz'), [])
  t.same(filesContaining(dataFiles(h.dir), mesa.email), [])
  const after = new Database(join(h.dir, 'claves.db'), { readonly: true })
  const remaining = (after.prepare('SELECT clave FROM claves').all() as Array<{ clave: Buffer }>).map((row) =>
    row.clave.toString('hex'),
  )
  after.close()
  t.equal(remaining.length, keyRow.length - 1, 'exactly one key destroyed')
  const destroyed = keyRow.map((row) => row.clave.toString('hex')).filter((hex) => !remaining.includes(hex))
  t.notOk(
    readFileSync(join(h.dir, 'claves.db')).includes(Buffer.from(destroyed[0]!, 'hex')),
    "the key's bytes are gone from claves.db",
  )
})

t.test('erasure: the last active ADMIN, unknown users, bad bodies, other roles', async (t) => {
  const h = await testApp(t)
  const users = (await h.inject({ url: '/api/auth/users', headers: bearer(h.adminToken) })).json()
  const admin = users.find((user: { email: string }) => user.email === ADMIN_EMAIL)
  const refused = await erase(h, { user_id: admin.user_id, motivo: 'Intento' })
  t.equal(refused.statusCode, 409, refused.body)
  t.match(refused.headers['content-type'], /problem\+json/)
  t.equal(await h.login(ADMIN_EMAIL, ADMIN_PASSWORD).then(() => 'sigue'), 'sigue', 'the admin is still there')
  t.ok(
    (await h.app.store.log.readAll()).every((event) => event.type !== 'DatosPersonalesBorrados'),
    'nothing recorded',
  )

  const unknown = await erase(h, { user_id: 'no-existe', motivo: 'Intento' })
  t.equal(unknown.statusCode, 404)
  for (const payload of [
    {},
    { motivo: 'Sin sujeto' },
    { email: 'no-es-un-correo', motivo: 'Mal' },
    { email: EMAIL, user_id: 'x', motivo: 'Los dos' },
    { email: EMAIL, motivo: '   ' },
    { email: EMAIL },
  ]) {
    const response = await erase(h, payload)
    t.equal(response.statusCode, 400, JSON.stringify(payload))
    t.match(response.headers['content-type'], /problem\+json/)
  }
  const mesa = await h.user('MESA')
  t.equal((await erase(h, { email: EMAIL, motivo: 'Intento' }, mesa.token)).statusCode, 403)
  t.equal(
    (
      await h.inject({
        method: 'POST',
        url: '/api/privacidad/borrar',
        payload: { email: EMAIL, motivo: 'x' },
      })
    ).statusCode,
    401,
  )
})

t.test('sealing and erasure on the EventStoreDB test double', async (t) => {
  const double = new EsdbDouble()
  const url = await double.start()
  t.teardown(() => double.stop())
  const h = await testApp(t, {}, await EsdbEventStore.connect(url, 10_000))
  const { id } = await h.ticket(REQUESTER)
  const [stored] = await h.app.store.log.readStream(`ticket-${id}`)
  t.match((stored!.data as { solicitante: { email: string } }).solicitante.email, /^pii:1:/)
  t.notOk(double.holds(EMAIL), 'no plaintext in the cluster')
  // A second instance on the same cluster opens the data with the same (shared) keys.
  const second = await testApp(t, {}, await EsdbEventStore.connect(url, 10_000))
  await second.app.readModels.runner.waitFor((await second.app.store.log.readAll()).at(-1)!.position, 10_000)
  const seen = (await second.inject({ url: `/api/tickets/${id}`, headers: bearer(second.adminToken) })).json()
  t.equal(seen.solicitante.email, EMAIL, 'the second instance reads it too')
  t.equal((await erase(h, { email: EMAIL, motivo: 'Supresión' })).statusCode, 200)
  const [erasure] = (await h.app.store.log.readAll()).filter(
    (event) => event.type === 'DatosPersonalesBorrados',
  )
  const keyId = (erasure!.data as { claveId: string }).claveId
  t.notOk(double.holds(`$mesa-clave-${keyId}`), 'the key stream is deleted')
  await second.app.readModels.runner.waitFor(erasure!.position, 10_000)
  const afterErasure = (
    await second.inject({ url: `/api/tickets/${id}`, headers: bearer(second.adminToken) })
  ).json()
  t.equal(afterErasure.solicitante.email, ERASED, 'and the second instance shows the erasure')
  const ticket = (await h.inject({ url: `/api/tickets/${id}`, headers: bearer(h.adminToken) })).json()
  t.equal(ticket.solicitante.email, ERASED)
  t.same((await verifyLog(h.app.store.log)).breaks, [])
})
