/**
 * Operator commands:
 *   npm run rebuild                         replay the log into fresh read models (service stopped)
 *   npm run migrate -- --to esdb://…        copy the embedded log to EventStoreDB
 *   npm run audit -- digest [--out file]    sign the head of every stream (AUDIT_SIGNING_KEY)
 *   npm run audit -- verify [digest …]      check every hash chain, and the log against digests
 *   npm run audit -- export [--desde …] [--hasta …] [--stream …] [--actor …] [--tipo …] [--csv]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { createDigest, type Digest, loadSigningKey, newSigningKey, verifyLog } from './audit/digest.ts'
import { type ExportFilter, exportLines } from './audit/export.ts'
import { type Config, ConfigError, loadConfig } from './config.ts'
import { parseInstant } from './domain/dates.ts'
import { EsdbEventStore } from './eventstore/esdb.ts'
import { migrateEvents } from './eventstore/migrate.ts'
import { openEventStore } from './eventstore/open.ts'
import { SqliteEventStore } from './eventstore/sqlite.ts'
import { openKeyStore } from './privacy/open-key-store.ts'
import { sealExistingLog } from './privacy/migrate-pii.ts'
import { PrivateEventStore } from './privacy/private-store.ts'
import { readModelPath } from './projections/read-models.ts'
import { rebuildReadModels } from './projections/rebuild.ts'

async function main(argv: string[]): Promise<number> {
  const [command] = argv
  const config = loadConfig()
  if (command === 'rebuild') {
    // The read models hold personal data opened, as the service's projectors write them.
    const log = await openEventStore(config)
    const store = new PrivateEventStore(log, openKeyStore(config, log))
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
  if (command === 'audit') return audit(argv.slice(1), config)
  console.error('usage: cli.ts rebuild | migrate --to <EVENTSTORE_URL> | audit digest|verify|export')
  return 2
}

function option(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name)
  return index >= 0 ? argv[index + 1] : undefined
}

async function audit(argv: string[], config: Config): Promise<number> {
  const [sub, ...rest] = argv
  const store = await openEventStore(config)
  try {
    if (sub === 'digest') {
      const keyPath = process.env.AUDIT_SIGNING_KEY
      if (!keyPath) {
        console.error('AUDIT_SIGNING_KEY must name the Ed25519 private key file (kept outside DATA_DIR)')
        return 2
      }
      if (resolve(keyPath).startsWith(resolve(config.dataDir) + sep)) {
        console.error(
          'AUDIT_SIGNING_KEY must lie outside DATA_DIR: whoever can rewrite the log must not hold it',
        )
        return 2
      }
      if (!existsSync(keyPath)) {
        const { privatePem } = newSigningKey()
        writeFileSync(keyPath, privatePem, { mode: 0o600, flag: 'wx' })
        console.error(`created a new signing key in ${keyPath}`)
      }
      const digest = await createDigest(store, loadSigningKey(readFileSync(keyPath, 'utf8')), new Date())
      const text = `${JSON.stringify(digest, null, 1)}\n`
      const out = option(rest, '--out')
      if (out) writeFileSync(out, text)
      else process.stdout.write(text)
      console.error(
        `digest of ${Object.keys(digest.streams).length} streams, ${digest.eventos} events, up to ${digest.posicion}`,
      )
      console.error(`public key (give it to the auditors): ${digest.clavePublica}`)
      return 0
    }
    if (sub === 'verify') {
      const digests = rest.map((file) => ({ file, digest: JSON.parse(readFileSync(file, 'utf8')) as Digest }))
      const report = await verifyLog(store, digests)
      console.log(`${report.events} events in ${report.streams} streams`)
      for (const found of report.breaks)
        console.log(`BROKEN ${found.stream} at revision ${found.revision}: ${found.motivo}`)
      let failed = report.breaks.length > 0
      for (const checked of report.digests) {
        if (!checked.firmaValida) {
          console.log(`DIGEST ${checked.file}: the signature does not verify`)
          failed = true
        }
        for (const missing of checked.faltas)
          console.log(
            `DIGEST ${checked.file}: ${missing.stream} at revision ${missing.revision}: ${missing.motivo}`,
          )
        if (checked.faltas.length > 0) failed = true
        console.log(`digest ${checked.file} signed by ${checked.clavePublica}`)
      }
      console.log(failed ? 'verification FAILED' : 'every chain is intact')
      return failed ? 1 : 0
    }
    if (sub === 'migrate-pii') {
      const to = option(rest, '--to')
      if (!to) {
        console.error('usage: npm run audit -- migrate-pii --to <new events file> (with the service stopped)')
        return 2
      }
      if (existsSync(to)) {
        console.error(`${to} exists: migrate-pii writes a new log, it never overwrites one`)
        return 2
      }
      const target = new SqliteEventStore(to)
      // The keys go where the service will look for them: beside the log it reads now.
      const keys = openKeyStore(config, store)
      try {
        const report = await sealExistingLog(store, target, keys, {
          onProgress: (done) => {
            if (done % 10_000 === 0) console.error(`  ${done} events`)
          },
        })
        console.log(
          `copied ${report.copied} events in ${report.streams} streams to ${to}; sealed ${report.sealed} values; every stream chained anew (take a new digest)`,
        )
        if (report.mismatches.length > 0) {
          console.error('count mismatch per stream:', report.mismatches.slice(0, 20))
          return 1
        }
        return 0
      } finally {
        await target.close()
        keys.close()
      }
    }
    if (sub === 'export') {
      const filter: ExportFilter = {}
      for (const name of ['desde', 'hasta', 'stream', 'actor', 'tipo'] as const) {
        const value = option(rest, `--${name}`)
        if (value !== undefined)
          filter[name] = name === 'desde' || name === 'hasta' ? instant(value, name) : value
      }
      for await (const chunk of exportLines(store, filter, rest.includes('--csv') ? 'csv' : 'ndjson')) {
        if (!process.stdout.write(chunk)) await new Promise((done) => process.stdout.once('drain', done))
      }
      return 0
    }
    console.error(
      'usage: npm run audit -- digest [--out file] | verify [digest files…] | migrate-pii --to <file> | export [--desde …] [--hasta …] [--stream …] [--actor …] [--tipo …] [--csv]',
    )
    return 2
  } finally {
    await store.close()
  }
}

/** A date or date-time given on the command line, strictly, as an ISO instant. */
function instant(value: string, name: string): string {
  const millis = parseInstant(value)
  if (millis === null)
    throw new ConfigError(`--${name} ${value}: not a date (YYYY-MM-DD or an ISO date-time with its offset)`)
  return new Date(millis).toISOString()
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error)
    process.exit(1)
  },
)
