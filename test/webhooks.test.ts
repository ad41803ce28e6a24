import t from 'tap'
import { checkTarget, isForbiddenAddress } from '../src/notifications/webhooks/address-guard.ts'
import { SecretBox } from '../src/notifications/webhooks/secrets.ts'
import { TICKET_EVENT_TYPES } from '../src/notifications/webhooks/event-types.ts'
import { adminTokenOf, bearer, testApp, type TestApp } from './support/app.ts'
import { type Received, until, verified, webhookReceiver } from './support/webhook-receiver.ts'
import type { Resolver } from '../src/notifications/webhooks/address-guard.ts'

const FAST = {
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_RETRY_SCHEDULE: '20ms,20ms,20ms',
  WEBHOOK_LEASE_TTL_MS: '600',
}

async function register(h: TestApp, body: Record<string, unknown>) {
  const response = await h.inject({
    method: 'POST',
    url: '/api/webhooks',
    headers: bearer(h.adminToken),
    payload: body,
  })
  if (response.statusCode !== 201) throw new Error(`register: ${response.statusCode} ${response.body}`)
  return response.json() as { id: string; secreto: string; url: string; eventos: string[]; activo: boolean }
}

const entregas = async (h: TestApp, id: string) =>
  (
    await h.inject({ method: 'GET', url: `/api/webhooks/${id}/entregas`, headers: bearer(h.adminToken) })
  ).json() as Array<{
    eventoId: string
    estado: string
    intentos: number
    ultimoStatus: number | null
    error: string | null
    cuerpo: string | null
  }>

t.test('admin API: create shows the secret once; list, get, patch, delete; 400s and 403s', async (t) => {
  const h = await testApp(t, FAST)
  const created = await h.inject({
    method: 'POST',
    url: '/api/webhooks',
    headers: bearer(h.adminToken),
    payload: { url: 'http://127.0.0.1:9/hook', eventos: ['TicketCreado'], descripcion: 'CRM' },
  })
  t.equal(created.statusCode, 201)
  const body = created.json()
  t.match(body, {
    url: 'http://127.0.0.1:9/hook',
    eventos: ['TicketCreado'],
    descripcion: 'CRM',
    activo: true,
  })
  t.match(body.secreto, /^whsec_[A-Za-z0-9+/=]{40,}$/)
  t.equal(created.headers.location, `/api/webhooks/${body.id}`)

  const one = await h.inject({
    method: 'GET',
    url: `/api/webhooks/${body.id}`,
    headers: bearer(h.adminToken),
  })
  t.equal(one.statusCode, 200)
  t.notOk('secreto' in one.json(), 'the secret is never shown again')
  t.notOk(one.body.includes(body.secreto.slice(6)), 'not even inside another field')
  const list = await h.inject({ method: 'GET', url: '/api/webhooks', headers: bearer(h.adminToken) })
  t.same(
    list.json().map((e: { id: string }) => e.id),
    [body.id],
  )

  // The events hold the secret encrypted, never in clear.
  const events = await h.app.store.readStream(`webhook-${body.id}`)
  t.notOk(
    JSON.stringify(events, (_k, v) => (typeof v === 'bigint' ? String(v) : v)).includes(
      body.secreto.slice(6),
    ),
    'the log holds no clear secret',
  )

  const patched = await h.inject({
    method: 'PATCH',
    url: `/api/webhooks/${body.id}`,
    headers: bearer(h.adminToken),
    payload: { activo: false, eventos: [] },
  })
  t.equal(patched.statusCode, 200)
  t.match(patched.json(), { activo: false, eventos: [] })

  const unknown = await h.inject({
    method: 'POST',
    url: '/api/webhooks',
    headers: bearer(h.adminToken),
    payload: { url: 'http://127.0.0.1:9/x', eventos: ['TicketCreado', 'TicketBorrado'] },
  })
  t.equal(unknown.statusCode, 400)
  t.match(unknown.headers['content-type'], /application\/problem\+json/)
  t.same(unknown.json().valoresValidos, [...TICKET_EVENT_TYPES])
  t.match(unknown.json().detail, /TicketBorrado/)

  const notUrl = await h.inject({
    method: 'POST',
    url: '/api/webhooks',
    headers: bearer(h.adminToken),
    payload: { url: 'no es una url' },
  })
  t.equal(notUrl.statusCode, 400)
  const ftp = await h.inject({
    method: 'POST',
    url: '/api/webhooks',
    headers: bearer(h.adminToken),
    payload: { url: 'ftp://example.com/' },
  })
  t.equal(ftp.statusCode, 400)

  const mesa = await h.user('MESA')
  for (const [method, url] of [
    ['GET', '/api/webhooks'],
    ['POST', '/api/webhooks'],
    ['GET', `/api/webhooks/${body.id}`],
    ['POST', `/api/webhooks/${body.id}/rotar-secreto`],
  ] as const) {
    const refused = await h.inject({
      method,
      url,
      headers: bearer(mesa.token),
      payload: method === 'POST' ? {} : undefined,
    })
    t.equal(refused.statusCode, 403, `${method} ${url} as MESA: 403`)
  }
  const anonymous = await h.inject({ method: 'GET', url: '/api/webhooks' })
  t.equal(anonymous.statusCode, 401)

  const deleted = await h.inject({
    method: 'DELETE',
    url: `/api/webhooks/${body.id}`,
    headers: bearer(h.adminToken),
  })
  t.equal(deleted.statusCode, 204)
  const gone = await h.inject({
    method: 'GET',
    url: `/api/webhooks/${body.id}`,
    headers: bearer(h.adminToken),
  })
  t.equal(gone.statusCode, 404)
})

