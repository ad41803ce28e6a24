import t from 'tap'
import { PROBLEM_BASE } from '../src/http/problems.ts'
import { bearer, testApp } from './support/app.ts'

t.test('If-Match: the ETag is the revision; a stale one is 412 and changes nothing', async (t) => {
  const h = await testApp(t)
  const { id } = await h.ticket()
  const first = await h.op(h.adminToken, id, 'pausar', { motivo: 'Esperando' }, { 'if-match': '"0"' })
  t.equal(first.statusCode, 200)
  t.equal(first.headers.etag, '"1"')
  const stale = await h.op(h.adminToken, id, 'reabrir', { motivo: 'Seguimos' }, { 'if-match': '"0"' })
  t.equal(stale.statusCode, 412)
  t.match(stale.json(), { type: `${PROBLEM_BASE}version-obsoleta`, versionActual: 1 })
  const detail = await h.inject({ method: 'GET', url: `/api/tickets/${id}`, headers: bearer(h.adminToken) })
  t.equal(detail.json().estado, 'PAUSADO', 'the stale command did nothing')
  t.equal(
    (
      await h.op(
        h.adminToken,
        id,
        'reabrir',
        { motivo: 'Seguimos' },
        { 'if-match': detail.headers.etag as string },
      )
    ).statusCode,
    200,
  )
})

t.test('Idempotency-Key: a repeat returns the first answer and appends nothing', async (t) => {
  const h = await testApp(t)
  const crear = () =>
    h.inject({
      method: 'POST',
      url: '/api/tickets/crear',
      headers: { 'idempotency-key': 'form-123' },
      payload: { asunto: 'Asunto', descripcion: 'Descripción', nombre: 'Ana', email: 'ana@example.com' },
    })
  const a = await crear()
  const b = await crear()
  t.equal(a.statusCode, 201)
  t.equal(b.statusCode, 201)
  t.same(b.json(), a.json(), 'same body')
  t.equal(b.headers['idempotent-replayed'], 'true')
  const id = a.json().id
  const key = { 'idempotency-key': 'op-456' }
  const first = await h.op(h.adminToken, id, 'pausar', { motivo: 'Esperando' }, key)
  await h.op(h.adminToken, id, 'reabrir', { motivo: 'Seguimos' })
  const repeat = await h.op(h.adminToken, id, 'pausar', { motivo: 'Esperando' }, key)
  t.equal(repeat.statusCode, 200)
  t.equal(repeat.json().estado, 'PAUSADO', 'the first answer, not the current state')
  t.equal(repeat.headers.etag, first.headers.etag)
  const history = (
    await h.inject({ method: 'GET', url: `/api/tickets/${id}/historial`, headers: bearer(h.adminToken) })
  ).json()
  t.same(
    history.map((event: { tipo: string }) => event.tipo),
    ['TicketCreado', 'TicketPausado', 'TicketReanudado'],
  )
})

