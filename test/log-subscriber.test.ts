import { join } from 'node:path'
import t from 'tap'
import type { RecordedEvent } from '../src/eventstore/port.ts'
import { SqliteEventStore } from '../src/eventstore/sqlite.ts'
import { LogSubscriber } from '../src/notifications/subscriber.ts'
import { openReadModel } from '../src/projections/database.ts'
import { tempDir } from './support/temp.ts'

const metadata = {
  actor: { id: null, rol: 'ANONIMO', nombre: 'prueba' },
  occurredAt: new Date(0).toISOString(),
  schemaVersion: 1,
}
const appendOne = (store: SqliteEventStore, stream: string, n: number) =>
  store.append(stream, [{ id: crypto.randomUUID(), type: 'Prueba', data: { n }, metadata }], {
    expectedRevision: 'any',
  })

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

t.test(
  'a failing handler is retried on the same event; nothing is skipped; the checkpoint survives a restart',
  async (t) => {
    const dir = tempDir(t)
    const store = new SqliteEventStore(join(dir, 'events.db'))
    t.teardown(() => store.close())
    const db = openReadModel(join(dir, 'readmodels.db'))
    t.teardown(() => db.close())
    for (let n = 0; n < 3; n++) await appendOne(store, 's', n)

    const seen: number[] = []
    let failures = 0
    const subscriber = new LogSubscriber({
      name: 'prueba',
      store,
      db,
      retryDelaysMs: [1],
      handle: async (event: RecordedEvent) => {
        const n = (event.data as { n: number }).n
        if (n === 1 && failures < 3) {
          failures++
          throw new Error('SMTP caído')
        }
        seen.push(n)
      },
    })
    subscriber.start()
    await until(() => seen.length === 3)
    t.same(seen, [0, 1, 2], 'in log order, the failing event delivered once it succeeded')
    t.equal(failures, 3)
    t.equal(await subscriber.backlog(), 0)
    await subscriber.stop()

    await appendOne(store, 's', 3)
    const again: number[] = []
    const restarted = new LogSubscriber({
      name: 'prueba',
      store,
      db,
      handle: async (event) => void again.push((event.data as { n: number }).n),
    })
    t.equal(await restarted.backlog(), 1, 'one event behind')
    restarted.start()
    await until(() => again.length === 1)
    t.same(again, [3], 'a restart resumes after the checkpoint')
    await restarted.stop()
  },
)

t.test('a new subscriber can start at the end of the log instead of replaying history', async (t) => {
  const dir = tempDir(t)
  const store = new SqliteEventStore(join(dir, 'events.db'))
  t.teardown(() => store.close())
  const db = openReadModel(join(dir, 'readmodels.db'))
  t.teardown(() => db.close())
  for (let n = 0; n < 2; n++) await appendOne(store, 's', n)
  const all = await store.readAll()
  const seen: number[] = []
  const subscriber = new LogSubscriber({
    name: 'nuevo',
    store,
    db,
    handle: async (e) => void seen.push((e.data as { n: number }).n),
  })
  subscriber.start(all[all.length - 1]!.position)
  await appendOne(store, 's', 2)
  await until(() => seen.length === 1)
  t.same(seen, [2])
  await subscriber.stop()
})
