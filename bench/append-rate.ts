/**
 * Quick figure for the embedded store: appends/s one at a time (each waits for its own fsync)
 * against many in flight (group commit shares one fsync among them). Run: npm run bench:append
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteEventStore } from '../src/eventstore/sqlite.ts'

const metadata = {
  actor: { id: null, rol: 'SISTEMA', nombre: 'bench' },
  occurredAt: new Date().toISOString(),
  schemaVersion: 1,
}
const event = () => ({ id: randomUUID(), type: 'Bench', data: { texto: 'x'.repeat(200) }, metadata })

async function measure(label: string, total: number, inFlight: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'mesa-bench-'))
  const store = new SqliteEventStore(join(dir, 'events.db'))
  // The writer thread starts with the first append (from source, with tsx's loader: most of a
  // second); start it before the clock does.
  await store.synchronousLevel()
  let next = 0
  const started = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) {
        const i = next++
        await store.append(`bench-${i}`, [event()], { expectedRevision: 'no_stream' })
      }
    }),
  )
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  await store.close()
  rmSync(dir, { recursive: true, force: true })
  const rate = total / seconds
  console.log(
    `${label.padEnd(28)} ${total} appends in ${seconds.toFixed(2)} s = ${Math.round(rate)} appends/s`,
  )
  return rate
}

const sequential = await measure('one at a time', 2000, 1)
const concurrent = await measure('256 in flight (group commit)', 50000, 256)
console.log(`ratio concurrent/sequential: ${(concurrent / sequential).toFixed(1)}x`)
