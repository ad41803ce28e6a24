import { connect, type Socket } from 'node:net'
import t from 'tap'
import { bearer, type TestApp, testApp } from './support/app.ts'
import { SseClient } from './support/sse.ts'

/** The app listening on a real port, and a way to open the feed as a token. */
async function served(test: Parameters<typeof testApp>[0], env: Record<string, string> = {}) {
  const api = await testApp(test, env)
  const url = await api.app.listen({ port: 0, host: '127.0.0.1' })
  const streams: SseClient[] = []
  test.teardown(() => streams.forEach((s) => s.close()))
  const feed = async (token: string, headers: Record<string, string> = {}, query = '') => {
    const client = await SseClient.open(`${url}/api/eventos${query}`, { ...bearer(token), ...headers })
    streams.push(client)
    return client
  }
  return { api, url, feed }
}

const transfer = (api: TestApp, token: string, id: string, nuevaArea: string) =>
  api.op(token, id, 'transferir', { nuevaArea, motivo: 'Corresponde a otra área' })
const reclassify = (api: TestApp, token: string, id: string, nuevaPrioridad = 'ALTA') =>
  api.op(token, id, 'reclasificar', {
    nuevaPrioridad,
    nuevaCategoria: 'Redes',
    motivo: 'Más urgente',
  })

t.test('the feed is text/event-stream with log positions as ids, in log order', async (t) => {
  const { api, feed } = await served(t)
  const admin = await feed(api.adminToken)
  t.equal(admin.response.status, 200)
  t.match(admin.response.headers.get('content-type'), /^text\/event-stream/)
  t.equal(admin.response.headers.get('cache-control'), 'no-store')
  const a = await api.ticket({ asunto: 'Primero' })
  const b = await api.ticket({ asunto: 'Segundo' })
  await admin.next((d) => d.codigo === b.codigo)
  const [first, second] = admin.events
  t.equal(first!.data.tipo, 'TicketCreado')
  t.same(
    { ticketId: first!.data.ticketId, codigo: first!.data.codigo, area: first!.data.area, revision: 0 },
    { ticketId: a.id, codigo: a.codigo, area: 'MESA', revision: first!.data.revision },
  )
  t.equal(first!.data.datos.asunto, 'Primero')
  t.equal(first!.data.actor.rol, 'ANONIMO')
  t.ok(Number(second!.id) > Number(first!.id), 'ids follow the log')
  // The same entry as the ticket's historial.
  const historial = await api.inject({
    url: `/api/tickets/${a.id}/historial`,
    headers: bearer(api.adminToken),
  })
  const { ticketId: _i, codigo: _c, area: _a, ...entry } = first!.data
  // The historial adds the chain check (issue 17); the feed carries the event as it was logged.
  const { verificacion: _v, ...logged } = historial.json()[0] ?? historial.json().items?.[0]
  t.same(entry, logged)

  // Sent once the read models show it: reading the ticket on the event sees the change.
  const mesa = await api.user('MESA')
  for (let i = 0; i < 5; i++) {
    const answered = reclassify(api, mesa.token, a.id, i % 2 ? 'ALTA' : 'BAJA')
    const event = await admin.next((d) => d.tipo === 'TicketReclasificado' && d.revision === i + 1)
    const read = await api.inject({ url: `/api/tickets/${a.id}`, headers: bearer(api.adminToken) })
    t.equal(read.json().revision, event.data.revision, `event ${i + 1}: the read model shows it`)
    t.equal(read.json().prioridad, event.data.datos.prioridad.despues)
    await answered
  }
})

