import type { Test } from 'tap'
import t from 'tap'
import { EsdbEventStore } from '../src/eventstore/esdb.ts'
import type { EventStore } from '../src/eventstore/port.ts'
import { PROBLEM_BASE } from '../src/http/problems.ts'
import { bearer, testApp, type TestApp } from './support/app.ts'
import { EsdbDouble } from './support/esdb-double.ts'

/**
 * Issue 12, defects 3, 4 and 9: an Idempotency-Key replays only the very request it first came
 * with; an anonymous key never hands out someone else's ticket; a rejected request writes nothing.
 * The key cases run on the embedded store and on the EventStoreDB adapter (gRPC double).
 */

const REUSED = `${PROBLEM_BASE}idempotency-key-reutilizada`

const newTicket = {
  asunto: 'No funciona el correo',
  descripcion: 'Desde esta mañana no puedo enviar correos',
  nombre: 'Víctor Víctima',
  email: 'victima@example.com',
}

async function eventCount(h: TestApp): Promise<number> {
  return (await h.app.store.readAll()).length
}

function keyed(key: string, token?: string) {
  return { 'idempotency-key': key, ...(token ? bearer(token) : {}) }
}

function crear(h: TestApp, payload: Record<string, unknown>, headers: Record<string, string> = {}) {
  return h.inject({ method: 'POST', url: '/api/tickets/crear', headers, payload })
}

function keyCases(t: Test, openStore: () => Promise<EventStore | undefined>) {
  t.test(
    'same key, different body on an operation: 422, nothing appended; same body: the first answer',
    async (t) => {
      const h = await testApp(t, {}, await openStore())
      const { id } = await h.ticket()
      const alta = { nuevaPrioridad: 'ALTA', nuevaCategoria: 'Correo', motivo: 'Afecta a todo el equipo' }
      const first = await h.op(h.adminToken, id, 'reclasificar', alta, keyed('K1'))
      t.equal(first.statusCode, 200)
      t.equal(first.json().prioridad, 'ALTA')
      const before = await eventCount(h)

      const baja = await h.op(
        h.adminToken,
        id,
        'reclasificar',
        { ...alta, nuevaPrioridad: 'BAJA' },
        keyed('K1'),
      )
      t.equal(baja.statusCode, 422)
      t.match(baja.headers['content-type'], /^application\/problem\+json/)
      t.equal(baja.json().type, REUSED)
      t.notOk(baja.headers['idempotent-replayed'])
      t.equal(await eventCount(h), before, 'nothing appended')

      // The same request with its fields in another order is the same request.
      const reordered = { motivo: alta.motivo, nuevaCategoria: alta.nuevaCategoria, nuevaPrioridad: 'ALTA' }
      const again = await h.op(h.adminToken, id, 'reclasificar', reordered, keyed('K1'))
      t.equal(again.statusCode, 200)
      t.equal(again.headers['idempotent-replayed'], 'true')
      t.same(again.json(), first.json())
      t.equal(await eventCount(h), before)

      const ticket = await h.inject({
        method: 'GET',
        url: `/api/tickets/${id}`,
        headers: bearer(h.adminToken),
      })
      t.equal(ticket.json().prioridad, 'ALTA', 'the second change was neither applied nor pretended')
    },
  )

  t.test(
    'anonymous crear: a different body with a used key is a ticket of its own, never the first',
    async (t) => {
      const h = await testApp(t, {}, await openStore())
      const victim = await crear(h, newTicket, keyed('form-1'))
      t.equal(victim.statusCode, 201)

      // Someone who knows the victim's email and guesses the key.
      const attacker = await crear(
        h,
        { ...newTicket, asunto: 'Hola', descripcion: 'Curioseando' },
        keyed('form-1'),
      )
      t.equal(attacker.statusCode, 201)
      t.notOk(attacker.headers['idempotent-replayed'])
      t.not(attacker.json().id, victim.json().id, 'another ticket id')
      t.not(attacker.json().codigo, victim.json().codigo, 'another codigo')
      t.equal(attacker.json().asunto, 'Hola', 'its own ticket, not the victim’s')

      // The requester's own retry (same body, any key order) still gets the first answer.
      const reordered = Object.fromEntries(Object.entries(newTicket).reverse())
      const before = await eventCount(h)
      const retry = await crear(h, reordered, keyed('form-1'))
      t.equal(retry.statusCode, 201)
      t.equal(retry.headers['idempotent-replayed'], 'true')
      t.same(retry.json(), victim.json())
      t.equal(await eventCount(h), before, 'a retry appends nothing')
    },
  )

  t.test('crear with an account: the key is the account’s, a different body is 422', async (t) => {
    const h = await testApp(t, {}, await openStore())
    const usuario = await h.user('USUARIO')
    const body = { asunto: 'Impresora', descripcion: 'No imprime' }
    const first = await crear(h, body, keyed('mio-1', usuario.token))
    t.equal(first.statusCode, 201)
    const before = await eventCount(h)
    const other = await crear(
      h,
      { ...body, descripcion: 'Ahora tampoco escanea' },
      keyed('mio-1', usuario.token),
    )
    t.equal(other.statusCode, 422)
    t.equal(other.json().type, REUSED)
    t.equal(await eventCount(h), before, 'nothing appended, no code reserved')
    const retry = await crear(h, body, keyed('mio-1', usuario.token))
    t.equal(retry.statusCode, 201)
    t.equal(retry.headers['idempotent-replayed'], 'true')
    t.equal(retry.json().id, first.json().id)
  })
}

