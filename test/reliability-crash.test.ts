import { copyFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t from 'tap'
import { SqliteEventStore } from '../src/eventstore/sqlite.ts'
import { SqliteKeyStore } from '../src/privacy/key-store.ts'
import { PrivateEventStore } from '../src/privacy/private-store.ts'
import { rebuildReadModels } from '../src/projections/rebuild.ts'
import { loginOver, serverEnv, startServer } from './support/server-process.ts'
import { tempDir } from './support/temp.ts'

const env = (dir: string) =>
  // The load comes from one address: the public per-IP limit would answer 429 to most of it.
  serverEnv(dir, { LOG_LEVEL: 'info', PUBLIC_CREAR_RATE_PER_IP: '100000' })

/**
 * Crash under load: a real server takes concurrent commands and is SIGKILLed mid-run. After a
 * restart, every command that got a 2xx is in the log, the projections converge, and a rebuild
 * equals the live read models.
 */
t.test('SIGKILL under load loses no acknowledged command', async (t) => {
  const dir = tempDir(t)
  const server = await startServer(env(dir))
  t.teardown(() => server.child.kill('SIGKILL'))
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
  const token = await loginOver(server.url)

  /** Every 2xx: ticket id and the revision its answer carried. */
  const acknowledged: Array<{ id: string; revision: number }> = []
  let stop = false
  const worker = async (n: number) => {
    while (!stop) {
      try {
        const created = await post('/api/tickets/crear', {
          asunto: `Carga ${n}`,
          descripcion: 'Prueba de caída bajo carga',
          nombre: 'Carga',
          email: `carga${n}@example.com`,
        })
        if (created.status !== 201) continue
        const { id } = (await created.json()) as { id: string }
        acknowledged.push({ id, revision: 0 })
        for (const [operation, body] of [
          ['pausar', { motivo: 'Esperando' }],
          ['reabrir', { motivo: 'Seguimos' }],
          ['actualizar', { estado: 'EN_PROCESO', prioridad: 'ALTA', area: 'MESA', respuesta: 'En ello' }],
        ] as const) {
          const response = await post(`/api/tickets/${id}/${operation}`, body, token)
          if (response.status !== 200) break
          acknowledged.push({ id, revision: Number(JSON.parse(response.headers.get('etag') ?? '-1')) })
        }
      } catch {
        return // the server is gone
      }
    }
  }
  const workers = Array.from({ length: 16 }, (_, n) => worker(n))
  while (acknowledged.length < 400) await new Promise((resolve) => setTimeout(resolve, 10))
  server.child.kill('SIGKILL')
  stop = true
  await Promise.all(workers)
  await server.exited
  t.ok(acknowledged.length >= 400, `${acknowledged.length} commands acknowledged before the kill`)

  // Every acknowledged command is in the log, at its revision.
  const store = new SqliteEventStore(join(dir, 'events.db'))
  let missing = 0
  const streams = new Map<string, number>()
  for (const ack of acknowledged) streams.set(ack.id, Math.max(streams.get(ack.id) ?? -1, ack.revision))
  for (const [id, revision] of streams) {
    const events = await store.readStream(`ticket-${id}`)
    if (events.length <= revision) missing++
  }
  t.equal(missing, 0, 'no acknowledged command lost')
  await store.close()
  const integrity = new Database(join(dir, 'events.db'), { readonly: true })
  t.equal(integrity.pragma('integrity_check', { simple: true }), 'ok')
  integrity.close()

  // Restart: projections converge on the whole log.
  const again = await startServer(env(dir))
  t.teardown(() => again.child.kill('SIGKILL'))
  let ready = 0
  for (let i = 0; i < 100 && ready !== 200; i++) {
    ready = (await fetch(`${again.url}/ready`)).status
    if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 50))
  }
  t.equal(ready, 200, 'ready: projections caught up')
  for (const [id, revision] of [...streams].slice(0, 50)) {
    const detail = await fetch(`${again.url}/api/tickets/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const body = (await detail.json()) as { revision: number }
    if (body.revision < revision)
      t.fail(`ticket ${id}: read model at ${body.revision}, acknowledged ${revision}`)
  }
  again.child.kill('SIGTERM')
  await again.exited

  // A rebuild from the log equals the live read models, table by table.
  const live = join(dir, 'readmodels.db')
  t.ok(existsSync(live))
  const rebuiltPath = join(dir, 'rebuilt.db')
  const logCopy = join(dir, 'events-copy.db')
  copyFileSync(join(dir, 'events.db'), logCopy)
  // Read as the service reads it: personal data opened with the keys beside the log.
  const copy = new PrivateEventStore(
    new SqliteEventStore(logCopy),
    new SqliteKeyStore(join(dir, 'claves.db')),
  )
  await rebuildReadModels(copy, rebuiltPath)
  await copy.close()
  const a = new Database(live, { readonly: true })
  const b = new Database(rebuiltPath, { readonly: true })
  for (const table of ['tickets', 'ticket_respuestas', 'consulta_publica', 'conteo_estados', 'users']) {
    const order = table === 'conteo_estados' ? '1, 2, 3' : '1'
    t.same(
      b.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all(),
      a.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all(),
      `${table} equal after rebuild`,
    )
  }
  a.close()
  b.close()
})