t.test('scoping: ADMIN and MESA see all; AREA its own area, judged at each event', async (t) => {
  const { api, feed } = await served(t)
  const mesa = await api.user('MESA')
  const sistemas = await api.user('AREA', 'SISTEMAS')
  const infra = await api.user('AREA', 'INFRAESTRUCTURA')
  const streams = {
    admin: await feed(api.adminToken),
    mesa: await feed(mesa.token),
    sistemas: await feed(sistemas.token),
    infra: await feed(infra.token),
  }
  const other = await api.ticket({ area: 'FACTURACION', asunto: 'De otra área' })
  const moving = await api.ticket({ area: 'SISTEMAS', asunto: 'Se va a mudar' })
  t.equal((await transfer(api, mesa.token, moving.id, 'INFRAESTRUCTURA')).statusCode, 200)
  t.equal((await reclassify(api, mesa.token, moving.id)).statusCode, 200)
  // Markers: one per area, after everything else (events arrive in log order).
  const endSistemas = await api.ticket({ area: 'SISTEMAS', asunto: 'Marca sistemas' })
  const endInfra = await api.ticket({ area: 'INFRAESTRUCTURA', asunto: 'Marca infra' })
  for (const stream of [streams.admin, streams.mesa]) await stream.next((d) => d.codigo === endInfra.codigo)
  await streams.sistemas.next((d) => d.codigo === endSistemas.codigo)
  await streams.infra.next((d) => d.codigo === endInfra.codigo)
  const all: Array<[string, string]> = [
    ['TicketCreado', other.codigo],
    ['TicketCreado', moving.codigo],
    ['TicketTransferido', moving.codigo],
    ['TicketReclasificado', moving.codigo],
    ['TicketCreado', endSistemas.codigo],
    ['TicketCreado', endInfra.codigo],
  ]
  t.same(streams.admin.tickets(), all, 'ADMIN: every ticket event')
  t.same(streams.mesa.tickets(), all, 'MESA: every ticket event')
  t.same(
    streams.sistemas.tickets(),
    [
      ['TicketCreado', moving.codigo],
      ['TicketTransferido', moving.codigo],
      ['TicketCreado', endSistemas.codigo],
    ],
    'AREA SISTEMAS: the ticket while it was theirs, the transfer out, nothing after it',
  )
  t.same(
    streams.infra.tickets(),
    [
      ['TicketTransferido', moving.codigo],
      ['TicketReclasificado', moving.codigo],
      ['TicketCreado', endInfra.codigo],
    ],
    'AREA INFRAESTRUCTURA: from the transfer in',
  )
  const transferred = streams.sistemas.events.find((e) => e.data.tipo === 'TicketTransferido')!
  t.equal(transferred.data.area, 'INFRAESTRUCTURA', 'area: where the event left the ticket')
  t.same(transferred.data.datos.area, { antes: 'SISTEMAS', despues: 'INFRAESTRUCTURA' })

  // Read from the log (resume) the same rule applies, event by event.
  const resumed = await feed(sistemas.token, { 'last-event-id': '0' })
  await resumed.next((d) => d.codigo === endSistemas.codigo)
  t.same(resumed.tickets(), streams.sistemas.tickets(), 'a replay scopes as the live stream did')
})

t.test('who may open it: no token 401, USUARIO 403, bad Last-Event-ID 400 (problem+json)', async (t) => {
  const { api, url, feed } = await served(t)
  const anonymous = await fetch(`${url}/api/eventos`)
  t.equal(anonymous.status, 401)
  t.match(anonymous.headers.get('content-type'), /application\/problem\+json/)
  const usuario = await api.user('USUARIO')
  const forbidden = await feed(usuario.token)
  t.equal(forbidden.response.status, 403)
  t.match(forbidden.response.headers.get('content-type'), /application\/problem\+json/)
  for (const bad of ['abc', '1e400x', '../../etc']) {
    const response = await feed(api.adminToken, { 'last-event-id': bad })
    t.equal(response.response.status, 400, `Last-Event-ID ${bad}`)
    t.match(await response.response.json(), { type: /validacion/, campo: 'desde' })
  }
  const query = await feed(api.adminToken, {}, '?desde=nada')
  t.equal(query.response.status, 400)
  const head = await fetch(`${url}/api/eventos`, { method: 'HEAD', headers: bearer(api.adminToken) })
  t.not(head.status, 200, 'HEAD opens no stream')
  t.equal(api.app.feed.size, 0)
})

t.test('resume with Last-Event-ID (or ?desde=) loses nothing and repeats nothing', async (t) => {
  const { api, feed } = await served(t)
  const first = await feed(api.adminToken)
  const seen = await api.ticket({ asunto: 'Antes del corte' })
  const last = await first.next((d) => d.codigo === seen.codigo)
  first.close()
  // While disconnected.
  const missed = [await api.ticket({ asunto: 'Perdido 1' }), await api.ticket({ asunto: 'Perdido 2' })]
  const mesa = await api.user('MESA')
  t.equal((await reclassify(api, mesa.token, missed[0]!.id)).statusCode, 200)

  const resumed = await feed(api.adminToken, { 'last-event-id': last.id! })
  t.equal(resumed.response.status, 200)
  await resumed.next((d) => d.tipo === 'TicketReclasificado')
  const live = await api.ticket({ asunto: 'Después' })
  await resumed.next((d) => d.codigo === live.codigo)
  t.same(resumed.tickets(), [
    ['TicketCreado', missed[0]!.codigo],
    ['TicketCreado', missed[1]!.codigo],
    ['TicketReclasificado', missed[0]!.codigo],
    ['TicketCreado', live.codigo],
  ])
  const ids = resumed.events.map((e) => Number(e.id))
  t.same(
    ids,
    [...ids].sort((a, b) => a - b),
    'in log order',
  )
  t.ok(ids[0]! > Number(last.id), 'nothing at or before Last-Event-ID')

  const byQuery = await feed(api.adminToken, {}, `?desde=${encodeURIComponent(last.id!)}`)
  await byQuery.next((d) => d.codigo === live.codigo)
  t.same(byQuery.tickets(), resumed.tickets(), '?desde= resumes the same way')
})