t.test('embedded SQLite store', async (t) => keyCases(t, async () => undefined))

t.test('EventStoreDB adapter (gRPC double)', async (t) => {
  const double = new EsdbDouble()
  const url = await double.start()
  t.teardown(() => double.stop())
  keyCases(t, () => EsdbEventStore.connect(url, 5000))
})

t.test('a key on another ticket, or from another caller, never replays an answer', async (t) => {
  const h = await testApp(t)
  const mesa = await h.user('MESA')
  const a = await h.ticket()
  const b = await h.ticket()
  const pausar = { motivo: 'Esperando al proveedor' }
  const onA = await h.op(h.adminToken, a.id, 'pausar', pausar, keyed('K'))
  t.equal(onA.statusCode, 200)

  // Same caller, same key, another ticket: a command of its own, applied to that ticket.
  const onB = await h.op(h.adminToken, b.id, 'pausar', pausar, keyed('K'))
  t.equal(onB.statusCode, 200)
  t.notOk(onB.headers['idempotent-replayed'])
  t.equal(onB.json().id, b.id)
  t.equal(onB.json().estado, 'PAUSADO')

  // Another caller with the same key and body on the same ticket is judged on the ticket as it is.
  const byMesa = await h.op(mesa.token, a.id, 'pausar', pausar, keyed('K'))
  t.equal(byMesa.statusCode, 409)
  t.notOk(byMesa.headers['idempotent-replayed'])

  // And the first caller, with the same key but another operation on ticket A, is 422 nowhere
  // else but where the key was used: reabrir is its own (operation, ticket) scope.
  const reabrir = await h.op(h.adminToken, a.id, 'reabrir', { motivo: 'Llegó la pieza' }, keyed('K'))
  t.equal(reabrir.statusCode, 200)
  t.notOk(reabrir.headers['idempotent-replayed'])
  // …while the key on its own scope with another body is refused.
  const changed = await h.op(h.adminToken, a.id, 'pausar', { motivo: 'Otro motivo' }, keyed('K'))
  t.equal(changed.statusCode, 422)
  t.equal(changed.json().type, REUSED)
})

