import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import t, { type Test } from 'tap'
import { eventHash, linkOf, verifyStream } from '../src/audit/chain.ts'
import { verifyLog } from '../src/audit/digest.ts'
import { EsdbEventStore } from '../src/eventstore/esdb.ts'
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, testApp } from './support/app.ts'
import { EsdbDouble } from './support/esdb-double.ts'
import { pageText, webClient } from './support/web-client.ts'
import { loginOver, serverEnv, startServer } from './support/server-process.ts'
import { tempDir } from './support/temp.ts'

// The million-event export below folds the whole log on a cold start before it measures: with the
// other servers of this file, on a loaded two-core machine that takes longer than the suite's
// 180 s per file (66 s for that test alone under a load average of 8).
t.setTimeout(360_000)

const run = promisify(execFile)
const cli = join(import.meta.dirname, '..', 'src', 'cli.ts')

/** `npm run audit -- …` as a real process on DATA_DIR: its exit code and output. */
async function audit(dataDir: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', cli, 'audit', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, ADMIN_EMAIL, ADMIN_PASSWORD, LOG_LEVEL: 'silent', ...env },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

/** A log with users, two worked tickets and their reservations, written by the real app. */
async function seededLog(t: Test) {
  const h = await testApp(t)
  const ids: string[] = []
  for (const n of [1, 2]) {
    const { id } = await h.ticket({ asunto: `Asunto ${n}` })
    ids.push(id)
    for (const motivo of ['Esperando al proveedor', 'El proveedor respondió']) {
      const operation = motivo.startsWith('Esperando') ? 'pausar' : 'reabrir'
      const response = await h.op(h.adminToken, id, operation, { motivo })
      if (response.statusCode !== 200) throw new Error(response.body)
    }
  }
  await h.app.close()
  return { dir: h.dir, ids, h }
}

t.test('every appended event is chained to the one before it in its stream', async (t) => {
  const h = await testApp(t)
  const { id } = await h.ticket()
  await h.op(h.adminToken, id, 'pausar', { motivo: 'Esperando al proveedor' })
  const events = await h.app.store.readStream(`ticket-${id}`)
  t.equal(events.length, 2)
  t.equal(linkOf(events[0]!)!.previo, '', 'the first event chains to nothing')
  t.equal(linkOf(events[1]!)!.previo, linkOf(events[0]!)!.hash)
  t.equal(linkOf(events[1]!)!.hash, eventHash(linkOf(events[0]!)!.hash, events[1]!))
  t.same(verifyStream(`ticket-${id}`, events).ruptura, null)
  // Reservation, user and webhook streams too (every append path of the service).
  const hook = await h.inject({
    method: 'POST',
    url: '/api/webhooks',
    headers: bearer(h.adminToken),
    payload: { url: 'https://example.com/hook', descripcion: 'Integración' },
  })
  t.equal(hook.statusCode, 201, hook.body)
  const patched = await h.inject({
    method: 'PATCH',
    url: `/api/webhooks/${hook.json().id}`,
    headers: bearer(h.adminToken),
    payload: { activo: false },
  })
  t.equal(patched.statusCode, 200, patched.body)
  const all = await h.app.store.readAll()
  t.ok(
    all.some((event) => event.stream.startsWith('webhook')),
    'a webhook stream was written',
  )
  t.same(
    all.filter((event) => linkOf(event) === null).map((event) => event.stream),
    [],
    'no unchained event',
  )
  t.same((await verifyLog(h.app.store)).breaks, [], 'every chain verifies')
  const historial = await h.inject({ url: `/api/tickets/${id}/historial`, headers: bearer(h.adminToken) })
  t.equal(historial.statusCode, 200)
})

t.test('verify: a clean log passes; one changed byte names its stream and revision', async (t) => {
  const { dir, ids } = await seededLog(t)
  const clean = await audit(dir, ['verify'])
  t.equal(clean.code, 0, clean.stdout + clean.stderr)
  t.match(clean.stdout, /every chain is intact/)

  const db = new Database(join(dir, 'events.db'))
  db.prepare(
    "UPDATE events SET data = replace(data, 'Esperando', 'Esperanda') WHERE stream = ? AND revision = 1",
  ).run(`ticket-${ids[0]}`)
  db.close()
  const tampered = await audit(dir, ['verify'])
  t.equal(tampered.code, 1)
  t.match(tampered.stdout, new RegExp(`BROKEN ticket-${ids[0]} at revision 1: .*modificado`))
  t.notMatch(tampered.stdout, new RegExp(`BROKEN ticket-${ids[1]}`), 'the other ticket is intact')
})

t.test('verify: two events swapped within a stream are reported', async (t) => {
  const { dir, ids } = await seededLog(t)
  const db = new Database(join(dir, 'events.db'))
  const stream = `ticket-${ids[1]}`
  db.transaction(() => {
    db.prepare('UPDATE events SET revision = -1 WHERE stream = ? AND revision = 1').run(stream)
    db.prepare('UPDATE events SET revision = 1 WHERE stream = ? AND revision = 2').run(stream)
    db.prepare('UPDATE events SET revision = 2 WHERE stream = ? AND revision = -1').run(stream)
  })()
  db.close()
  const result = await audit(dir, ['verify'])
  t.equal(result.code, 1)
  t.match(result.stdout, new RegExp(`BROKEN ${stream} at revision`))
})

t.test(
  'digest: the last event of a stream deleted behind a digest is reported; a later digest vouches for more',
  async (t) => {
    const { dir, ids } = await seededLog(t)
    const keys = tempDir(t)
    const key = join(keys, 'audit.pem')
    const out = join(keys, 'digest-1.json')
    const made = await audit(dir, ['digest', '--out', out], { AUDIT_SIGNING_KEY: key })
    t.equal(made.code, 0, made.stderr)
    t.match(made.stderr, /public key \(give it to the auditors\): [A-Za-z0-9+/=]+/)
    const digest = JSON.parse(readFileSync(out, 'utf8'))
    t.equal(digest.streams[`ticket-${ids[0]}`].revision, 2)
    t.equal((await audit(dir, ['verify', out])).code, 0, 'the log holds what the digest vouched for')

    // The tail of a stream removed: every remaining chain is intact, only the digest can tell.
    const db = new Database(join(dir, 'events.db'))
    db.prepare('DELETE FROM events WHERE stream = ? AND revision = 2').run(`ticket-${ids[0]}`)
    db.close()
    const chainsOnly = await audit(dir, ['verify'])
    t.equal(chainsOnly.code, 0, 'a truncated tail leaves the chains intact')
    const withDigest = await audit(dir, ['verify', out])
    t.equal(withDigest.code, 1)
    t.match(withDigest.stdout, new RegExp(`DIGEST .*ticket-${ids[0]} at revision 2: .*truncó`))

    // A signing key inside DATA_DIR is refused.
    const inside = await audit(dir, ['digest'], { AUDIT_SIGNING_KEY: join(dir, 'audit.pem') })
    t.equal(inside.code, 2)
    t.match(inside.stderr, /outside DATA_DIR/)
  },
)

t.test('digest: a rewritten stream (same length, another content re-chained) is reported', async (t) => {
  const { dir, ids } = await seededLog(t)
  const keys = tempDir(t)
  const out = join(keys, 'digest.json')
  t.equal((await audit(dir, ['digest', '--out', out], { AUDIT_SIGNING_KEY: join(keys, 'k.pem') })).code, 0)
  // Whoever holds the database rewrites an event and recomputes the whole chain after it.
  const db = new Database(join(dir, 'events.db'))
  const stream = `ticket-${ids[1]}`
  const rows = db
    .prepare(
      'SELECT position, id, stream, revision, type, data, metadata FROM events WHERE stream = ? ORDER BY revision',
    )
    .all(stream) as Array<{
    position: number
    stream: string
    revision: number
    type: string
    data: string
    metadata: string
  }>
  let previous = ''
  for (const row of rows) {
    const data = JSON.parse(row.data.replace('El proveedor respondió', 'Nunca respondió'))
    const { cadena: _old, ...metadata } = JSON.parse(row.metadata)
    const hash = eventHash(previous, {
      stream: row.stream,
      revision: BigInt(row.revision),
      type: row.type,
      data,
      metadata,
    })
    db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
      JSON.stringify(data),
      JSON.stringify({ ...metadata, cadena: { previo: previous, hash } }),
      row.position,
    )
    previous = hash
  }
  db.close()
  t.equal((await audit(dir, ['verify'])).code, 0, 're-chained: the chains alone cannot tell')
  const checked = await audit(dir, ['verify', out])
  t.equal(checked.code, 1)
  t.match(checked.stdout, new RegExp(`DIGEST .*${stream} at revision 2: .*reescribió`))
})

