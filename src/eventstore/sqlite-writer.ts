import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'
import type { ExpectedRevision } from './port.ts'

/**
 * The embedded store's writer: a worker thread that owns the log's only write connection.
 *
 * Why a thread: better-sqlite3 is synchronous, so a COMMIT with its fsync (synchronous=FULL)
 * held the event loop for its whole duration, and no request was served meanwhile. Here the
 * event loop only posts a batch of appends and receives one answer per batch; HTTP parsing,
 * deciding and projecting go on while the disk syncs.
 *
 * Group commit: the main thread sends one batch at a time and gathers the appends that arrive
 * while a batch is being written into the next one. Each batch is one transaction (one fsync),
 * each append inside its own savepoint so one append's conflict never affects another's. The
 * answer is posted only after COMMIT returns: an acknowledged append is on disk.
 */

/** What the main thread sends: appends already serialised (JSON strings), in arrival order. */
export interface WriterRequest {
  type: 'append'
  batch: WriterAppend[]
}

export interface WriterAppend {
  stream: string
  expectedRevision: ExpectedRevision
  events: Array<{ id: string; type: string; data: string; metadata: string }>
}

/** One answer per append of the batch, in the same order. */
export type WriterOutcome =
  | { ok: true; nextRevision: bigint; position: string; wrote: boolean }
  | {
      ok: false
      kind: 'wrong-version'
      stream: string
      expected: ExpectedRevision
      actual: bigint | 'no_stream'
    }
  | { ok: false; kind: 'error'; message: string }

export type WriterAnswer =
  | { type: 'ready'; synchronous: number }
  | { type: 'appended'; outcomes: WriterOutcome[] }
  /** The transaction itself failed (disk full, I/O error): nothing of the batch is durable. */
  | { type: 'failed'; message: string }

class WrongRevision {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {}
}

function openWriter(path: string) {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  // The log is the source of truth: an acknowledged append must survive power loss.
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  // Transaction control prepared once: exec() would parse the SQL on every append.
  const control = {
    begin: db.prepare('BEGIN IMMEDIATE'),
    savepoint: db.prepare('SAVEPOINT one_append'),
    release: db.prepare('RELEASE one_append'),
    rollbackTo: db.prepare('ROLLBACK TO one_append'),
    commit: db.prepare('COMMIT'),
  }
  const currentRevision = db
    .prepare<[string], number | null>('SELECT max(revision) FROM events WHERE stream = ?')
    .pluck()
  const findById = db.prepare<[string], { position: number; stream: string; revision: number }>(
    'SELECT position, stream, revision FROM events WHERE id = ?',
  )
  const insert = db.prepare<[string, string, number, string, string, string]>(
    'INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  )

  /**
   * Idempotent re-append (EventStoreDB semantics): when the events' ids are already in the
   * stream, in order, right where this append expects to write them, the append already
   * happened — answer with its original result and write nothing. Ids that exist anywhere else
   * are a conflict.
   */
  function alreadyAppended(request: WriterAppend, current: number | null): WriterOutcome | null {
    const first = request.events[0]
    if (!first) return null
    const firstRow = findById.get(first.id)
    if (!firstRow) return null
    const { stream, events, expectedRevision } = request
    const rows = events.map((event) => findById.get(event.id))
    const consecutive = rows.every(
      (row, index) =>
        row !== undefined && row.stream === stream && row.revision === firstRow.revision + index,
    )
    const startsWhereExpected =
      expectedRevision === 'any' ||
      expectedRevision === 'stream_exists' ||
      (expectedRevision === 'no_stream' && firstRow.revision === 0) ||
      (typeof expectedRevision === 'bigint' && BigInt(firstRow.revision) === expectedRevision + 1n)
    if (consecutive && startsWhereExpected) {
      const last = rows[rows.length - 1]!
      return { ok: true, nextRevision: BigInt(last.revision), position: String(last.position), wrote: false }
    }
    throw new WrongRevision(stream, expectedRevision, current === null ? 'no_stream' : BigInt(current))
  }

  function appendOne(request: WriterAppend): WriterOutcome {
    const { stream, events, expectedRevision } = request
    const current = currentRevision.get(stream) ?? null
    const replay = alreadyAppended(request, current)
    if (replay) return replay
    const matches =
      expectedRevision === 'any' ||
      (expectedRevision === 'no_stream' && current === null) ||
      (expectedRevision === 'stream_exists' && current !== null) ||
      (typeof expectedRevision === 'bigint' && current !== null && BigInt(current) === expectedRevision)
    if (!matches)
      throw new WrongRevision(stream, expectedRevision, current === null ? 'no_stream' : BigInt(current))
    if (events.length === 0)
      // Nothing to write; answer with where the stream is (EventStoreDB does the same).
      return { ok: true, nextRevision: current === null ? -1n : BigInt(current), position: '0', wrote: false }
    let revision = current ?? -1
    let position = 0
    for (const event of events) {
      revision += 1
      position = Number(
        insert.run(event.id, stream, revision, event.type, event.data, event.metadata).lastInsertRowid,
      )
    }
    return { ok: true, nextRevision: BigInt(revision), position: String(position), wrote: true }
  }

  function write(batch: WriterAppend[]): WriterAnswer {
    const outcomes: WriterOutcome[] = []
    try {
      control.begin.run()
      for (const request of batch) {
        control.savepoint.run()
        try {
          outcomes.push(appendOne(request))
          control.release.run()
        } catch (error) {
          control.rollbackTo.run()
          control.release.run()
          outcomes.push(
            error instanceof WrongRevision
              ? {
                  ok: false,
                  kind: 'wrong-version',
                  stream: error.stream,
                  expected: error.expected,
                  actual: error.actual,
                }
              : { ok: false, kind: 'error', message: (error as Error).message },
          )
        }
      }
      control.commit.run()
      return { type: 'appended', outcomes }
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK')
      return { type: 'failed', message: (error as Error).message }
    }
  }

  return { db, write }
}

// The worker's body: runs only inside the thread SqliteEventStore starts.
if (parentPort !== null && (workerData as { role?: string } | null)?.role === 'mesa-sqlite-writer') {
  const port = parentPort
  const writer = openWriter((workerData as { path: string }).path)
  port.postMessage({
    type: 'ready',
    synchronous: writer.db.pragma('synchronous', { simple: true }) as number,
  } satisfies WriterAnswer)
  port.on('message', (message: WriterRequest | { type: 'close' }) => {
    if (message.type === 'close') {
      writer.db.close()
      port.close()
      return
    }
    port.postMessage(writer.write(message.batch) satisfies WriterAnswer)
  })
}
