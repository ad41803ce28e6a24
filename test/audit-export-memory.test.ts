import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t from 'tap'
import { bearer } from './support/app.ts'
import { loginOver, serverEnv, startServer } from './support/server-process.ts'
import { tempDir } from './support/temp.ts'

// Its own file (and so its own time budget): a million events are written, folded by a real
// server's read models, then exported. On a loaded machine that takes minutes, not seconds.
t.setTimeout(600_000)
t.test('export streams a million events with flat memory', async (t) => {
  const dir = tempDir(t)
  // A million events written straight into the embedded log (as a long-lived service would have).
  const db = new Database(join(dir, 'events.db'))
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
    stream TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
    metadata TEXT NOT NULL, UNIQUE (stream, revision))`)
  const insert = db.prepare(
    'INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, 0, ?, ?, ?)',
  )
  const metadata = JSON.stringify({
    actor: { id: null, rol: 'ANONIMO', nombre: 'carga' },
    occurredAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
  })
  const data = JSON.stringify({ asunto: 'Carga de prueba para la exportación', n: 0 })
  db.transaction(() => {
    for (let n = 0; n < 1_000_000; n++) insert.run(`e-${n}`, `carga-${n}`, 'Carga', data, metadata)
  })()
  db.close()
  // A real server whose heap is capped at 96 MB: an export that gathered its ~450 MB answer in
  // memory would die of it. Its resident memory is read from /proc while the answer streams.
  const server = await startServer(
    serverEnv(dir, {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=96`,
    }),
    // On a cold start the read models fold the million events beside the boot.
    { startTimeoutMs: 120_000 },
  )
  t.teardown(() => {
    server.child.kill('SIGKILL')
  })
  // The read models first fold the million events; measure the export alone, after that.
  const deadline = Date.now() + 150_000
  let ready = false
  while (!ready && Date.now() < deadline) {
    ready = (await fetch(`${server.url}/ready`)).status === 200
    if (!ready) await new Promise((done) => setTimeout(done, 500))
  }
  t.ok(ready, 'read models caught up')
  const residentMb = () => {
    const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024
  }
  const token = await loginOver(server.url)
  const before = residentMb()
  let peak = before
  let lines = 0
  let chunks = 0
  const response = await fetch(`${server.url}/api/auditoria/eventos?tipo=Carga`, {
    headers: bearer(token),
  })
  const reader = response.body!.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    for (const byte of value) if (byte === 10) lines++
    if (++chunks % 64 === 0) peak = Math.max(peak, residentMb())
  }
  t.equal(lines, 1_000_000, 'every event exported')
  t.equal(server.child.exitCode, null, 'the server is still up')
  const growth = peak - before
  t.ok(growth < 150, `the server's RSS grew ${growth.toFixed(0)} MB over the export (the answer is ~450 MB)`)
})