t.test('the same chain checks on the EventStoreDB test double', async (t) => {
  const double = new EsdbDouble()
  const url = await double.start()
  t.teardown(() => double.stop())
  const store = await EsdbEventStore.connect(url, 10_000)
  const h = await testApp(t, {}, store)
  const { id } = await h.ticket()
  await h.op(h.adminToken, id, 'pausar', { motivo: 'Esperando al proveedor' })
  const report = await verifyLog(h.app.store)
  t.same(report.breaks, [])
  t.ok(report.events >= 4, `${report.events} events checked`)
  const events = await h.app.store.readStream(`ticket-${id}`)
  t.equal(linkOf(events[1]!)!.previo, linkOf(events[0]!)!.hash)
})

t.test('export: filters, NDJSON and CSV agree, in log order, ADMIN only', async (t) => {
  const h = await testApp(t)
  const mesa = await h.user('MESA')
  const first = await h.ticket()
  const second = await h.ticket()
  await h.op(h.adminToken, first.id, 'pausar', { motivo: 'Esperando al proveedor' })
  await h.op(mesa.token, second.id, 'pausar', { motivo: 'Esperando, con "comillas", y comas' })

  const get = (query: string, accept?: string, token = h.adminToken) =>
    h.inject({
      url: `/api/auditoria/eventos${query}`,
      headers: { ...bearer(token), ...(accept ? { accept } : {}) },
    })
  const ndjson = await get('')
  t.equal(ndjson.statusCode, 200)
  t.match(ndjson.headers['content-type'], /application\/x-ndjson/)
  const records = ndjson.body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  const all = await h.app.store.readAll()
  t.same(
    records.map((record) => record.id),
    all.map((event) => event.id),
    'every event, in log order',
  )
  t.ok(records.every((record) => typeof record.hash === 'string' && record.hash.length === 64))

  const csv = await get('', 'text/csv')
  t.match(csv.headers['content-type'], /text\/csv/)
  const rows = csv.body.trim().split('\r\n')
  t.equal(
    rows[0],
    'posicion,stream,revision,id,tipo,fecha,actor_id,actor_rol,actor_nombre,hash,hash_previo,datos',
  )
  t.equal(rows.length - 1, records.length, 'one CSV row per event')
  t.ok(
    records.every(
      (record, index) => rows[index + 1]!.includes(record.id) && rows[index + 1]!.includes(record.hash),
    ),
    'same events, same order, same hashes',
  )

  const byStream = (await get(`?stream=ticket-${second.id}`)).body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  t.same(
    byStream.map((record) => record.tipo),
    ['TicketCreado', 'TicketPausado'],
  )
  const byActor = (await get(`?actor=${mesa.id}`)).body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  t.ok(byActor.length >= 1 && byActor.every((record) => record.actor.id === mesa.id))
  const byType = (await get('?tipo=TicketPausado')).body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  t.equal(byType.length, 2)
  const future = await get('?desde=2999-01-01')
  t.equal(future.body, '', 'nothing after a future date')
  const bad = await get('?desde=2024-02-30')
  t.equal(bad.statusCode, 400)
  t.match(bad.headers['content-type'], /problem\+json/)
  t.equal((await get('', undefined, mesa.token)).statusCode, 403, 'MESA may not export')
  t.equal((await h.inject({ url: '/api/auditoria/eventos' })).statusCode, 401)
})

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

