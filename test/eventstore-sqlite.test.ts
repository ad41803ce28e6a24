import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { SqliteEventStore } from '../src/eventstore/sqlite.ts'
import { eventStoreContract, newEvent } from './support/eventstore-contract.ts'

const dir = mkdtempSync(join(tmpdir(), 'mesa-es-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

t.test('SQLite event store contract', async (t) => {
  eventStoreContract(t, { open: async () => new SqliteEventStore(join(dir, `store-${n++}.db`)) })
})

t.test('the embedded store is durable: WAL and synchronous=FULL', async (t) => {
  const store = new SqliteEventStore(join(dir, 'durable.db'))
  t.equal(store.synchronousLevel, 2, 'synchronous = FULL (2)')
  await store.close()
})

t.test('events survive closing and reopening the file', async (t) => {
  const path = join(dir, 'reopen.db')
  const store = new SqliteEventStore(path)
  await store.append('s-1', [newEvent('A'), newEvent('B')], { expectedRevision: 'no_stream' })
  await store.close()
  const reopened = new SqliteEventStore(path)
  t.same(
    (await reopened.readStream('s-1')).map((event) => event.type),
    ['A', 'B'],
  )
  await reopened.close()
})

t.test('group commit: concurrent appends share transactions and each keeps its own outcome', async (t) => {
  const store = new SqliteEventStore(join(dir, 'group.db'))
  await store.append('shared', [newEvent()], { expectedRevision: 'no_stream' })
  // In one tick: 200 appends to distinct streams plus 10 racing for revision 1 of one stream.
  const distinct = Array.from({ length: 200 }, (_, i) =>
    store.append(`g-${i}`, [newEvent()], { expectedRevision: 'no_stream' }),
  )
  const racing = Array.from({ length: 10 }, () =>
    store.append('shared', [newEvent()], { expectedRevision: 0n }),
  )
  const [ok, race] = await Promise.all([Promise.allSettled(distinct), Promise.allSettled(racing)])
  t.equal(ok.filter((r) => r.status === 'fulfilled').length, 200)
  t.equal(race.filter((r) => r.status === 'fulfilled').length, 1, 'one winner in the same batch')
  t.equal((await store.readAll()).length, 202)
  await store.close()
})

t.test('appends queued when the store closes are still written', async (t) => {
  const path = join(dir, 'close.db')
  const store = new SqliteEventStore(path)
  const pending = store.append('c-1', [newEvent()], { expectedRevision: 'no_stream' })
  await store.close()
  t.equal((await pending).nextRevision, 0n)
  await t.rejects(store.append('c-2', [newEvent()], { expectedRevision: 'any' }), {
    name: 'StoreUnavailableError',
  })
})

t.test('a subscription catching up from far behind lets timers and I/O run between batches', async (t) => {
  const store = new SqliteEventStore(join(dir, 'catch-up.db'))
  await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      store.append(
        `c-${i}`,
        Array.from({ length: 100 }, () => newEvent()),
        { expectedRevision: 'no_stream' },
      ),
    ),
  )
  const batchesWhenTimerFired: number[] = []
  let batches = 0
  let delivered = 0
  const done = new Promise<void>((resolve) => {
    const subscription = store.subscribe({
      after: null,
      onEvents: async (events) => {
        batches++
        delivered += events.length
        // A timer set while a batch is applied fires before the next one, not after the last.
        if (batches === 1) setTimeout(() => batchesWhenTimerFired.push(batches), 0)
      },
      onCaughtUp: () => {
        void subscription.close().then(resolve)
      },
    })
  })
  await done
  t.equal(delivered, 3000)
  t.ok(batches >= 6, `several batches (${batches})`)
  t.ok(
    batchesWhenTimerFired.length === 1 && batchesWhenTimerFired[0]! < batches,
    `the timer ran after batch ${batchesWhenTimerFired[0]} of ${batches}`,
  )
  await store.close()
})

t.test('lastPosition: the last event of the log without reading it; null when empty', async (t) => {
  const store = new SqliteEventStore(join(dir, 'last.db'))
  t.equal(await store.lastPosition(), null)
  await store.append('l-1', [newEvent(), newEvent()], { expectedRevision: 'no_stream' })
  await store.append('l-2', [newEvent()], { expectedRevision: 'no_stream' })
  const all = await store.readAll()
  t.equal(await store.lastPosition(), all[all.length - 1]!.position)
  await store.close()
})
