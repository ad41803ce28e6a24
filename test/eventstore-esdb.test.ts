import { randomUUID } from 'node:crypto'
import t from 'tap'
import { EsdbEventStore } from '../src/eventstore/esdb.ts'
import type { RecordedEvent } from '../src/eventstore/port.ts'
import { EsdbDouble } from './support/esdb-double.ts'
import { eventStoreContract, newEvent } from './support/eventstore-contract.ts'

/**
 * The event-store contract against the EventStoreDB adapter: on the in-process gRPC test double
 * by default, or on a real server when EVENTSTORE_TEST_URL is set
 * (e.g. EVENTSTORE_TEST_URL='esdb://localhost:2113?tls=false' npm test).
 */
const realUrl = process.env.EVENTSTORE_TEST_URL
let double: EsdbDouble | null = null
let url = realUrl ?? ''
t.before(async () => {
  if (!realUrl) {
    double = new EsdbDouble()
    url = await double.start()
  }
})
t.teardown(async () => {
  await double?.stop()
})

t.test(`EventStoreDB adapter contract (${realUrl ? 'real server' : 'test double'})`, async (t) => {
  eventStoreContract(t, { open: async () => EsdbEventStore.connect(url, 5000) })
})

t.test('system events are skipped; checkpoints advance the seen position across them', async (t) => {
  if (!double) return t.ok(true, 'needs the double to write system events', { skip: 'real server' })
  const store = await EsdbEventStore.connect(url, 5000)
  t.teardown(() => store.close())
  const stream = `s-${randomUUID()}`
  const { position } = await store.append(stream, [newEvent('Ours')], { expectedRevision: 'no_stream' })
  double.appendSystemEvent()
  double.appendSystemEvent()
  const all = await store.readAll({ after: null })
  t.ok(
    all.every((event) => !event.type.startsWith('$') && !event.stream.startsWith('$')),
    'readAll hides system events',
  )
  const seen: string[] = []
  const delivered: RecordedEvent[] = []
  const subscription = store.subscribe({
    after: position,
    onEvents: async (events) => void delivered.push(...events),
    onCaughtUp: (at) => at && seen.push(at),
  })
  await new Promise((resolve) => setTimeout(resolve, 300))
  await subscription.close()
  t.same(delivered, [], 'nothing of ours after the position')
  t.ok(
    seen.some((at) => store.comparePositions(at, position) > 0),
    'but the seen position moved past the system events',
  )
})

t.test('a dropped subscription resubscribes and delivers each event once, in order', async (t) => {
  if (!double) return t.ok(true, 'needs the double to drop connections', { skip: 'real server' })
  const store = await EsdbEventStore.connect(url, 5000, { backoffMs: { initial: 20, max: 100 } })
  t.teardown(() => store.close())
  const stream = `drop-${randomUUID()}`
  const start = (await store.append(`other-${randomUUID()}`, [newEvent()], { expectedRevision: 'no_stream' }))
    .position
  const delivered: string[] = []
  const subscription = store.subscribe({
    after: start,
    onEvents: async (events) =>
      void delivered.push(...events.filter((e) => e.stream === stream).map((e) => e.type)),
  })
  for (let i = 0; i < 10; i++) {
    await store.append(stream, [newEvent(`E${i}`)], {
      expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1),
    })
    if (i === 4) double.dropSubscriptions()
  }
  const deadline = Date.now() + 5000
  while (delivered.length < 10 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20))
  await subscription.close()
  t.same(
    delivered,
    Array.from({ length: 10 }, (_, i) => `E${i}`),
  )
})

t.test('startup fails with a clear message when the cluster is unreachable', async (t) => {
  const started = Date.now()
  const error = await EsdbEventStore.connect('esdb://127.0.0.1:1?tls=false', 1500).catch((e: Error) => e)
  t.match(
    (error as Error).message,
    /EventStoreDB at esdb:\/\/127\.0\.0\.1:1\?tls=false did not answer within 2 s/,
  )
  t.ok(Date.now() - started < 10_000, 'bounded wait')
})
