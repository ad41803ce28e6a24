import { randomUUID } from 'node:crypto'
import type { Test } from 'tap'
import {
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  WrongExpectedVersionError,
} from '../../src/eventstore/port.ts'

/**
 * The event-store contract (DESIGN §2) as a suite over a store factory: the SQLite adapter and
 * the EventStoreDB adapter run this very suite. Each call of `open` gives a fresh, empty store.
 */
export interface StoreFactory {
  open(): Promise<EventStore>
}

const metadata = {
  actor: { id: 'u1', rol: 'ADMIN', nombre: 'Ana' },
  occurredAt: '2026-01-01T00:00:00.000Z',
  schemaVersion: 1,
}

export function newEvent(type = 'Probado', data: unknown = { n: 1 }): NewEvent {
  return { id: randomUUID(), type, data, metadata }
}

/** A stream name unique to one test, so suites can share a store that is not empty. */
const streamName = (label: string) => `prueba_${label}-${randomUUID().replaceAll('-', '')}`

async function collect(
  store: EventStore,
  after: string | null,
  count: number,
  timeoutMs = 5000,
): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = []
  let done!: () => void
  const finished = new Promise<void>((resolve) => {
    done = resolve
  })
  const subscription = store.subscribe({
    after,
    async onEvents(events) {
      seen.push(...events)
      if (seen.length >= count) done()
    },
  })
  const timer = setTimeout(done, timeoutMs)
  await finished
  clearTimeout(timer)
  await subscription.close()
  return seen
}