t.test('events arrive in log order, signed per Standard Webhooks, with the payload of history', async (t) => {
  const receiver = await webhookReceiver(t)
  const h = await testApp(t, FAST)
  const all = await register(h, { url: receiver.url('/todo') })
  const pii = await register(h, {
    url: receiver.url('/pii'),
    incluirDatosPersonales: true,
    eventos: ['TicketCreado'],
  })
  const a = await h.ticket({ email: 'ana@example.com', nombre: 'Ana Solicitante' })
  const b = await h.ticket()
  t.equal((await h.op(h.adminToken, a.id, 'pausar', { motivo: 'esperando' })).statusCode, 200)
  t.equal((await h.op(h.adminToken, a.id, 'reabrir', { motivo: 'seguimos' })).statusCode, 200)
  await until(() => receiver.on('/todo').length >= 4 && receiver.on('/pii').length >= 2, 10_000, 'deliveries')

  const payloads = receiver.on('/todo').map((entry) => verified(all.secreto, entry))
  t.same(
    payloads.map((p) => [p.type, p.data.ticketId]),
    [
      ['TicketCreado', a.id],
      ['TicketCreado', b.id],
      ['TicketPausado', a.id],
      ['TicketReanudado', a.id],
    ],
    'in log order',
  )
  const history = (
    await h.inject({ method: 'GET', url: `/api/tickets/${a.id}/historial`, headers: bearer(h.adminToken) })
  ).json()
  const events = await h.app.store.readStream(`ticket-${a.id}`)
  const first = receiver.on('/todo')[0]!
  t.equal(first.headers['webhook-id'], events[0]!.id, 'webhook-id is the event id')
  t.match(String(first.headers['webhook-signature']), /^v1,[A-Za-z0-9+/=]+$/)
  t.ok(
    Math.abs(Number(first.headers['webhook-timestamp']) - Date.now() / 1000) < 60,
    'timestamp in seconds, now',
  )
  const pausado = payloads[2]!
  t.same(pausado.data, {
    ticketId: a.id,
    codigo: a.codigo,
    revision: 1,
    estado: { antes: 'ABIERTO', despues: 'PAUSADO' },
    actor: { id: history[1].actor.id, rol: 'ADMIN' },
    datos: history[1].datos,
  })
  t.equal(pausado.timestamp, history[1].fecha)
  t.same(payloads[0]!.data.estado, { antes: null, despues: 'ABIERTO' })
  t.notOk(receiver.on('/todo')[0]!.body.includes('ana@example.com'), 'no requester e-mail by default')
  t.notOk(receiver.on('/todo')[0]!.body.includes('Ana Solicitante'), 'no requester name by default')

  const withPii = receiver.on('/pii').map((entry) => verified(pii.secreto, entry))
  t.same(
    withPii.map((p) => p.type),
    ['TicketCreado', 'TicketCreado'],
    'only the types asked for',
  )
  t.match(withPii[0]!.data.datos.solicitante, { nombre: 'Ana Solicitante', email: 'ana@example.com' })
  t.throws(() => verified(SecretBox.generate(), receiver.on('/pii')[0]!), 'a wrong secret does not verify')

  // The receiver answers before the sender records the delivery: wait for the log to say so.
  let log = await entregas(h, all.id)
  await until(
    async () => (log = await entregas(h, all.id)).every((row) => row.estado === 'entregado'),
    10_000,
    'delivery log',
  )
  t.equal(log.length, 4, JSON.stringify(log))
  t.ok(log.every((row) => row.estado === 'entregado' && row.intentos === 1 && row.ultimoStatus === 204))
})