t.test('a resume racing with new commands: every event exactly once', async (t) => {
  const { api, feed } = await served(t)
  const before = await Promise.all(
    Array.from({ length: 30 }, (_, i) => api.ticket({ asunto: `Antiguo ${i}` })),
  )
  const during = Promise.all(Array.from({ length: 30 }, (_, i) => api.ticket({ asunto: `Nuevo ${i}` })))
  const resumed = await feed(api.adminToken, { 'last-event-id': '0' })
  const created = [...before, ...(await during)]
  await resumed.until(
    (c) => created.every((tk) => c.events.some((e) => e.data.codigo === tk.codigo)),
    10_000,
    'all 60 tickets',
  )
  const codes = resumed.tickets().map(([, codigo]) => codigo)
  t.equal(codes.length, new Set(codes).size, 'no event twice')
  t.equal(codes.length, 60)
})

t.test('revocation closes the stream: deactivation, role change, password change', async (t) => {
  const { api, feed } = await served(t, { SSE_HEARTBEAT_SECONDS: '1' })
  const cases: Array<[string, (id: string, token: string) => Promise<unknown>]> = [
    [
      'deactivated',
      (id) =>
        api.inject({
          method: 'PATCH',
          url: `/api/auth/users/${id}`,
          headers: bearer(api.adminToken),
          payload: { is_active: false },
        }),
    ],
    [
      'role changed',
      (id) =>
        api.inject({
          method: 'PATCH',
          url: `/api/auth/users/${id}`,
          headers: bearer(api.adminToken),
          payload: { rol: 'ADMIN' },
        }),
    ],
    [
      'password changed',
      (_id, token) =>
        api.inject({
          method: 'POST',
          url: '/api/auth/password',
          headers: bearer(token),
          payload: { passwordActual: 'definitiva1', passwordNuevo: 'otra-nueva-1' },
        }),
    ],
  ]
  for (const [name, revoke] of cases) {
    const user = await api.user('MESA')
    const stream = await feed(user.token)
    const before = await api.ticket({ asunto: `Antes ${name}` })
    await stream.next((d) => d.codigo === before.codigo)
    await revoke(user.id, user.token)
    await stream.until((c) => c.ended, 5000, `${name}: the stream ends`)
    t.match(stream.events.at(-1), { event: 'fin', data: { motivo: 'sesion-revocada' } }, `${name}: says why`)
    const reopened = await feed(user.token)
    t.equal(reopened.response.status, 401, `${name}: the old token cannot reopen it`)
  }
})

t.test('the stream ends when the token expires', async (t) => {
  const { api, url, feed } = await served(t)
  const user = await api.user('MESA')
  // A token expiring in 2 s, signed with the app's key like any other.
  const claims = api.app.jwt.decode<{ sub: string; ver: number; rol: string }>(user.token)!
  const token = api.app.jwt.sign({ sub: claims.sub, ver: claims.ver, rol: claims.rol }, {
    expiresIn: 2,
  } as never)
  t.ok(url)
  const stream = await feed(token)
  t.equal(stream.response.status, 200)
  const started = Date.now()
  await stream.until((c) => c.ended, 6000, 'expiry')
  t.ok(Date.now() - started >= 1000, 'not before the expiry')
  t.match(stream.events.at(-1), { event: 'fin', data: { motivo: 'sesion-caducada' } })
})

t.test('heartbeat comments every SSE_HEARTBEAT_SECONDS', async (t) => {
  const { api, feed } = await served(t, { SSE_HEARTBEAT_SECONDS: '1' })
  const stream = await feed(api.adminToken)
  await stream.until((c) => c.comments >= 3, 5000, 'three comments (connected + two pings)')
  t.equal(stream.events.length, 0, 'comments are not events')
})

