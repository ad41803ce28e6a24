/**
 * Entry point: opens the embedded event store under DATA_DIR and logs where it is. The HTTP
 * API is mounted here once it exists (see README).
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import pino from 'pino'
import { SqliteEventStore } from './eventstore/sqlite.ts'

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' })
const dataDir = resolve(process.env.DATA_DIR ?? './data')
mkdirSync(dataDir, { recursive: true })
const path = join(dataDir, 'events.db')
const store = new SqliteEventStore(path)
logger.info({ path, events: (await store.readAll()).length }, 'embedded event store open')

const shutdown = async () => {
  await store.close()
  logger.info('event store closed')
  process.exit(0)
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
setInterval(() => {}, 1 << 30)
