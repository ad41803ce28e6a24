/**
 * Quick figures for the read side: rebuild rate on a generated log, and dashboard query times on
 * the rebuilt read model. Usage: npm run bench:readmodel -- [tickets]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteEventStore } from '../src/eventstore/sqlite.ts'
import { openReadModel } from '../src/projections/database.ts'
import { type DashboardQuery, TicketQueries } from '../src/projections/tickets/queries.ts'
import type { TicketScope } from '../src/projections/tickets/view.ts'
import { rebuildReadModels } from '../src/projections/rebuild.ts'
import { generateTickets } from './generate.ts'

const tickets = Number(process.argv[2] ?? 75_000)
const dir = mkdtempSync(join(tmpdir(), 'mesa-rm-'))
const store = new SqliteEventStore(join(dir, 'events.db'))
const log = await generateTickets(store, tickets)
console.log(`log: ${log.tickets} tickets, ${log.events} events`)
const report = await rebuildReadModels(store, join(dir, 'readmodels.db'))
console.log(
  `rebuild: ${report.events} events in ${report.seconds.toFixed(2)} s = ${Math.round(report.eventsPerSecond)} events/s`,
)
await store.close()

const queries = new TicketQueries(openReadModel(join(dir, 'readmodels.db')))
function time(label: string, query: DashboardQuery, scope: TicketScope, pages = 1) {
  const samples: number[] = []
  for (let run = 0; run < 50; run++) {
    let cursor: string | undefined
    const started = process.hrtime.bigint()
    for (let page = 0; page < pages; page++)
      cursor = queries.dashboard({ ...query, cursor }, scope).nextCursor ?? undefined
    samples.push(Number(process.hrtime.bigint() - started) / 1e6 / pages)
  }
  samples.sort((a, b) => a - b)
  console.log(`${label.padEnd(44)} median ${samples[25]!.toFixed(2)} ms  p95 ${samples[47]!.toFixed(2)} ms`)
}
time('first page, no filter (MESA)', { limit: 50 }, { area: null })
time('first page, AREA scope', { limit: 50 }, { area: 'SISTEMAS' })
time(
  'estado=ASIGNADO,EN_PROCESO & prioridad=ALTA',
  { limit: 50, estado: ['ASIGNADO', 'EN_PROCESO'], prioridad: ['ALTA'] },
  { area: null },
)
time('orden=prioridad, 20 pages deep (per page)', { limit: 50, orden: 'prioridad' }, { area: null }, 20)
time('q=persona42 (text search)', { limit: 50, q: 'persona42' }, { area: null })
rmSync(dir, { recursive: true, force: true })