t.test('connections per user are capped (429 problem+json); a closed one frees its place', async (t) => {
  const { api, feed } = await served(t, { SSE_MAX_PER_USER: '2' })
  const mesa = await api.user('MESA')
  const one = await feed(mesa.token)
  const two = await feed(mesa.token)
  t.equal(one.response.status, 200)
  t.equal(two.response.status, 200)
  const three = await feed(mesa.token)
  t.equal(three.response.status, 429)
  t.match(three.response.headers.get('content-type'), /application\/problem\+json/)
  t.match(await three.response.json(), { type: /demasiadas-peticiones/, title: 'Demasiadas conexiones' })
  t.equal((await feed(api.adminToken)).response.status, 200, 'another user is not affected')
  one.close()
  let again: SseClient | null = null
  for (let i = 0; i < 50 && again?.response.status !== 200; i++) {
    again?.close()
    await new Promise((r) => setTimeout(r, 50))
    again = await feed(mesa.token)
  }
  t.equal(again!.response.status, 200, 'a place again once a stream closes')
})

t.test('a client that never reads is dropped, not buffered without limit', async (t) => {
  const { api, url, feed } = await served(t, {
    SSE_MAX_PER_USER: '1',
    SSE_MAX_QUEUE: '5',
    SSE_DRAIN_TIMEOUT_MS: '300',
  })
  const { port } = new URL(url)
  const socket: Socket = connect(Number(port), '127.0.0.1')
  t.teardown(() => socket.destroy())
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  socket.pause() // never reads
  socket.write(
    `GET /api/eventos HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${api.adminToken}\r\n\r\n`,
  )
  // The slot is taken (the cap of 1): a second stream of the same user is refused.
  let probe: SseClient | null = null
  for (let i = 0; i < 40; i++) {
    probe = await feed(api.adminToken)
    if (probe.response.status === 429) break
    probe.close()
    await new Promise((r) => setTimeout(r, 25))
  }
  t.equal(probe!.response.status, 429, 'the raw client holds the only place')

  // Large events until the server gives up on it (a socket's buffers hold a few MB at most).
  const descripcion = 'x'.repeat(4990)
  let created = 0
  let freed = false
  while (!freed && created < 3000) {
    await Promise.all(Array.from({ length: 25 }, () => api.ticket({ descripcion })))
    created += 25
    const check = await feed(api.adminToken)
    freed = check.response.status === 200
    check.close()
  }
  t.ok(freed, `dropped after ${created} events of ~5 KB`)
  t.equal(api.app.feed.droppedSlow, 1, 'dropped as a slow client')
  // What it can still read is at most a part of the stream, then the end.
  let received = 0
  socket.on('data', (chunk: Buffer) => (received += chunk.length))
  socket.on('error', () => {}) // a reset: the server closed it with data unread
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  socket.resume()
  await ended
  t.ok(received < created * 5000, `received ${received} bytes of ${created * 5000}`)
  for (let i = 0; i < 50 && api.app.feed.size > 0; i++) await new Promise((r) => setTimeout(r, 20))
  t.equal(api.app.feed.size, 0, 'no stream left open on the server')
})

t.test('the console feed /app/eventos: the session cookie, same origin only', async (t) => {
  const { api, url } = await served(t)
  const mesa = await api.user('MESA')
  const cookie = { cookie: `mesa_sesion=${mesa.token}` }
  const stream = await SseClient.open(`${url}/app/eventos`, { ...cookie, 'sec-fetch-site': 'same-origin' })
  t.teardown(() => stream.close())
  t.equal(stream.response.status, 200)
  t.match(stream.response.headers.get('content-type'), /^text\/event-stream/)
  const created = await api.ticket({ asunto: 'Visto desde la consola' })
  const event = await stream.next((d) => d.codigo === created.codigo)
  t.equal(event.data.tipo, 'TicketCreado')

  const crossSite = await fetch(`${url}/app/eventos`, {
    headers: { ...cookie, 'sec-fetch-site': 'cross-site' },
  })
  t.equal(crossSite.status, 403, 'another site cannot open it')
  t.match(crossSite.headers.get('content-type'), /text\/html/)
  const noSession = await fetch(`${url}/app/eventos`, { redirect: 'manual' })
  t.equal(noSession.status, 303, 'no session: to the login')
  t.match(noSession.headers.get('location'), /^\/app\/login/)
  // The Bearer API does not take the cookie.
  const api401 = await fetch(`${url}/api/eventos`, { headers: cookie })
  t.equal(api401.status, 401)
})
