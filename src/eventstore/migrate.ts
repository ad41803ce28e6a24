import type { EventStore, RecordedEvent } from './port.ts'

export interface MigrationReport {
  copied: number
  skipped: number
  streams: number
  /** Streams whose event count differs between source and target after the copy (should be none). */
  mismatches: Array<{ stream: string; source: number; target: number }>
}

/**
 * Copies every event of `source` to `target` in the source's global order, with the same ids,
 * stream names, types, data and metadata. Each event is appended at the revision it has in the
 * source, so the target ends with identical streams. Safe to rerun: an event whose id is already
 * at its revision in the target is skipped; a different event there is a conflict and stops the
 * copy. At the end, counts are compared stream by stream.
 */
export async function migrateEvents(
  source: Pick<EventStore, 'readAll'>,
  target: EventStore,
  options: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<MigrationReport> {
  const batchSize = options.batchSize ?? 1000
  const sourceCounts = new Map<string, number>()
  /** The target's events per stream, read once per stream, for the skip-by-id check. */
  const targetIds = new Map<string, string[]>()
  let copied = 0
  let skipped = 0
  let after: string | null = null
  for (;;) {
    const batch: RecordedEvent[] = await source.readAll({ after, maxCount: batchSize })
    if (batch.length === 0) break
    for (const event of batch) {
      sourceCounts.set(event.stream, (sourceCounts.get(event.stream) ?? 0) + 1)
      let ids = targetIds.get(event.stream)
      if (!ids) {
        ids = (await target.readStream(event.stream)).map((existing) => existing.id)
        targetIds.set(event.stream, ids)
      }
      const revision = Number(event.revision)
      if (revision < ids.length) {
        if (ids[revision] !== event.id) {
          throw new Error(
            `stream ${event.stream} revision ${revision}: target holds event ${ids[revision]}, source ${event.id}`,
          )
        }
        skipped++
        continue
      }
      await target.append(
        event.stream,
        [{ id: event.id, type: event.type, data: event.data, metadata: event.metadata }],
        {
          expectedRevision: revision === 0 ? 'no_stream' : BigInt(revision - 1),
        },
      )
      ids.push(event.id)
      copied++
    }
    after = batch[batch.length - 1]!.position
    options.onProgress?.(copied + skipped)
  }
  const mismatches: MigrationReport['mismatches'] = []
  for (const [stream, count] of sourceCounts) {
    const targetCount = (await target.readStream(stream)).length
    if (targetCount !== count) mismatches.push({ stream, source: count, target: targetCount })
  }
  return { copied, skipped, streams: sourceCounts.size, mismatches }
}