t.test('historial: every event in order with actor, time, type and data; asOf folds the past', async (t) => {
  const h = await testApp(t)
  const mesa = await h.user('MESA', null, 'Marta Mesa')
  const { id } = await h.ticket()
  await h.op(mesa.token, id, 'asignar', { agenteId: mesa.id, motivo: 'Me lo quedo' })
  const beforeUpdate = new Date().toISOString()
  await new Promise((resolve) => setTimeout(resolve, 5))
  await h.op(mesa.token, id, 'actualizar', {
    estado: 'EN_PROCESO',
    prioridad: 'ALTA',
    area: 'MESA',
    respuesta: 'Lo estamos mirando',
  })
  const history = await h.inject({
    method: 'GET',
    url: `/api/tickets/${id}/historial`,
    headers: bearer(h.adminToken),
    query: {},
  })
  t.equal(history.statusCode, 200)
  const events = history.json()
  t.same(
    events.map((event: { revision: number }) => event.revision),
    [0, 1, 2],
  )
  t.match(events[1], {
    tipo: 'TicketAsignado',
    actor: { id: mesa.id, rol: 'MESA', nombre: 'Marta Mesa' },
    datos: { motivo: 'Me lo quedo', estado: { antes: 'ABIERTO', despues: 'ASIGNADO' } },
  })
  t.match(events[0], { tipo: 'TicketCreado', actor: { id: null, rol: 'ANONIMO', nombre: 'Pedro Pérez' } })
  t.ok(
    events.every(
      (event: { fecha: string; requestId?: string }) =>
        !Number.isNaN(Date.parse(event.fecha)) && event.requestId,
    ),
  )

  const past = await h.inject({
    method: 'GET',
    url: `/api/tickets/${id}?asOf=${encodeURIComponent(beforeUpdate)}`,
    headers: bearer(h.adminToken),
  })
  t.equal(past.statusCode, 200)
  t.match(past.json(), { estado: 'ASIGNADO', prioridad: 'MEDIA', revision: 1, respuestas: [], acciones: [] })
  t.equal(past.headers.etag, '"1"')
  const now = await h.inject({ method: 'GET', url: `/api/tickets/${id}`, headers: bearer(h.adminToken) })
  t.match(now.json(), { estado: 'EN_PROCESO', prioridad: 'ALTA', revision: 2 })
  const { acciones: _a, ...pastView } = past.json()
  const folded = await h.inject({
    method: 'GET',
    url: `/api/tickets/${id}?asOf=${encodeURIComponent(new Date().toISOString())}`,
    headers: bearer(h.adminToken),
  })
  const { acciones: _b, ...foldedNow } = folded.json()
  const { acciones: _c, ...liveNow } = now.json()
  t.same(foldedNow, liveNow, 'folding the whole log gives exactly the read model')
  t.ok(pastView)
  const beforeBirth = await h.inject({
    method: 'GET',
    url: `/api/tickets/${id}?asOf=2000-01-01T00:00:00Z`,
    headers: bearer(h.adminToken),
  })
  t.equal(beforeBirth.statusCode, 404)
})

t.test('409 names the current estado and the operations allowed from it', async (t) => {
  const h = await testApp(t)
  const { id } = await h.ticket()
  await h.op(h.adminToken, id, 'cancelar', { motivo: 'Duplicado', rol: 'AGENTE' })
  const response = await h.op(h.adminToken, id, 'pausar', { motivo: 'Pausa' })
  t.equal(response.statusCode, 409)
  t.match(response.json(), {
    type: `${PROBLEM_BASE}transicion-invalida`,
    estado: 'CANCELADO',
    acciones: ['archivar'],
  })
})

t.test(
  'a USUARIO files tickets as themself and lists them; the public lookup answers the requester',
  async (t) => {
    const h = await testApp(t)
    const usuario = await h.user('USUARIO', null, 'Ursula')
    const created = await h.inject({
      method: 'POST',
      url: '/api/tickets/crear',
      headers: bearer(usuario.token),
      payload: {
        asunto: 'Mi impresora',
        descripcion: 'No imprime nada',
        nombre: 'Otro Nombre',
        email: 'otro@example.com',
      },
    })
    t.equal(created.statusCode, 201)
    const mine = await h.inject({
      method: 'GET',
      url: '/api/tickets/consultar',
      headers: bearer(usuario.token),
    })
    t.equal(mine.statusCode, 200)
    t.match(mine.json(), [{ codigo: created.json().codigo, asunto: 'Mi impresora' }])
    const lookup = await h.inject({
      method: 'POST',
      url: '/api/tickets/consultar',
      payload: { codigo: created.json().codigo, email: usuario.email },
    })
    t.equal(lookup.statusCode, 200, 'nombre/email came from the account')
    t.notOk('solicitante' in lookup.json(), 'the public view shows no personal data')
    await h.op(h.adminToken, created.json().id, 'actualizar', {
      estado: 'EN_PROCESO',
      prioridad: 'MEDIA',
      area: 'MESA',
      respuesta: 'Vamos para allá',
    })
    const after = await h.inject({
      method: 'POST',
      url: '/api/tickets/consultar',
      payload: { codigo: created.json().codigo.toLowerCase(), email: usuario.email.toUpperCase() },
    })
    t.match(after.json(), { estado: 'EN_PROCESO', respuestas: [{ respuesta: 'Vamos para allá' }] })
    t.equal((await h.inject({ method: 'GET', url: '/api/tickets/consultar' })).statusCode, 401)
  },
)

