/**
 * Operator commands:
 *   npm run rebuild                         replay the log into fresh read models (service stopped)
 *   npm run migrate -- --to esdb://…        copy the embedded log to EventStoreDB
 */
import { join } from 'node:path'
import { ConfigError, loadConfig } from './config.ts'
import { EsdbEventStore } from './eventstore/esdb.ts'
import { migrateEvents } from './eventstore/migrate.ts'
import { openEventStore } from './eventstore/open.ts'
import { SqliteEventStore } from './eventstore/sqlite.ts'
import { readModelPath } from './projections/read-models.ts'
import { rebuildReadModels } from './projections/rebuild.ts'

async function main(argv: string[]): Promise<number> {
  const [command] = argv
  const config = loadConfig()
  if (command === 'rebuild') {
    const store = await openEventStore(config)
    const target = readModelPath(config)
    console.log(
      `rebuilding ${target} from ${config.eventstoreUrl ? 'EventStoreDB' : join(config.dataDir, 'events.db')}`,
    )
    const report = await rebuildReadModels(store, target, {
      sla: config.sla,
      onProgress: (events) => {
        if (events % 100_000 === 0) console.log(`  ${events} events`)
      },
    })
    await store.close()
    console.log(
      `rebuilt: ${report.events} events in ${report.seconds.toFixed(2)} s (${Math.round(report.eventsPerSecond)} events/s)`,
    )
    return 0
  }
  if (command === 'migrate') {
    const toIndex = argv.indexOf('--to')
    const to = toIndex >= 0 ? argv[toIndex + 1] : undefined
    if (!to || !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover):\/\//.test(to)) {
      console.error('usage: npm run migrate -- --to esdb://host:2113[?tls=false]')
      return 2
    }
    const sourcePath = join(config.dataDir, 'events.db')
    const source = new SqliteEventStore(sourcePath)
    const target = await EsdbEventStore.connect(to, 30_000)
    console.log(`copying ${sourcePath} to ${to.replace(/\/\/[^@/]*@/, '//***@')}`)
    const report = await migrateEvents(source, target, {
      onProgress: (done) => {
        if (done % 10_000 === 0) console.log(`  ${done} events`)
      },
    })
    await source.close()
    await target.close()
    console.log(`copied ${report.copied}, already there ${report.skipped}, streams ${report.streams}`)
    if (report.mismatches.length > 0) {
      console.error('count mismatch per stream:', report.mismatches.slice(0, 20))
      return 1
    }
    console.log('every stream has the same number of events in both stores')
    return 0
  }
  console.error('usage: cli.ts rebuild | migrate --to <EVENTSTORE_URL>')
  return 2
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error)
    process.exit(1)
  },
)