export function eventStoreContract(t: Test, factory: StoreFactory): void {
  let store: EventStore
  t.beforeEach(async () => {
    store = await factory.open()
  })
  t.afterEach(async () => {
    await store.close()
  })

  t.test('revisions start at 0 and grow by one per event', async (t) => {
    const stream = streamName('rev')
    const first = await store.append(stream, [newEvent(), newEvent()], { expectedRevision: 'no_stream' })
    t.equal(first.nextRevision, 1n)
    const second = await store.append(stream, [newEvent()], { expectedRevision: 1n })
    t.equal(second.nextRevision, 2n)
    const events = await store.readStream(stream)
    t.same(
      events.map((event) => event.revision),
      [0n, 1n, 2n],
    )
    t.equal(events[2]!.position, second.position, 'append returns the last event position')
  })

  t.test('a missing stream reads as empty', async (t) => {
    t.same(await store.readStream(streamName('missing')), [])
  })

  t.test('data, type, id and metadata round-trip', async (t) => {
    const stream = streamName('roundtrip')
    const event = newEvent('TicketCreado', { texto: 'ñandú ✓', n: 3, lista: [1, null], anidado: { a: true } })
    await store.append(stream, [event], { expectedRevision: 'no_stream' })
    const [read] = await store.readStream(stream)
    t.equal(read!.id, event.id)
    t.equal(read!.type, 'TicketCreado')
    t.equal(read!.stream, stream)
    t.same(read!.data, event.data)
    t.same(read!.metadata, event.metadata)
  })

  t.test('expected revision: no_stream, stream_exists, any, a revision', async (t) => {
    const stream = streamName('expected')
    await t.rejects(
      store.append(stream, [newEvent()], { expectedRevision: 'stream_exists' }),
      WrongExpectedVersionError,
    )
    await t.rejects(store.append(stream, [newEvent()], { expectedRevision: 0n }), WrongExpectedVersionError)
    await store.append(stream, [newEvent()], { expectedRevision: 'no_stream' })
    const error = await store.append(stream, [newEvent()], { expectedRevision: 'no_stream' }).catch((e) => e)
    t.type(error, WrongExpectedVersionError)
    t.equal((error as WrongExpectedVersionError).actual, 0n, 'the error says where the stream is')
    await t.rejects(store.append(stream, [newEvent()], { expectedRevision: 5n }), WrongExpectedVersionError)
    t.equal(
      (await store.append(stream, [newEvent()], { expectedRevision: 'stream_exists' })).nextRevision,
      1n,
    )
    t.equal((await store.append(stream, [newEvent()], { expectedRevision: 'any' })).nextRevision, 2n)
    t.equal((await store.append(stream, [newEvent()], { expectedRevision: 2n })).nextRevision, 3n)
    const fresh = streamName('any')
    t.equal((await store.append(fresh, [newEvent()], { expectedRevision: 'any' })).nextRevision, 0n)
    const missing = await store
      .append(streamName('x'), [newEvent()], { expectedRevision: 3n })
      .catch((e) => e)
    t.equal((missing as WrongExpectedVersionError).actual, 'no_stream')
  })

  t.test('re-appending the same event ids at the same expected revision is a no-op', async (t) => {
    const stream = streamName('idem')
    const events = [newEvent(), newEvent()]
    const first = await store.append(stream, events, { expectedRevision: 'no_stream' })
    const again = await store.append(stream, events, { expectedRevision: 'no_stream' })
    t.equal(again.nextRevision, first.nextRevision)
    t.equal(again.position, first.position)
    const next = [newEvent()]
    const third = await store.append(stream, next, { expectedRevision: 1n })
    const thirdAgain = await store.append(stream, next, { expectedRevision: 1n })
    t.equal(thirdAgain.nextRevision, third.nextRevision)
    t.equal((await store.readStream(stream)).length, 3, 'nothing was written twice')
  })

  t.test('readStream from a revision and with a maximum', async (t) => {
    const stream = streamName('from')
    await store.append(stream, [newEvent(), newEvent(), newEvent(), newEvent()], {
      expectedRevision: 'no_stream',
    })
    const tail = await store.readStream(stream, { fromRevision: 2n })
    t.same(
      tail.map((event) => event.revision),
      [2n, 3n],
    )
    const head = await store.readStream(stream, { maxCount: 1 })
    t.same(
      head.map((event) => event.revision),
      [0n],
    )
  })

  t.test('readAll is in global order and resumes after a position', async (t) => {
    const a = streamName('a')
    const b = streamName('b')
    const start = (await store.append(a, [newEvent('A0')], { expectedRevision: 'no_stream' })).position
    await store.append(b, [newEvent('B0')], { expectedRevision: 'no_stream' })
    await store.append(a, [newEvent('A1')], { expectedRevision: 0n })
    const after = (await store.readAll({ after: start })).filter(
      (event) => event.stream === a || event.stream === b,
    )
    t.same(
      after.map((event) => event.type),
      ['B0', 'A1'],
    )
    const all = await store.readAll()
    for (let i = 1; i < all.length; i++) {
      t.ok(store.comparePositions(all[i - 1]!.position, all[i]!.position) < 0, 'positions strictly increase')
    }
    t.ok(store.comparePositions(null, start) < 0, 'null sorts first')
    t.equal(store.comparePositions(start, start), 0)
  })

  t.test('subscribe delivers the past, then new events live, in order', async (t) => {
    const stream = streamName('live')
    const from = (await store.append(stream, [newEvent('E0')], { expectedRevision: 'no_stream' })).position
    await store.append(stream, [newEvent('E1')], { expectedRevision: 0n })
    const seen: RecordedEvent[] = []
    let notify: () => void = () => {}
    const subscription = store.subscribe({
      after: from,
      async onEvents(events) {
        seen.push(...events.filter((event) => event.stream === stream))
        notify()
      },
    })
    const waitFor = async (n: number) => {
      const deadline = Date.now() + 5000
      while (seen.length < n && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          notify = resolve
          setTimeout(resolve, 50)
        })
      }
    }
    await waitFor(1)
    const started = Date.now()
    await store.append(stream, [newEvent('E2'), newEvent('E3')], { expectedRevision: 1n })
    await waitFor(3)
    const latency = Date.now() - started
    await subscription.close()
    t.same(
      seen.map((event) => event.type),
      ['E1', 'E2', 'E3'],
    )
    t.ok(latency < 1000, `live delivery without polling delay (${latency} ms)`)
  })

  t.test('a subscription from a position resumes exactly after it', async (t) => {
    const stream = streamName('resume')
    const positions: string[] = []
    for (let i = 0; i < 5; i++) {
      positions.push(
        (
          await store.append(stream, [newEvent(`E${i}`)], {
            expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1),
          })
        ).position,
      )
    }
    const seen = (await collect(store, positions[1]!, 3)).filter((event) => event.stream === stream)
    t.same(
      seen.map((event) => event.type),
      ['E2', 'E3', 'E4'],
    )
  })

  t.test('concurrent appends to one stream: exactly one winner per revision', async (t) => {
    const stream = streamName('race')
    await store.append(stream, [newEvent()], { expectedRevision: 'no_stream' })
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, () => store.append(stream, [newEvent()], { expectedRevision: 0n })),
    )
    const won = attempts.filter((attempt) => attempt.status === 'fulfilled')
    const lost = attempts.filter((attempt) => attempt.status === 'rejected')
    t.equal(won.length, 1)
    t.ok(lost.every((attempt) => attempt.reason instanceof WrongExpectedVersionError))
    t.equal((await store.readStream(stream)).length, 2)
  })

  t.test('concurrent appends to many streams all land, in a total order', async (t) => {
    const streams = Array.from({ length: 30 }, (_, i) => streamName(`many${i}`))
    const results = await Promise.all(
      streams.map((stream) =>
        store.append(stream, [newEvent(), newEvent()], { expectedRevision: 'no_stream' }),
      ),
    )
    t.equal(new Set(results.map((result) => result.position)).size, 30, 'distinct positions')
    for (const stream of streams) t.equal((await store.readStream(stream)).length, 2)
  })

  t.test('an append is atomic: a conflicting one writes none of its events', async (t) => {
    const stream = streamName('atomic')
    await store.append(stream, [newEvent()], { expectedRevision: 'no_stream' })
    await t.rejects(store.append(stream, [newEvent(), newEvent(), newEvent()], { expectedRevision: 7n }))
    t.equal((await store.readStream(stream)).length, 1)
  })
}