t.test('read-your-writes: a 2xx is followed by reads that show it', async (t) => {
  const h = await testApp(t)
  for (let i = 0; i < 10; i++) {
    const { id } = await h.ticket({ asunto: `Asunto ${i}` })
    const detail = await h.inject({ method: 'GET', url: `/api/tickets/${id}`, headers: bearer(h.adminToken) })
    t.equal(detail.statusCode, 200)
    const op = await h.op(h.adminToken, id, 'pausar', { motivo: 'Pausa' })
    t.equal(op.json().estado, 'PAUSADO')
    const dash = await h.inject({
      method: 'GET',
      url: '/api/tickets/dashboard?estado=PAUSADO',
      headers: bearer(h.adminToken),
    })
    t.equal(dash.json().total, i + 1)
  }
})

t.test('operations: /health, /ready, /docs, security headers, request ids', async (t) => {
  const h = await testApp(t)
  t.same((await h.inject({ method: 'GET', url: '/health' })).json(), { status: 'ok' })
  const ready = await h.inject({ method: 'GET', url: '/ready' })
  t.equal(ready.statusCode, 200)
  t.match(ready.json(), { status: 'ready', store: true, projections: true })
  const docs = await h.inject({ method: 'GET', url: '/docs/json' })
  t.equal(docs.statusCode, 200)
  const paths = Object.keys(docs.json().paths)
  for (const path of [
    '/api/auth/login',
    '/api/auth/me',
    '/api/auth/password',
    '/api/auth/users',
    '/api/auth/users/{user_id}',
    '/api/tickets/crear',
    '/api/tickets/consultar',
    '/api/tickets/dashboard',
    '/api/tickets/{id}',
    '/api/tickets/{id}/historial',
    '/api/tickets/{id}/asignar',
    '/api/tickets/{id}/archivar',
  ]) {
    t.ok(paths.includes(path), `OpenAPI documents ${path}`)
  }
  t.equal((await h.inject({ method: 'GET', url: '/docs' })).statusCode < 400, true, 'the UI is served')
  const response = await h.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'req-abc' } })
  t.equal(response.headers['x-content-type-options'], 'nosniff')
  t.match(response.headers['content-security-policy'], /default-src 'self'.*img-src 'self' data:/)
  t.equal(response.headers['x-frame-options'], 'SAMEORIGIN')
  t.match(response.headers['strict-transport-security'], /max-age=\d+/)
  const missing = await h.inject({ method: 'GET', url: '/no-such-path' })
  t.equal(missing.statusCode, 404)
  t.equal(missing.headers['x-content-type-options'], 'nosniff', 'error answers carry the headers too')
})

t.test(
  'assignments see the agent as of now: deactivated or role-changed after a first assignment',
  async (t) => {
    const h = await testApp(t)
    const agent = await h.user('MESA')
    const first = await h.ticket()
    t.equal(
      (await h.op(h.adminToken, first.id, 'asignar', { agenteId: agent.id, motivo: 'Primero' })).statusCode,
      200,
    )

    const patch = (payload: Record<string, unknown>) =>
      h.inject({
        method: 'PATCH',
        url: `/api/auth/users/${agent.id}`,
        headers: bearer(h.adminToken),
        payload,
      })
    t.equal((await patch({ rol: 'USUARIO' })).statusCode, 200)
    const second = await h.ticket()
    const asUser = await h.op(h.adminToken, second.id, 'asignar', { agenteId: agent.id, motivo: 'Segundo' })
    t.equal(asUser.statusCode, 422, 'a USUARIO cannot take tickets')
    t.match(asUser.json().detail, /rol USUARIO/)

    t.equal((await patch({ rol: 'MESA', is_active: false })).statusCode, 200)
    const inactive = await h.op(h.adminToken, second.id, 'asignar', { agenteId: agent.id, motivo: 'Tercero' })
    t.equal(inactive.statusCode, 422, 'a deactivated user cannot take tickets')
    t.match(inactive.json().detail, /desactivado/)
  },
)