t.test(
  '500s are retried on the schedule with the same webhook-id; after the last retry the event fails and the next goes',
  async (t) => {
    const receiver = await webhookReceiver(t)
    const h = await testApp(t, FAST)
    const hook = await register(h, { url: receiver.url() })
    let failFirst = 2
    receiver.respond((entry, _n, response) => {
      const type = JSON.parse(entry.body).type
      // The first event: two 500s then OK. The second: always 500.
      if (type === 'TicketCreado' && failFirst-- > 0) return void response.writeHead(500).end('caído')
      if (type === 'TicketPausado') return void response.writeHead(500).end('siempre caído')
      response.writeHead(200).end('ok')
    })
    const ticket = await h.ticket()
    await h.op(h.adminToken, ticket.id, 'pausar', { motivo: 'esperando respuesta' })
    await h.op(h.adminToken, ticket.id, 'reabrir', { motivo: 'seguimos adelante' })
    await until(
      () => receiver.received.some((e) => JSON.parse(e.body).type === 'TicketReanudado'),
      10_000,
      'third event',
    )
    const types = receiver.received.map((e) => JSON.parse(e.body).type)
    t.same(
      types,
      [
        'TicketCreado',
        'TicketCreado',
        'TicketCreado',
        'TicketPausado',
        'TicketPausado',
        'TicketPausado',
        'TicketPausado',
        'TicketReanudado',
      ],
      '3 attempts, then 4 (1 + 3 retries) given up, then the next event',
    )
    const ids = new Set(receiver.received.slice(0, 3).map((e) => e.headers['webhook-id']))
    t.equal(ids.size, 1, 'every attempt of one event carries the same webhook-id')
    for (const entry of receiver.received) verified(hook.secreto, entry)
    const gaps = receiver.received.slice(1, 3).map((e, i) => e.at - receiver.received[i]!.at)
    t.ok(
      gaps.every((gap) => gap >= 15),
      `retries waited the schedule (${gaps.join(', ')} ms)`,
    )
    const log = await entregas(h, hook.id)
    t.match(
      log.find((row) => row.intentos === 4),
      { estado: 'fallido', ultimoStatus: 500 },
    )
    t.match(
      log.find((row) => row.intentos === 3),
      { estado: 'entregado', ultimoStatus: 200 },
    )
  },
)

t.test(
  '410 disables the endpoint; Retry-After is honoured; a receiver that never answers times out',
  async (t) => {
    const receiver = await webhookReceiver(t)
    const h = await testApp(t, { ...FAST, WEBHOOK_TIMEOUT_MS: '200' })
    const gone = await register(h, { url: receiver.url('/gone') })
    const later = await register(h, { url: receiver.url('/later') })
    const slow = await register(h, { url: receiver.url('/slow') })
    const counts = new Map<string, number>()
    receiver.respond((entry, _n, response) => {
      const n = (counts.get(entry.path) ?? 0) + 1
      counts.set(entry.path, n)
      if (entry.path === '/gone') return void response.writeHead(410).end()
      if (entry.path === '/later' && n === 1)
        return void response.writeHead(503, { 'retry-after': '1' }).end()
      if (entry.path === '/slow' && n === 1) return 'hang'
      response.writeHead(204).end()
    })
    await h.ticket()
    await until(
      () => receiver.on('/later').length >= 2 && receiver.on('/slow').length >= 2,
      10_000,
      'retries',
    )
    const [first, second] = receiver.on('/later')
    t.ok(
      second!.at - first!.at >= 950,
      `Retry-After: 1 waited ${second!.at - first!.at} ms, not the 20 ms schedule`,
    )
    const slowLog = await entregas(h, slow.id)
    t.match(slowLog[0], { estado: 'entregado', intentos: 2 })
    t.equal(receiver.on('/slow')[0]!.headers['webhook-id'], receiver.on('/slow')[1]!.headers['webhook-id'])

    await until(
      () => (h.app.readModels.webhooks.endpoint(gone.id)?.activo ?? true) === false,
      5_000,
      '410 disabling',
    )
    const goneView = (
      await h.inject({ method: 'GET', url: `/api/webhooks/${gone.id}`, headers: bearer(h.adminToken) })
    ).json()
    t.equal(goneView.activo, false, '410 switched it off')
    t.equal(receiver.on('/gone').length, 1, 'a 410 is not retried')
    t.match((await entregas(h, gone.id))[0], { estado: 'fallido', ultimoStatus: 410 })
    await h.ticket()
    await until(() => receiver.on('/later').length >= 3, 5_000, 'next event elsewhere')
    t.equal(receiver.on('/gone').length, 1, 'a disabled endpoint gets nothing more')
    t.ok(later)
  },
)