t.test('user commands: a reused key with another body is 422 and changes nothing', async (t) => {
  const h = await testApp(t)
  const admin = h.adminToken
  const users = (method: 'POST' | 'PATCH' | 'DELETE', url: string, key: string, payload?: object) =>
    h.inject({
      method,
      url: `/api/auth/users${url}`,
      headers: keyed(key, admin),
      ...(payload ? { payload } : {}),
    })
  const listEmails = async () =>
    (await h.inject({ method: 'GET', url: '/api/auth/users', headers: bearer(admin) }))
      .json()
      .map((user: { email: string }) => user.email)

  t.test('POST /api/auth/users', async (t) => {
    const body = { email: 'nueva@example.com', nombre: 'Nueva Persona', password: 'temporal1', rol: 'MESA' }
    const first = await users('POST', '', 'u-1', body)
    t.equal(first.statusCode, 201)
    const before = await eventCount(h)
    const other = await users('POST', '', 'u-1', { ...body, email: 'otra@example.com' })
    t.equal(other.statusCode, 422)
    t.equal(other.json().type, REUSED)
    t.equal(await eventCount(h), before)
    t.notOk((await listEmails()).includes('otra@example.com'))
    // A different password alone is a different request too (the fingerprint covers it, keyed).
    t.equal((await users('POST', '', 'u-1', { ...body, password: 'temporal2' })).statusCode, 422)
    const retry = await users('POST', '', 'u-1', body)
    t.equal(retry.statusCode, 201)
    t.equal(retry.json().user_id, first.json().user_id)
    t.equal(await eventCount(h), before)
  })

  t.test('PATCH /api/auth/users/{id}', async (t) => {
    const { id } = await h.user('MESA', null, 'Nombre Uno')
    const first = await users('PATCH', `/${id}`, 'p-1', { nombre: 'Nombre Dos' })
    t.equal(first.statusCode, 200)
    const before = await eventCount(h)
    const other = await users('PATCH', `/${id}`, 'p-1', { nombre: 'Nombre Tres', email: 'libre@example.com' })
    t.equal(other.statusCode, 422)
    t.equal(other.json().type, REUSED)
    t.equal(await eventCount(h), before, 'no email reserved either')
    const user = await h.inject({ method: 'GET', url: `/api/auth/users/${id}`, headers: bearer(admin) })
    t.equal(user.json().nombre, 'Nombre Dos')
    t.not(user.json().email, 'libre@example.com')
    // The email was not held: someone else can take it.
    const taken = await users('POST', '', 'otro', {
      email: 'libre@example.com',
      nombre: 'Otra Persona',
      password: 'temporal1',
      rol: 'MESA',
    })
    t.equal(taken.statusCode, 201)
    t.equal((await users('PATCH', `/${id}`, 'p-1', { nombre: 'Nombre Dos' })).statusCode, 200, 'retry')
  })

  t.test('DELETE /api/auth/users/{id}: a repeat is the first answer', async (t) => {
    const { id } = await h.user('MESA')
    t.equal((await users('DELETE', `/${id}`, 'd-1')).statusCode, 204)
    const before = await eventCount(h)
    t.equal((await users('DELETE', `/${id}`, 'd-1')).statusCode, 204)
    t.equal(await eventCount(h), before)
  })

  t.test('POST /api/auth/password', async (t) => {
    const { email, token } = await h.user('MESA')
    const change = (auth: string, passwordActual: string, passwordNuevo: string) =>
      h.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: keyed('pw-1', auth),
        payload: { passwordActual, passwordNuevo },
      })
    const first = await change(token, 'definitiva1', 'segunda-clave1')
    t.equal(first.statusCode, 200)
    const fresh = first.json().token as string
    const before = await eventCount(h)
    const other = await change(fresh, 'segunda-clave1', 'tercera-clave1')
    t.equal(other.statusCode, 422)
    t.equal(other.json().type, REUSED)
    t.equal(await eventCount(h), before)
    await h.login(email, 'segunda-clave1')
    // The client's own retry gets the first answer, although its "current" password is no longer current.
    const retry = await change(fresh, 'definitiva1', 'segunda-clave1')
    t.equal(retry.statusCode, 200)
    t.type(retry.json().token, 'string')
    t.equal(await eventCount(h), before)
    await h.login(email, 'segunda-clave1')
  })
})

t.test('a rejected request appends nothing to the log', async (t) => {
  const h = await testApp(t)
  const area = await h.user('AREA', 'SISTEMAS')
  const usuario = await h.user('USUARIO')
  const { id } = await h.ticket()
  t.equal(
    (await crear(h, { asunto: 'Uno', descripcion: 'Dos cosas' }, keyed('r-1', usuario.token))).statusCode,
    201,
  )

  const rejections: Array<[string, number, () => Promise<{ statusCode: number }>]> = [
    ['400 invalid body', 400, () => crear(h, { ...newTicket, asunto: undefined })],
    ['422 unknown area', 422, () => crear(h, { ...newTicket, area: 'NO-EXISTE' })],
    ['422 unknown prioridad', 422, () => crear(h, { ...newTicket, prioridad: 'URGENTISIMA' })],
    ['412 If-Match on crear', 412, () => crear(h, newTicket, { 'if-match': '"3"' })],
    [
      '422 reused key',
      422,
      () => crear(h, { asunto: 'Uno', descripcion: 'Otra cosa' }, keyed('r-1', usuario.token)),
    ],
    ['409 invalid transition', 409, () => h.op(h.adminToken, id, 'reabrir', { motivo: 'No está pausado' })],
    ['403 role', 403, () => h.op(area.token, id, 'asignar', { agenteId: area.id, motivo: 'Mío' })],
    [
      '404 unknown ticket',
      404,
      () => h.op(h.adminToken, '00000000-0000-4000-8000-000000000000', 'pausar', { motivo: 'Esperando' }),
    ],
  ]
  for (const [name, status, send] of rejections) {
    const before = await eventCount(h)
    t.equal((await send()).statusCode, status, name)
    t.equal(await eventCount(h), before, `${name}: event count unchanged`)
  }
  // Rejected requests did not use up anything: the log holds no reservation without a ticket.
  const events = await h.app.store.readAll()
  const tickets = new Set(events.filter((e) => e.type === 'TicketCreado').map((e) => e.stream.slice(-36)))
  const reserved = events.filter((e) => e.stream.startsWith('unico-codigo-') && e.type === 'Reservado')
  t.equal(reserved.length, tickets.size, 'one code reservation per ticket')
})
