import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
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
  t.equal(await store.synchronousLevel(), 2, 'synchronous = FULL (2)')
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

t.test(
  'the writer thread: an append in flight keeps the process alive; an idle store does not',
  async (t) => {
    // A script that appends and never closes the store: it must live until the append is
    // acknowledged (the writer is referenced while a batch is out), then exit on its own (an idle
    // writer is unreferenced), and the event must be in the file.
    const path = join(dir, 'no-close.db')
    const store = new URL('../src/eventstore/sqlite.ts', import.meta.url).href
    const script = `
    const { SqliteEventStore } = await import(${JSON.stringify(store)})
    const store = new SqliteEventStore(${JSON.stringify(path)})
    const metadata = { actor: { id: null, rol: 'SISTEMA', nombre: 't' }, occurredAt: new Date().toISOString(), schemaVersion: 1 }
    store.append('sin-cerrar', [{ id: crypto.randomUUID(), type: 'Escrito', data: {}, metadata }], { expectedRevision: 'no_stream' })
      .then((result) => console.log('ack', String(result.nextRevision)))
  `
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null]
    clearTimeout(timer)
    t.equal(signal, null, 'exited on its own (not killed after 30 s)')
    t.equal(code, 0)
    t.equal(out.trim(), 'ack 0', 'the append was acknowledged before the process exited')
    const reopened = new SqliteEventStore(path)
    t.equal((await reopened.readStream('sin-cerrar')).length, 1, 'and it is in the log')
    await reopened.close()
  },
)

t.test('appends that arrive while the writer is busy are written in the next batch, in order', async (t) => {
  const store = new SqliteEventStore(join(dir, `store-${n++}.db`))
  t.teardown(() => store.close())
  // 300 appends on 3 streams, issued in waves without waiting: later waves queue behind the batch
  // the writer has; every one is answered and each stream's order is its order of issue.
  const answers: Array<Promise<unknown>> = []
  for (let wave = 0; wave < 100; wave++) {
    for (const stream of ['a', 'b', 'c'])
      answers.push(
        store.append(stream, [newEvent('Escrito', { wave })], {
          expectedRevision: wave === 0 ? 'no_stream' : BigInt(wave - 1),
        }),
      )
    if (wave % 10 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  await Promise.all(answers)
  for (const stream of ['a', 'b', 'c']) {
    const events = await store.readStream(stream)
    t.same(
      events.map((event) => (event.data as { wave: number }).wave),
      Array.from({ length: 100 }, (_, i) => i),
      `${stream}: 100 events in the order they were issued`,
    )
  }
  // A conflict in a busy batch fails only its own append.
  const [ok, conflict] = await Promise.allSettled([
    store.append('a', [newEvent('Escrito', { wave: 100 })], { expectedRevision: 99n }),
    store.append('b', [newEvent('Escrito', { wave: 100 })], { expectedRevision: 5n }),
  ])
  t.equal(ok.status, 'fulfilled')
  t.equal(conflict.status === 'rejected' && (conflict.reason as Error).name, 'WrongExpectedVersionError')
})

t.test(
  'subscribers at the same position share one read of the log; a foreign write still reaches them',
  async (t) => {
    const store = new SqliteEventStore(join(dir, `store-${n++}.db`), { foreignWritePollMs: 20 })
    t.teardown(() => store.close())
    const received: Array<unknown[]> = [[], []]
    const subscriptions = received.map((into) =>
      store.subscribe({ after: null, onEvents: async (events) => void into.push(...events) }),
    )
    t.teardown(() => Promise.all(subscriptions.map((subscription) => subscription.close())))
    const both = async (count: number) => {
      const end = Date.now() + 5_000
      while ((received[0]!.length < count || received[1]!.length < count) && Date.now() < end)
        await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await store.append('compartido', [newEvent('Escrito', { n: 1 })], { expectedRevision: 'no_stream' })
    await both(1)
    t.equal(received[0]![0], received[1]![0], 'the same event object, read and parsed once')

    // Caught up, both have read (and shared) "nothing after position 1". A write by another
    // connection to the file (a tool) changes its data_version, so the next poll reads again.
    const other = new Database(store.path)
    other
      .prepare('INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)')
      .run(crypto.randomUUID(), 'otro', 0, 'Escrito', '{}', JSON.stringify({}))
    other.close()
    await both(2)
    t.equal(received[0]!.length, 2, 'the foreign write reached the first subscriber')
    t.equal(received[1]!.length, 2, 'and the second')
  },
)

t.test('an event that cannot be serialised fails its own append, not the others of its batch', async (t) => {
  const store = new SqliteEventStore(join(dir, `store-${n++}.db`))
  t.teardown(() => store.close())
  const [bad, good] = await Promise.allSettled([
    store.append('malo', [newEvent('Escrito', { n: 1n })], { expectedRevision: 'no_stream' }),
    store.append('bueno', [newEvent('Escrito', { n: 1 })], { expectedRevision: 'no_stream' }),
  ])
  t.equal(bad.status, 'rejected', 'a BigInt in the data is refused')
  t.equal(good.status, 'fulfilled', 'the append beside it is written')
  t.same(await store.readStream('malo'), [])
  t.equal((await store.readStream('bueno')).length, 1)
})