t.test(
  'SSRF: private targets refused at registration, and a name resolving to 127.0.0.1 refused at connect time',
  async (t) => {
    const receiver = await webhookReceiver(t)
    let lookups = 0
    // A rebinding name: public when registered, loopback when connected to.
    const resolver: Resolver = async (hostname) => {
      if (hostname !== 'rebind.example') throw new Error('ENOTFOUND')
      return lookups++ === 0
        ? [{ address: '93.184.216.34', family: 4 }]
        : [{ address: '127.0.0.1', family: 4 }]
    }
    const dir = (await import('./support/temp.ts')).tempDir(t)
    const { buildApp } = await import('../src/http/app.ts')
    const { testConfig } = await import('./support/app.ts')
    const app = await buildApp({
      config: testConfig(dir, { WEBHOOK_RETRY_SCHEDULE: '20ms', WEBHOOK_LEASE_TTL_MS: '600' }),
      logger: false,
      webhooks: { resolver },
    })
    t.teardown(() => app.close())
    const token = await adminTokenOf(app)
    for (const url of [
      receiver.url(),
      'http://localhost:8080/',
      'http://[::1]/',
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/',
      'http://0.0.0.0/',
      'http://[::ffff:127.0.0.1]/',
    ]) {
      const refused = await app.inject({
        method: 'POST',
        url: '/api/webhooks',
        headers: bearer(token),
        payload: { url },
      })
      t.equal(refused.statusCode, 400, `${url} refused`)
      t.match(refused.json().detail, /privada|local/)
    }
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: bearer(token),
      payload: { url: `http://rebind.example:${receiver.port}/hook` },
    })
    t.equal(accepted.statusCode, 201, 'the name resolved to a public address at registration')
    await app.inject({
      method: 'POST',
      url: '/api/tickets/crear',
      payload: {
        asunto: 'Asunto',
        descripcion: 'Descripción larga',
        nombre: 'Pedro',
        email: 'pedro@example.com',
      },
    })
    const id = accepted.json().id
    await until(
      () => app.webhookDispatcher.log.list(id, { limit: 1 })[0]?.estado === 'fallido',
      5_000,
      'refusal',
    )
    const row = app.webhookDispatcher.log.list(id, { limit: 1 })[0]!
    t.match(row.error, /dirección no permitida/)
    t.equal(row.intentos, 2, 'every attempt was refused at connect time')
    t.equal(receiver.received.length, 0, 'nothing reached the loopback receiver')
  },
)

t.test('address rules and https in production', async (t) => {
  for (const address of [
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:10.0.0.1',
  ])
    t.ok(isForbiddenAddress(address), `${address} forbidden`)
  for (const address of ['93.184.216.34', '8.8.8.8', '2606:2800:220:1::1'])
    t.notOk(isForbiddenAddress(address), `${address} allowed`)
  const resolver: Resolver = async () => [{ address: '93.184.216.34', family: 4 }]
  t.match(
    await checkTarget(new URL('http://example.com/'), { allowPrivate: false, requireHttps: true, resolver }),
    /https/,
  )
  t.equal(
    await checkTarget(new URL('https://example.com/'), { allowPrivate: false, requireHttps: true, resolver }),
    null,
  )
  t.match(
    await checkTarget(new URL('https://u:p@example.com/'), {
      allowPrivate: false,
      requireHttps: true,
      resolver,
    }),
    /usuario/,
  )
})

