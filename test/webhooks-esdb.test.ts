import t from 'tap'
import { EsdbEventStore } from '../src/eventstore/esdb.ts'
import { buildApp } from '../src/http/app.ts'
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, testConfig } from './support/app.ts'
import { EsdbDouble } from './support/esdb-double.ts'
import { tempDir } from './support/temp.ts'
import { until, verified, webhookReceiver } from './support/webhook-receiver.ts'

/**
 * Two instances on one EventStoreDB (the gRPC test double): each (endpoint, event) is delivered
 * by one of them, once; when the holder of an endpoint's lease dies, the other takes over after
 * the lease expires and carries on from the last renewed cursor, with the same webhook-ids.
 */
const ENV = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '20ms', WEBHOOK_LEASE_TTL_MS: '900' }

t.test('two instances deliver each event once; failover continues with the same ids', async (t) => {
  const double = new EsdbDouble()
  const url = await double.start()
  t.teardown(() => double.stop())
  const receiver = await webhookReceiver(t)

  const instance = async (name: string) => {
    const app = await buildApp({
      config: testConfig(tempDir(t), ENV),
      logger: false,
      store: await EsdbEventStore.connect(url, 5000),
    })
    t.teardown(() => app.close())
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    })
    if (login.statusCode !== 200) throw new Error(`${name} login: ${login.body}`)
    return { app, token: login.json().token as string }
  }
  const a = await instance('a')
  const b = await instance('b')

  const created = await a.app.inject({
    method: 'POST',
    url: '/api/webhooks',
    headers: bearer(a.token),
    payload: { url: receiver.url() },
  })
  t.equal(created.statusCode, 201)
  const { id, secreto } = created.json()
  await until(() => b.app.readModels.webhooks.endpoint(id) !== null, 5_000, 'b sees the endpoint')
  const b404 = await b.app.inject({ method: 'GET', url: `/api/webhooks/${id}`, headers: bearer(b.token) })
  t.equal(b404.statusCode, 200, 'the endpoint is shared through the event store')

  const crear = (app: typeof a.app, n: number) =>
    app.inject({
      method: 'POST',
      url: '/api/tickets/crear',
      payload: {
        asunto: `Asunto ${n}`,
        descripcion: 'Descripción larga',
        nombre: 'Pedro',
        email: 'p@example.com',
      },
    })
  for (let n = 0; n < 8; n++) t.equal((await crear(n % 2 === 0 ? a.app : b.app, n)).statusCode, 201)
  await until(
    () => new Set(receiver.received.map((e) => e.headers['webhook-id'])).size === 8,
    10_000,
    '8 events',
  )
  // Long enough for a second deliverer, if there were one, to have sent them too.
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  t.equal(receiver.received.length, 8, 'each event delivered once, not once per instance')
  for (const entry of receiver.received) verified(secreto, entry)
  t.same(
    receiver.received.map((e) => verified(secreto, e).data.datos.asunto),
    [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `Asunto ${n}`),
    'in log order',
  )
  const logA = a.app.webhookDispatcher.log.list(id, { limit: 100 })
  const logB = b.app.webhookDispatcher.log.list(id, { limit: 100 })
  t.equal(logA.length + logB.length, 8, 'one instance delivered each')
  const [holder, survivor] = logA.length > 0 ? [a, b] : [b, a]

  // The holder dies without giving its lease back; new events wait for the lease to expire.
  await holder.app.webhookDispatcher.crash()
  const before = receiver.received.length
  for (let n = 8; n < 11; n++) t.equal((await crear(survivor.app, n)).statusCode, 201)
  await until(
    () => new Set(receiver.received.map((e) => e.headers['webhook-id'])).size === 11,
    10_000,
    'the survivor took over',
  )
  const after = receiver.received.slice(before)
  t.ok(after.length >= 3)
  const taken = survivor.app.webhookDispatcher.log.list(id, { limit: 100 })
  t.ok(taken.length >= 3, 'the survivor delivered after the failover')
  // Whatever was sent again (events since the last renewal) carries the original webhook-id.
  const ids = receiver.received.map((e) => String(e.headers['webhook-id']))
  const events = (await survivor.app.store.readAll())
    .filter((e) => e.type === 'TicketCreado')
    .map((e) => e.id)
  t.same([...new Set(ids)].sort(), [...events].sort(), 'every delivery is one of the events, by its own id')
  t.same(
    after.map((e) => verified(secreto, e).data.datos.asunto).slice(-3),
    ['Asunto 8', 'Asunto 9', 'Asunto 10'],
    'in order after the takeover',
  )
})
