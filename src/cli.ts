/**
 * Operator commands:
 *   npm run rebuild                         replay the log into fresh read models (service stopped)
 *   npm run migrate -- --to esdb://…        copy the embedded log to EventStoreDB
 */
import { join } from 'node:path'
import { ConfigError, loadConfig } from './config.ts'
import { openEventStore } from './eventstore/open.ts'
import { rebuildReadModels } from './projections/rebuild.ts'

async function main(argv: string[]): Promise<number> {
  const [command] = argv
  const config = loadConfig()
  if (command === 'rebuild') {
    const store = await openEventStore(config)
    const target = join(config.dataDir, 'readmodels.db')
    console.log(
      `rebuilding ${target} from ${config.eventstoreUrl ? 'EventStoreDB' : join(config.dataDir, 'events.db')}`,
    )
    const report = await rebuildReadModels(store, target, {
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