t.test(
  'rotation: two signatures, each verifying with its secret; redelivery and replay keep webhook-ids',
  async (t) => {
    const receiver = await webhookReceiver(t)
    const h = await testApp(t, FAST)
    const hook = await register(h, { url: receiver.url() })
    const a = await h.ticket()
    await until(() => receiver.received.length === 1, 5_000, 'first')
    const rotated = await h.inject({
      method: 'POST',
      url: `/api/webhooks/${hook.id}/rotar-secreto`,
      headers: bearer(h.adminToken),
    })
    t.equal(rotated.statusCode, 200)
    const nuevo = rotated.json().secreto as string
    t.not(nuevo, hook.secreto)
    t.ok(
      Date.parse(rotated.json().secretoAnteriorHasta) - Date.now() > 23 * 3_600_000,
      'old secret valid ~24 h',
    )
    await h.op(h.adminToken, a.id, 'pausar', { motivo: 'esperando respuesta' })
    await until(() => receiver.received.length === 2, 5_000, 'second')
    const second = receiver.received[1]!
    t.equal(String(second.headers['webhook-signature']).split(' ').length, 2, 'two signatures in the header')
    t.equal(verified(nuevo, second).type, 'TicketPausado', 'verifies with the new secret')
    t.equal(verified(hook.secreto, second).type, 'TicketPausado', 'and with the old one')
    t.throws(
      () => verified(nuevo, receiver.received[0]!),
      'the first delivery was signed with the old secret only',
    )

    // Manual redelivery of the first event: same webhook-id.
    const firstId = String(receiver.received[0]!.headers['webhook-id'])
    const again = await h.inject({
      method: 'POST',
      url: `/api/webhooks/${hook.id}/entregas/${firstId}/reenviar`,
      headers: bearer(h.adminToken),
    })
    t.equal(again.statusCode, 200)
    t.match(again.json(), { eventoId: firstId, manual: true, estado: 'entregado' })
    t.equal(receiver.received.length, 3)
    t.equal(receiver.received[2]!.headers['webhook-id'], firstId)
    const missing = await h.inject({
      method: 'POST',
      url: `/api/webhooks/${hook.id}/entregas/${crypto.randomUUID()}/reenviar`,
      headers: bearer(h.adminToken),
    })
    t.equal(missing.statusCode, 404)

    // Replay from before the first event: both again, in order, same ids.
    const replay = await h.inject({
      method: 'POST',
      url: `/api/webhooks/${hook.id}/reproducir`,
      headers: bearer(h.adminToken),
      payload: { desde: new Date(Date.now() - 60_000).toISOString() },
    })
    t.equal(replay.statusCode, 202)
    await until(() => receiver.received.length === 5, 5_000, 'replay')
    t.same(
      receiver.received.slice(3).map((e: Received) => e.headers['webhook-id']),
      receiver.received.slice(0, 2).map((e: Received) => e.headers['webhook-id']),
    )
    const badDate = await h.inject({
      method: 'POST',
      url: `/api/webhooks/${hook.id}/reproducir`,
      headers: bearer(h.adminToken),
      payload: { desde: '2026-02-30' },
    })
    t.equal(badDate.statusCode, 400)
  },
)

t.test('an answer is not read beyond 64 KB; bodies are dropped from the log after 3 days', async (t) => {
  const receiver = await webhookReceiver(t)
  const h = await testApp(t, { ...FAST, WEBHOOK_TIMEOUT_MS: '3000' })
  const hook = await register(h, { url: receiver.url() })
  // 200, then 70 KB and the answer never ends: waiting for its end would take the whole timeout.
  receiver.respond((_entry, _n, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' })
    response.write('x'.repeat(70 * 1024))
    return 'hang'
  })
  const started = Date.now()
  await h.ticket()
  await until(
    () => (h.app.webhookDispatcher.log.list(hook.id, { limit: 1 })[0]?.estado ?? '') === 'entregado',
    5_000,
    'delivery',
  )
  t.ok(Date.now() - started < 2_500, `done after 64 KB, not at the 3 s timeout (${Date.now() - started} ms)`)
  const [row] = h.app.webhookDispatcher.log.list(hook.id, { limit: 1 })
  t.equal(row!.respuesta!.length, 4096, 'the first 4 KB kept')
  t.equal(receiver.received.length, 1)

  t.ok(row!.cuerpo, 'the request body is kept')
  t.equal(
    h.app.webhookDispatcher.log.purgeBodies(new Date(Date.now() + 2 * 86_400_000)),
    0,
    'kept for 2 days',
  )
  t.equal(h.app.webhookDispatcher.log.purgeBodies(new Date(Date.now() + 3 * 86_400_000 + 60_000)), 1)
  const [purged] = await entregas(h, hook.id)
  t.match(purged, { estado: 'entregado', intentos: 1, cuerpo: null })
})
