import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import t from 'tap'
import { EsdbEventStore } from '../src/eventstore/esdb.ts'
import { migrateEvents } from '../src/eventstore/migrate.ts'
import { EsdbDouble } from './support/esdb-double.ts'
import { adminContext, solicitud, world } from './support/world.ts'

t.test(
  'migrate copies the embedded log to EventStoreDB: same ids, streams, order, metadata; safe to rerun',
  async (t) => {
    const double = new EsdbDouble()
    const url = await double.start()
    t.teardown(() => double.stop())
    const w = world(t)
    const agentId = await w.agent()
    for (let i = 0; i < 15; i++) {
      const { ticketId } = await w.tickets.crear(solicitud(i), adminContext)
      if (i % 2)
        await w.tickets.ejecutar(
          ticketId,
          'asignar',
          { agenteId: agentId, motivo: 'x' },
          { rol: 'MESA', area: null },
          adminContext,
        )
    }
    const source = await w.store.readAll()
    const target = await EsdbEventStore.connect(url, 5000)
    t.teardown(() => target.close())
    const first = await migrateEvents(w.store, target, { batchSize: 7 })
    t.match(first, { copied: source.length, skipped: 0, mismatches: [] })
    const copied = await target.readAll()
    t.same(
      copied.map((event) => [event.id, event.stream, event.revision, event.type]),
      source.map((event) => [event.id, event.stream, event.revision, event.type]),
      'same ids, streams, revisions and global order',
    )
    t.same(
      copied.map((event) => event.metadata),
      source.map((event) => event.metadata),
      'metadata intact',
    )
    t.same(
      copied.map((event) => event.data),
      source.map((event) => event.data),
      'data intact',
    )

    // More commands land in the embedded store; a rerun copies only those.
    await w.tickets.crear(solicitud(99), adminContext)
    const added = (await w.store.readAll()).length - source.length
    t.equal(added, 2, 'a code reservation and a TicketCreado')
    const second = await migrateEvents(w.store, target)
    t.match(second, { copied: added, skipped: source.length, mismatches: [] })
    t.equal((await target.readAll()).length, source.length + added)
  },
)

t.test('npm run migrate refuses a target that is not an EventStoreDB URL', async (t) => {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '..', 'src', 'cli.ts'), 'migrate', '--to', 'http://x'],
    {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: join(import.meta.dirname, '..', 'data-never-created') },
    },
  )
  t.equal(result.status, 2)
  t.match(result.stderr, /usage: npm run migrate -- --to esdb:\/\//)
})
