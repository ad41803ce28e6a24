import { spawn } from 'node:child_process'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t from 'tap'
import { SqliteEventStore } from '../src/eventstore/sqlite.ts'
import { tempDir } from './support/temp.ts'

const fixture = join(import.meta.dirname, 'fixtures', 'crash-appender.ts')

t.test('SIGKILL under concurrent appends: every acknowledged event survives, in order', async (t) => {
  const path = join(tempDir(t), 'crash.db')
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, path], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const acked = new Map<string, { revision: bigint; position: string }>()
  let buffer = ''
  let count = 0
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', () => resolve())
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) {
        const [word, stream, revision, position] = line.split(' ')
        if (word !== 'ack') continue
        acked.set(stream!, { revision: BigInt(revision!), position: position! })
        // Kill it mid-run, while appends are in flight.
        if (++count === 1500) child.kill('SIGKILL')
      }
    })
  })
  t.equal(child.signalCode, 'SIGKILL', 'the child was killed, not finished')
  t.ok(count >= 1500, `${count} acknowledgements before the kill`)

  const db = new Database(path)
  t.equal(db.pragma('integrity_check', { simple: true }), 'ok', 'integrity_check is ok')
  db.close()

  const store = new SqliteEventStore(path)
  for (const [stream, ack] of acked) {
    const events = await store.readStream(stream)
    t.ok(events.length > Number(ack.revision), `${stream}: acknowledged revision ${ack.revision} is there`)
    t.same(
      events.map((event) => event.revision),
      events.map((_, i) => BigInt(i)),
      `${stream}: revisions contiguous`,
    )
    t.equal(events[Number(ack.revision)]!.position, ack.position, `${stream}: at the acknowledged position`)
  }
  const all = await store.readAll()
  t.ok(
    all.every((event, i) => i === 0 || Number(event.position) > Number(all[i - 1]!.position)),
    'global order intact',
  )
  await store.close()
})
