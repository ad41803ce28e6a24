import { join } from 'node:path'
import t, { type Test } from 'tap'
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

/** A log and a read-model database in a temp dir, closed after the test. */
function openBoth(t: Test) {
  const dir = tempDir(t)
  const store = new SqliteEventStore(join(dir, 'events.db'))
  t.teardown(() => store.close())
  const db = openReadModel(join(dir, 'readmodels.db'))
  t.teardown(() => db.close())
  return { store, db }
}

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
    const { store, db } = openBoth(t)
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
  const { store, db } = openBoth(t)
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

t.test(
  'an event with an effect is checkpointed at once; events without one, at the end of their batch',
  async (t) => {
    const { store, db } = openBoth(t)
    // One batch of six: n = 2 has an effect (an e-mail, say), the others none.
    const positions: string[] = []
    for (let n = 0; n < 6; n++) positions.push((await appendOne(store, 's', n)).position)
    const saved = () =>
      db
        .prepare<[], { posicion: string | null }>("SELECT posicion FROM suscriptores WHERE nombre = 'lotes'")
        .get()?.posicion ?? null
    const checkpointSeen: Array<string | null> = []
    const subscriber = new LogSubscriber({
      name: 'lotes',
      store,
      db,
      handle: async (event: RecordedEvent) => {
        checkpointSeen.push(saved())
        return (event.data as { n: number }).n === 2
      },
    })
    subscriber.start()
    await until(() => subscriber.position === positions[5])
    await subscriber.stop()
    t.same(
      checkpointSeen,
      [null, null, null, positions[2], positions[2], positions[2]],
      'nothing saved for 0 and 1 until 2 had its effect; 3 and 4 not saved one by one',
    )
    t.equal(saved(), positions[5], 'the end of the batch is saved')
  },
)
