import { existsSync, renameSync, rmSync } from 'node:fs'
import type Database from 'better-sqlite3'
import type { SlaPolicy } from '../domain/sla.ts'
import type { EventStore } from '../eventstore/port.ts'
import { openReadModel } from './database.ts'
import { allProjectors } from './read-models.ts'
import { ProjectionRunner } from './runner.ts'

export interface RebuildReport {
  events: number
  seconds: number
  eventsPerSecond: number
}

/**
 * Replays the whole log into a fresh read-model file next to `targetPath`, then swaps it in with
 * one rename (atomic on POSIX). Run it while the service is stopped: a running service keeps the
 * old file open (see docs/read-models.md for doing it on a live system).
 */
export async function rebuildReadModels(
  store: EventStore,
  targetPath: string,
  options: { batchSize?: number; onProgress?: (events: number) => void; sla?: SlaPolicy } = {},
): Promise<RebuildReport> {
  // 5,000 events a transaction: each batch is parsed and folded in memory at once, and 10,000
  // cost about 60 MB more peak RSS (measured at 200,000 tickets) for no measurable gain in rate.
  const batchSize = options.batchSize ?? 5_000
  const temporary = `${targetPath}.rebuild-${process.pid}`
  removeDatabase(temporary)
  const started = process.hrtime.bigint()
  const db = openReadModel(temporary)
  // Nothing to protect while building: a crash leaves only a temporary file to throw away.
  db.pragma('synchronous = OFF')
  const deferred = dropSecondaryIndexes(db)
  const runner = new ProjectionRunner(store, db, allProjectors(db, options.sla))
  let after: string | null = null
  let events = 0
  for (;;) {
    const batch = await store.readAll({ after, maxCount: batchSize })
    if (batch.length === 0) break
    runner.apply(batch)
    events += batch.length
    after = batch[batch.length - 1]!.position
    options.onProgress?.(events)
  }
  for (const sql of deferred) db.exec(sql)
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  // The old file's WAL must not be replayed into the new file.
  rmSync(`${targetPath}-wal`, { force: true })
  rmSync(`${targetPath}-shm`, { force: true })
  renameSync(temporary, targetPath)
  rmSync(`${temporary}-wal`, { force: true })
  rmSync(`${temporary}-shm`, { force: true })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return { events, seconds, eventsPerSecond: events / Math.max(seconds, 1e-9) }
}

/** The privacy projector renames an erased agent with `UPDATE tickets … WHERE agente_id = ?`. */
const KEPT_INDEXES = new Set(['tickets_agente'])

/**
 * Drops the read models' secondary indexes and returns the statements that create them again.
 * Built once from the finished tables (a sort), an index costs a fraction of keeping it up to date
 * row by row while millions of rows go in at random places in it. What the projectors look rows
 * up by while replaying — primary keys and UNIQUE constraints (a ticket by id, by codigo) — are
 * not in sqlite_master's `sql` as CREATE INDEX, so they stay, and so do the indexes a projector
 * updates by (KEPT_INDEXES).
 */
function dropSecondaryIndexes(db: Database.Database): string[] {
  const indexes = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
    )
    .all()
    .filter((index) => !KEPT_INDEXES.has(index.name))
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`)
  return indexes.map((index) => index.sql)
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) rmSync(path + suffix)
  }
}