t.test('the console timeline shows whether the chain holds', async (t) => {
  const h = await testApp(t)
  const { id } = await h.ticket()
  await h.op(h.adminToken, id, 'pausar', { motivo: 'Esperando al proveedor' })
  const web = webClient(h)
  await web.login(ADMIN_EMAIL, ADMIN_PASSWORD)
  const intact = await web.get(`/app/tickets/${id}`)
  t.equal(intact.statusCode, 200)
  t.match(pageText(intact.body), 'Cadena de hashes verificada hasta la revisión 1')
  const api = await h.inject({
    url: `/api/tickets/${id}/historial/verificacion`,
    headers: bearer(h.adminToken),
  })
  t.match(api.json(), { eventos: 2, intacta: true, ruptura: null })

  // Someone edits the pause's motivo straight in the database.
  const db = new Database(join(h.dir, 'events.db'))
  db.prepare(
    "UPDATE events SET data = replace(data, 'proveedor', 'cliente') WHERE stream = ? AND revision = 1",
  ).run(`ticket-${id}`)
  db.close()
  const broken = await web.get(`/app/tickets/${id}`)
  t.match(pageText(broken.body), 'Cadena de hashes rota en la revisión 1')
  const after = await h.inject({ url: `/api/tickets/${id}/historial`, headers: bearer(h.adminToken) })
  t.same(
    after.json().map((entry: { verificacion: { estado: string } }) => entry.verificacion.estado),
    ['intacta', 'rota'],
  )
  const summary = await h.inject({
    url: `/api/tickets/${id}/historial/verificacion`,
    headers: bearer(h.adminToken),
  })
  t.match(summary.json(), { intacta: false, ruptura: { revision: 1 } })
})
