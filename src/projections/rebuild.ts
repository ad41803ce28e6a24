import { existsSync, renameSync, rmSync } from 'node:fs'
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
  const batchSize = options.batchSize ?? 10_000
  const temporary = `${targetPath}.rebuild-${process.pid}`
  removeDatabase(temporary)
  const started = process.hrtime.bigint()
  const db = openReadModel(temporary)
  // Nothing to protect while building: a crash leaves only a temporary file to throw away.
  db.pragma('synchronous = OFF')
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

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) rmSync(path + suffix)
  }
}
