/**
 * npm run bench — every scenario of the benchmark issue, each against a baseline measured in the
 * same run, load from this process (autocannon) against server processes over loopback.
 * Writes bench/results/latest.json and prints a table. Scale with BENCH_TICKETS (default 1e6)
 * and BENCH_SECONDS (default 10). `npm run bench -- --peer` adds, to the commands group, the same
 * `actualizar` load against an Emmett + PostgreSQL peer (bench/peers/emmett-pg, docs/performance.md).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import autocannon from 'autocannon'
import { SMTPServer } from 'smtp-server'
import Database from 'better-sqlite3'
import { SqliteEventStore } from '../src/eventstore/sqlite.ts'
import { openReadModel } from '../src/projections/database.ts'
import { generateTickets } from './generate.ts'

const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000)
/** Comma list of scenario groups to run (commands, dashboard, login, notifications, console); all by default. */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'commands,dashboard,login,notifications,console').split(','))
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
/** `--peer`: the commands group also runs against the Emmett + PostgreSQL peer (issue 16). */
const PEER = process.argv.slice(2).includes('--peer')
/** The peer's database; the bench drops and creates it on each run, so the role needs CREATEDB. */
const PEER_DATABASE_URL =
  process.env.BENCH_PEER_DATABASE_URL ?? 'postgres://mesa_bench:mesa_bench@127.0.0.1:5432/mesa_bench_peer'
const PEER_SETUP = [
  'apt-get install -y postgresql',
  'pg_ctlcluster 15 main start',
  `su postgres -c "psql -c \\"CREATE ROLE mesa_bench LOGIN CREATEDB PASSWORD 'mesa_bench'\\""`,
].join('\n')
/** Directory for V8 CPU profiles of the service processes (`--cpu-prof`); off when unset. */
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF
const root = join(import.meta.dirname, '..')
const work = mkdtempSync(join(tmpdir(), 'mesa-bench-'))

interface Server {
  child: ChildProcess
  url: string
  peakRssMb(): number
  stop(): Promise<void>
}

/** The service as `npm start` runs it: compiled to dist/, no TypeScript loader in the process. */
const SERVICE = 'dist/server.js'
/** The environment `npm start` (and the Dockerfile) sets for the service: see docs/performance.md. */
const START_ENV = { MALLOC_MMAP_THRESHOLD_: '1048576' }
/** Node flags `npm start` gives the service (package.json); BENCH_START_FLAGS replaces them ("" for none). */
const START_FLAGS = (process.env.BENCH_START_FLAGS ?? '--heap-growing-percent=50').split(' ').filter(Boolean)
execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })

/**
 * The notifications scenario runs with e-mail on (issue 15): a local SMTP sink in this process
 * that accepts and discards every message, so the service's e-mail subscriber does its real work
 * (templates, nodemailer, SMTP round trips) without a mail server to install.
 */
async function smtpBenchEnv(): Promise<{
  env: Record<string, string>
  received: () => number
  close: () => Promise<void>
}> {
  let received = 0
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      stream.on('data', () => {})
      stream.on('end', () => {
        received++
        done()
      })
    },
  })
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve))
  const port = (sink.server.address() as AddressInfo).port
  return {
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Mesa de Ayuda <bench@example.com>' },
    received: () => received,
    close: () => new Promise<void>((resolve) => sink.close(() => resolve())),
  }
}

async function start(script: string, env: Record<string, string>): Promise<Server> {
  // Under the profiler the service runs from source, so the profile names TypeScript files.
  const profiled = CPU_PROFILE_DIR !== undefined && script === SERVICE
  const entry = join(root, profiled ? 'bench/profiled-server.ts' : script)
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : []
  const flags = script === SERVICE ? START_FLAGS : []
  const child = spawn(process.execPath, [...flags, ...loader, entry], {
    env: { ...process.env, ...START_ENV, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 600_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /(?:listening|Server listening at) (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', () => reject(new Error(`${script} exited:\n${output}`)))
  })
  // Keep draining the pipes (a full pipe would block the server), but stop collecting.
  child.stdout!.removeAllListeners('data').on('data', () => {})
  child.stderr!.removeAllListeners('data').on('data', () => {})
  console.error(`  started ${script} at ${url}`)
  return {
    child,
    url,
    peakRssMb: () => peakRssMb(child.pid!),
    async stop() {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    },
  }
}

/**
 * Seconds from spawning the service to its first 200 from /ready (polled every 10 ms once it
 * listens), then stops it.
 */
async function secondsToReady(env: Record<string, string>): Promise<number> {
  const started = process.hrtime.bigint()
  const server = await start(SERVICE, env)
  for (;;) {
    const ready = await fetch(`${server.url}/ready`).catch(() => null)
    if (ready?.status === 200) break
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  await server.stop()
  return seconds
}

/** The process's peak resident set so far (Linux VmHWM), in MB; 0 once it has exited. */
function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
  } catch {
    return 0
  }
}

/**
 * CPU seconds (user + system) the processes have used so far, from /proc/<pid>/stat; a process
 * that has gone counts 0. Linux clock ticks are 1/100 s.
 */
function cpuSeconds(pids: number[]): number {
  let ticks = 0
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {}
  }
  return ticks / 100
}

/** The PostgreSQL server's processes (postmaster, backends, writers) on this machine. */
function postgresPids(): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry))
    } catch {}
  }
  return pids
}

/** The CLI behind `npm run rebuild`, compiled as production runs it; timed, with its peak RSS. */
async function rebuildCli(dataDir: string): Promise<{ events: number; seconds: number; peakRssMb: number }> {
  const child = spawn(process.execPath, [...START_FLAGS, join(root, 'dist/cli.js'), 'rebuild'], {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  let peak = 0
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  // VmHWM only grows, so the last reading before exit is the peak (to within 100 ms).
  const poll = setInterval(() => (peak = Math.max(peak, peakRssMb(child.pid!))), 100)
  const started = process.hrtime.bigint()
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  clearInterval(poll)
  if (code !== 0) throw new Error(`rebuild failed (${code}):\n${output}`)
  const events = Number(/rebuilt: (\d+) events/.exec(output)?.[1] ?? Number.NaN)
  return { events, seconds, peakRssMb: peak }
}

type Cannon = autocannon.Options & { requests?: autocannon.Request[] }
async function load(options: Cannon): Promise<{
  rps: number
  p50: number
  p95: number
  p99: number
  non2xx: number
  errors: number
  status5xx: number
}> {
  const result = await autocannon({ duration: SECONDS, ...options })
  const latency = result.latency as unknown as Record<string, number>
  return {
    rps: Math.round(result.requests.average),
    p50: latency.p50!,
    p95:
      latency.p97_5 !== undefined && latency.p95 === undefined
        ? latency.p97_5
        : (latency.p95 ?? latency.p97_5!),
    p99: latency.p99!,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    status5xx: result['5xx'],
  }
}

async function json(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers }
}

const admin = { ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'admin-secreto-123' }
// The load comes from one address: the per-IP limits of the public endpoints would cut it short.
const unlimited = {
  LOGIN_RATE_PER_IP: '100000',
  LOGIN_FAILURES_PER_IP_EMAIL: '100000',
  LOGIN_FAILURES_PER_EMAIL: '100000',
  PUBLIC_CREAR_RATE_PER_IP: '100000',
  PUBLIC_CONSULTAR_RATE_PER_IP: '100000',
}
async function login(url: string, email: string, password: string): Promise<string> {
  const { body } = await json(`${url}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  })
  return body.token
}
async function user(
  url: string,
  adminToken: string,
  rol: string,
  area?: string,
): Promise<{ id: string; token: string }> {
  const email = `${rol.toLowerCase()}-${Math.random().toString(36).slice(2)}@example.com`
  const created = await json(`${url}/api/auth/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({
      email,
      nombre: `${rol} bench`,
      password: 'temporal1',
      rol,
      ...(area ? { area } : {}),
    }),
  })
  const first = await login(url, email, 'temporal1')
  const changed = await json(`${url}/api/auth/password`, {
    method: 'POST',
    headers: { authorization: `Bearer ${first}` },
    body: JSON.stringify({ passwordActual: 'temporal1', passwordNuevo: 'definitiva1' }),
  })
  return { id: created.body.user_id, token: changed.body.token }
}

const crearBody = JSON.stringify({
  asunto: 'Sin correo',
  descripcion: 'No puedo enviar correos desde esta mañana',
  nombre: 'Pedro',
  email: 'pedro@example.com',
})
/** Each connection creates a ticket, then walks it through valid operations, then starts again. */
function commandMix(token: string, agents: [string, string]): autocannon.Request[] {
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${token}` }
  const on = (operation: string, body: object): autocannon.Request => ({
    method: 'POST',
    headers: auth,
    body: JSON.stringify(body),
    setupRequest: (request, context) => ({
      ...request,
      path: `/api/tickets/${(context as { id: string }).id}/${operation}`,
    }),
  })
  return [
    {
      method: 'POST',
      path: '/api/tickets/crear',
      headers: auth,
      body: crearBody,
      onResponse: (_status, body, context) => {
        try {
          ;(context as { id: string }).id = JSON.parse(body).id
        } catch {}
      },
    },
    on('pausar', { motivo: 'Esperando al proveedor' }),
    on('reabrir', { motivo: 'El proveedor respondió' }),
    on('actualizar', {
      estado: 'EN_PROCESO',
      prioridad: 'ALTA',
      area: 'MESA',
      respuesta: 'Estamos trabajando en ello',
    }),
    on('asignar', { agenteId: agents[0], motivo: 'Primer agente' }),
    on('asignar', { agenteId: agents[1], motivo: 'Segundo agente' }),
  ]
}

const results: Record<string, unknown> = {}
const step = (message: string) => console.error(`[bench] ${message}`)
const table: Array<[string, string, string, string, string, string]> = []
/** `met`: "met" or "missed" for the target, or one verdict per part of it ("ratio missed; p99 met"). */
const row = (
  scenario: string,
  figure: string,
  baseline: string,
  ratio: string,
  target: string,
  met: string,
) => table.push([scenario, figure, baseline, ratio, target, met])
const verdict = (ok: boolean) => (ok ? 'met' : 'missed')
/** Printed under the table: why a row is missing, and what to do about it. */
const notes: string[] = []

/** The plain commands scenario's throughput in this run (the notifications scenario's baseline). */
let plainCommandsRps: number | null = null

// ---------------------------------------------------------------------------------------------
// commands and hot ticket
if (ONLY.has('commands')) {
  step('commands: baseline')
  const baseline = await start('bench/baseline-server.ts', {})
  const base = await load({ url: baseline.url, connections: 50, requests: commandMix('x', ['a', 'b']) })
  await baseline.stop()

  const dir = join(work, 'commands')
  mkdirSync(dir)
  const server = await start(SERVICE, { DATA_DIR: dir, ...admin, ...unlimited })
  const adminToken = await login(server.url, admin.ADMIN_EMAIL, admin.ADMIN_PASSWORD)
  const a = await user(server.url, adminToken, 'MESA')
  const b = await user(server.url, adminToken, 'MESA')
  step('commands: service')
  const commands = await load({
    url: server.url,
    connections: 50,
    requests: commandMix(adminToken, [a.id, b.id]),
  })
  const commandsRss = server.peakRssMb()
  plainCommandsRps = commands.rps

  const hotIds: string[] = []
  for (let i = 0; i < 10; i++)
    hotIds.push((await json(`${server.url}/api/tickets/crear`, { method: 'POST', body: crearBody })).body.id)
  const hotOps = [
    ['reclasificar', { nuevaPrioridad: 'ALTA', nuevaCategoria: 'Red', motivo: 'Reclasificación' }],
    ['actualizar', { estado: 'EN_PROCESO', prioridad: 'ALTA', area: 'MESA', respuesta: 'Seguimos con ello' }],
    ['pausar', { motivo: 'Pausa breve' }],
    ['reabrir', { motivo: 'Seguimos' }],
  ] as const
  let n = 0
  step('hot ticket')
  const hot = await load({
    url: server.url,
    connections: 50,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        setupRequest: (request) => {
          const [operation, body] = hotOps[n % hotOps.length]!
          const id = hotIds[Math.floor(n / hotOps.length) % hotIds.length]
          n++
          return { ...request, path: `/api/tickets/${id}/${operation}`, body: JSON.stringify(body) }
        },
      },
    ],
  })
  const hotRss = server.peakRssMb()
  await server.stop()
  results.commands = {
    figures: commands,
    baseline: base,
    ratio: commands.rps / base.rps,
    peakRssMb: commandsRss,
    targets: { ratio: '>= 0.30 (issue 16: report it, aim for 0.30)', p99Ms: '<= 50' },
  }
  results.hotTicket = {
    figures: hot,
    baseline: commands,
    ratio: hot.rps / commands.rps,
    peakRssMb: hotRss,
    targets: { ratio: '>= 0.25', status5xx: 0 },
  }
  row(
    'commands',
    `${commands.rps} req/s, p99 ${commands.p99} ms, non-2xx ${commands.non2xx}`,
    `${base.rps} req/s`,
    (commands.rps / base.rps).toFixed(2),
    'aim ≥ 0.30, p99 ≤ 50 ms',
    `ratio ${verdict(commands.rps / base.rps >= 0.3)}; p99 ${verdict(commands.p99 <= 50)}`,
  )
  row(
    'hot ticket',
    `${hot.rps} req/s, 5xx ${hot.status5xx}, 409 etc. ${hot.non2xx}`,
    `${commands.rps} req/s`,
    (hot.rps / commands.rps).toFixed(2),
    '≥ 0.25, no 5xx',
    verdict(hot.rps / commands.rps >= 0.25 && hot.status5xx === 0),
  )
}

// ---------------------------------------------------------------------------------------------
// commands against the Emmett + PostgreSQL peer (issue 16, `--peer`): the same actualizar load
if (PEER && !ONLY.has('commands')) step('--peer runs with the commands group (BENCH_ONLY=commands): ignored')
if (PEER && ONLY.has('commands')) {
  let pgCtlcluster = true
  try {
    execFileSync('sh', ['-c', 'command -v pg_ctlcluster'], { stdio: 'ignore' })
  } catch {
    pgCtlcluster = false
  }
  if (!pgCtlcluster) {
    notes.push(
      `peer skipped: pg_ctlcluster not found. Install and start PostgreSQL, then run again:\n${PEER_SETUP}`,
    )
  } else {
    const PEER_TICKETS = 2_000
    const actualizarBody = JSON.stringify({
      estado: 'EN_PROCESO',
      prioridad: 'ALTA',
      area: 'MESA',
      respuesta: 'Estamos trabajando en ello',
    })
    /**
     * The same procedure for both servers: create PEER_TICKETS tickets (10 at a time), warm up
     * with the actualizar load itself, then measure it. The load spreads over the tickets in
     * turn, so the 50 requests in flight are on 50 different tickets (no version conflicts) and
     * each ticket collects only a handful of responses.
     */
    const actualizarLoad = async (url: string, headers: Record<string, string>, pids: () => number[]) => {
      const ids: string[] = []
      let failed = 0
      const worker = async () => {
        while (ids.length + failed < PEER_TICKETS) {
          const created = await json(`${url}/api/tickets/crear`, { method: 'POST', headers, body: crearBody })
          if (created.status === 201) ids.push(created.body.id)
          else failed++
        }
      }
      await Promise.all(Array.from({ length: 10 }, worker))
      if (failed > 0) throw new Error(`peer comparison: ${failed} crear requests failed on ${url}`)
      let n = 0
      const requests: autocannon.Request[] = [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: actualizarBody,
          setupRequest: (request) => ({
            ...request,
            path: `/api/tickets/${ids[n++ % ids.length]}/actualizar`,
          }),
        },
      ]
      await load({ url, connections: 50, duration: Math.max(2, Math.round(SECONDS / 3)), requests })
      // CPU per request, besides req/s: on a machine shared with other work, a server spread over
      // many processes (node and PostgreSQL's backends) gets more of the cores than one process.
      const measured = pids()
      const cpuBefore = cpuSeconds(measured)
      const figures = await load({ url, connections: 50, requests })
      const cpu = cpuSeconds(measured) - cpuBefore
      const requestsDone = figures.rps * SECONDS
      return { ...figures, cpuSeconds: cpu, cpuMsPerRequest: (cpu * 1000) / Math.max(1, requestsDone) }
    }

    step('peer: Emmett + PostgreSQL, actualizar')
    let peerServer: Server | null = null
    try {
      peerServer = await start('bench/peers/emmett-pg/server.ts', {
        PEER_DATABASE_URL,
        PEER_FRESH_DATABASE: 'true',
      })
    } catch (error) {
      notes.push(
        `peer skipped: it did not start against ${PEER_DATABASE_URL.replace(/:[^:@/]*@/, ':***@')}` +
          ` (${/^(?:\w*Error|error): .*$/m.exec((error as Error).message)?.[0] ?? (error as Error).message.split('\n', 1)[0]}).\n` +
          `Install and start PostgreSQL, or set BENCH_PEER_DATABASE_URL, then run again:\n${PEER_SETUP}`,
      )
    }
    if (peerServer) {
      const peerPid = peerServer.child.pid!
      const peer = await actualizarLoad(peerServer.url, {}, () => [peerPid, ...postgresPids()])
      const peerRss = peerServer.peakRssMb()
      await peerServer.stop()

      step('peer: the service, actualizar')
      const dir = join(work, 'peer-service')
      mkdirSync(dir)
      const server = await start(SERVICE, { DATA_DIR: dir, ...admin, ...unlimited })
      const adminToken = await login(server.url, admin.ADMIN_EMAIL, admin.ADMIN_PASSWORD)
      const ours = await actualizarLoad(server.url, { authorization: `Bearer ${adminToken}` }, () => [
        server.child.pid!,
      ])
      const oursRss = server.peakRssMb()
      await server.stop()
      const ratio = ours.rps / Math.max(1, peer.rps)
      results.peer = {
        tickets: PEER_TICKETS,
        connections: 50,
        figures: ours,
        peer,
        ratio,
        cpuRatio: peer.cpuMsPerRequest / ours.cpuMsPerRequest,
        peakRssMb: oursRss,
        peerPeakRssMb: peerRss,
        targets: { ratio: '>= 10 (service req/s / peer req/s)', p99Ms: '<= 25 (the service)' },
      }
      row(
        'commands vs Emmett+PostgreSQL peer (actualizar, 50 conn.)',
        `${ours.rps} req/s, p99 ${ours.p99} ms, non-2xx ${ours.non2xx}, CPU ${ours.cpuMsPerRequest.toFixed(2)} ms/req`,
        `peer: ${peer.rps} req/s, p99 ${peer.p99} ms, non-2xx ${peer.non2xx}, CPU ${peer.cpuMsPerRequest.toFixed(2)} ms/req (node + PostgreSQL)`,
        `${ratio.toFixed(1)}×`,
        '≥ 10×, p99 ≤ 25 ms (ours)',
        `ratio ${verdict(ratio >= 10)}; p99 ${verdict(ours.p99 <= 25)}`,
      )
    }
  }
}

// ---------------------------------------------------------------------------------------------
// notifications (issue 15): the commands scenario with 5 webhook endpoints on a local receiver
if (ONLY.has('notifications')) {
  const mix = async (url: string) => {
    const adminToken = await login(url, admin.ADMIN_EMAIL, admin.ADMIN_PASSWORD)
    const a = await user(url, adminToken, 'MESA')
    const b = await user(url, adminToken, 'MESA')
    return { adminToken, requests: commandMix(adminToken, [a.id, b.id]) }
  }
  if (plainCommandsRps === null) {
    // Run alone (BENCH_ONLY=notifications): measure the plain scenario here, same run.
    step('notifications: plain commands (baseline)')
    const dir = join(work, 'notifications-plain')
    mkdirSync(dir)
    const server = await start(SERVICE, { DATA_DIR: dir, ...admin, ...unlimited })
    const plain = await load({ url: server.url, connections: 50, requests: (await mix(server.url)).requests })
    await server.stop()
    plainCommandsRps = plain.rps
  }

  // The receiver: answers 204 at once and notes when each (endpoint, webhook-id) arrived.
  const arrivals: number[] = []
  let received = 0
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received++
      try {
        const sent = Date.parse(JSON.parse(Buffer.concat(chunks).toString()).timestamp)
        arrivals.push(Date.now() - sent)
      } catch {}
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`

  const dir = join(work, 'notifications')
  mkdirSync(dir)
  const smtp = await smtpBenchEnv()
  const server = await start(SERVICE, {
    DATA_DIR: dir,
    ...admin,
    ...unlimited,
    WEBHOOK_ALLOW_PRIVATE: 'true',
    ...smtp.env,
  })
  const { adminToken, requests } = await mix(server.url)
  const ENDPOINTS = 5
  for (let i = 0; i < ENDPOINTS; i++) {
    const created = await json(`${server.url}/api/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ url: `${receiverUrl}/hook-${i}`, descripcion: `bench ${i}` }),
    })
    if (created.status !== 201)
      throw new Error(`webhook ${i}: ${created.status} ${JSON.stringify(created.body)}`)
  }
  step(`notifications: commands with ${ENDPOINTS} webhook endpoints`)
  const before = received
  const notified = await load({ url: server.url, connections: 50, requests })
  // Every ticket event of the load, once per endpoint: wait (≤ 60 s) for the backlog to drain.
  const expected = (notified.rps * SECONDS - notified.non2xx) * ENDPOINTS
  const drainStart = Date.now()
  let last = -1
  while (Date.now() - drainStart < 60_000 && received !== last) {
    last = received
    await new Promise((resolve) => setTimeout(resolve, 1_000))
  }
  const drainSeconds = (Date.now() - drainStart) / 1000 - 1
  const rss = server.peakRssMb()
  await server.stop()
  await new Promise<void>((resolve) => receiver.close(() => resolve()))
  const mails = smtp.received()
  await smtp.close()
  const sorted = [...arrivals].sort((x, y) => x - y)
  const lagP95 = sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN
  const lagP50 = sorted[Math.floor(sorted.length * 0.5)] ?? Number.NaN
  const ratio = notified.rps / plainCommandsRps
  results.notifications = {
    figures: notified,
    baseline: { rps: plainCommandsRps },
    ratio,
    endpoints: ENDPOINTS,
    smtp: true,
    emailsReceived: mails,
    deliveries: received - before,
    expectedDeliveriesApprox: Math.round(expected),
    deliveryLagMs: { p50: lagP50, p95: lagP95 },
    drainSeconds,
    peakRssMb: rss,
    targets: { ratio: '>= 0.90' },
  }
  row(
    'commands + 5 webhooks',
    `${notified.rps} req/s, p99 ${notified.p99} ms; ${received - before} deliveries, lag p50 ${lagP50} ms, p95 ${lagP95} ms`,
    `${plainCommandsRps} req/s`,
    ratio.toFixed(2),
    '≥ 0.90 (lag p95 reported)',
    verdict(ratio >= 0.9),
  )
}

// ---------------------------------------------------------------------------------------------
// rebuild and dashboard on a generated log
if (ONLY.has('dashboard')) {
  // BENCH_DATA_DIR: a directory to keep the generated log in and reuse on the next run (the
  // log is generated only when it holds no events.db; the read models are rebuilt every time).
  const dir = process.env.BENCH_DATA_DIR ?? join(work, 'dashboard')
  mkdirSync(dir, { recursive: true })
  const reuse = existsSync(join(dir, 'events.db'))
  const store = new SqliteEventStore(join(dir, 'events.db'))
  const generatedAt = Date.now()
  step(reuse ? `reusing the log in ${dir}` : `generating ${TICKETS} tickets`)
  const log = reuse ? { events: 0 } : await generateTickets(store, TICKETS)
  const generateSeconds = (Date.now() - generatedAt) / 1000
  await store.close()
  // BENCH_SKIP_REBUILD=1 (with BENCH_DATA_DIR): keep the read models already in it (no rebuild row).
  const skipRebuild = process.env.BENCH_SKIP_REBUILD === '1' && existsSync(join(dir, 'readmodels.db'))
  step(skipRebuild ? 'keeping the read models' : 'rebuilding the read models')
  if (!skipRebuild) {
    const rebuild = await rebuildCli(dir)

    // Raw baseline: better-sqlite3 batched inserts of the same rows into the same schema.
    const source = new Database(join(dir, 'readmodels.db'), { readonly: true })
    const rawPath = join(dir, 'raw.db')
    const raw = openReadModel(rawPath)
    raw.pragma('synchronous = OFF')
    const tables = ['tickets', 'ticket_respuestas', 'consulta_publica', 'tickets_busqueda']
    let rows = 0
    step('raw insert baseline')
    const rawStarted = process.hrtime.bigint()
    for (const table of tables) {
      const columns = (
        source.prepare(`SELECT * FROM ${table} LIMIT 1`).columns() as Array<{ name: string }>
      ).map((column) => column.name)
      const insert = raw.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      )
      const batch = raw.transaction((items: unknown[][]) => {
        for (const item of items) insert.run(...item)
      })
      let buffer: unknown[][] = []
      for (const item of source
        .prepare(`SELECT ${columns.join(', ')} FROM ${table}`)
        .raw()
        .iterate()) {
        buffer.push(item as unknown[])
        if (buffer.length === 10_000) {
          batch(buffer)
          rows += buffer.length
          buffer = []
        }
      }
      batch(buffer)
      rows += buffer.length
    }
    const rawSeconds = Number(process.hrtime.bigint() - rawStarted) / 1e9
    source.close()
    raw.close()
    rmSync(rawPath, { force: true })
    results.rebuild = {
      figures: {
        events: rebuild.events,
        seconds: rebuild.seconds,
        eventsPerSecond: Math.round(rebuild.events / rebuild.seconds),
        generateSeconds,
      },
      baseline: { rows, seconds: rawSeconds, rowsPerSecond: Math.round(rows / rawSeconds) },
      ratio: rawSeconds / rebuild.seconds,
      peakRssMb: rebuild.peakRssMb,
      targets: { ratio: '>= 0.8 (raw time / rebuild time for the same rows)', peakRssMb: '<= 300' },
    }
    row(
      'rebuild',
      `${rebuild.events} events in ${rebuild.seconds.toFixed(1)} s (${Math.round(rebuild.events / rebuild.seconds)}/s)`,
      `${rows} rows in ${rawSeconds.toFixed(1)} s`,
      (rawSeconds / rebuild.seconds).toFixed(2),
      '≥ 0.8, peak RSS ≤ 300 MB',
      `ratio ${verdict(rawSeconds / rebuild.seconds >= 0.8)}; RSS ${rebuild.peakRssMb} MB ${verdict(rebuild.peakRssMb <= 300)}`,
    )
  }

  const server = await start(SERVICE, { DATA_DIR: dir, ...admin, ...unlimited })
  const adminToken = await login(server.url, admin.ADMIN_EMAIL, admin.ADMIN_PASSWORD)
  const area = await user(server.url, adminToken, 'AREA', 'SISTEMAS')
  const mesa = await user(server.url, adminToken, 'MESA')
  const first = await json(`${server.url}/api/tickets/dashboard?limit=50`, {
    headers: { authorization: `Bearer ${mesa.token}` },
  })
  let cursor = first.body.nextCursor as string
  for (let page = 0; page < 20; page++)
    cursor = (
      await json(`${server.url}/api/tickets/dashboard?limit=50&cursor=${cursor}`, {
        headers: { authorization: `Bearer ${mesa.token}` },
      })
    ).body.nextCursor
  const pagePath = join(work, 'page.json')
  writeFileSync(pagePath, JSON.stringify(first.body))
  const paths = [
    [mesa.token, '/api/tickets/dashboard?limit=50'],
    [mesa.token, '/api/tickets/dashboard?limit=50&estado=ASIGNADO,EN_PROCESO&prioridad=ALTA'],
    [mesa.token, `/api/tickets/dashboard?limit=50&cursor=${cursor}`],
    [mesa.token, '/api/tickets/dashboard?limit=50&orden=prioridad'],
    [area.token, '/api/tickets/dashboard?limit=50'],
    [area.token, '/api/tickets/dashboard?limit=50&orden=vencimiento'],
  ] as const
  const dashboardRequests = paths.map(([token, path]) => ({
    method: 'GET' as const,
    path,
    headers: { authorization: `Bearer ${token}` },
  }))
  const perQuery: Record<string, unknown> = {}
  for (const request of dashboardRequests)
    perQuery[request.path + (request.headers.authorization.endsWith(area.token) ? ' (AREA)' : ' (MESA)')] =
      await load({
        url: server.url,
        connections: 10,
        duration: Math.max(3, Math.round(SECONDS / 3)),
        requests: [request],
      })
  step('dashboard mix')
  const dashboard = await load({ url: server.url, connections: 10, requests: dashboardRequests })
  // One client at a time: the service time of a request, without queueing behind nine others.
  const single = await load({ url: server.url, connections: 1, requests: dashboardRequests })

  // Text search (q) at one connection, one query kind at a time (issue 16), as MESA (every area).
  const code = `TK-${(654_321 % TICKETS).toString(32).toUpperCase().padStart(6, '0')}`
  const searches = [
    ['a word of the asunto', 'q=impresora'],
    ['a prefix', 'q=persona42'],
    ['a requester e-mail', 'q=persona42%40example.com'],
    ['a ticket code', `q=${code.toLowerCase()}`],
    ['a word without its accent', 'q=camara'],
  ] as const
  const search: Record<string, unknown> = {}
  // The first search of a process starts loading the search facets in the background (about 1 s
  // at 1,000,000 tickets; docs/read-models.md, "Text search"), and until then searches count in
  // SQL. The rows measure searches from then on.
  await json(`${server.url}/api/tickets/dashboard?limit=50&q=calentamiento`, {
    headers: { authorization: `Bearer ${mesa.token}` },
  })
  await new Promise((resolve) => setTimeout(resolve, 5_000))
  for (const [kind, query] of searches) {
    const path = `/api/tickets/dashboard?limit=50&${query}`
    const headers = { authorization: `Bearer ${mesa.token}` }
    const answer = await json(`${server.url}${path}`, { headers })
    if (answer.status !== 200 || answer.body.items.length === 0)
      throw new Error(`search ${query}: ${answer.status}, ${answer.body?.items?.length} items`)
    step(`search: ${kind} (${query}, ${answer.body.total} matches)`)
    const figures = await load({
      url: server.url,
      connections: 1,
      duration: Math.max(3, Math.round(SECONDS / 2)),
      requests: [{ method: 'GET', path, headers }],
    })
    search[kind] = { query, matches: answer.body.total, figures, targets: { p95Ms: '<= 20 at 1 connection' } }
    row(
      `search: ${kind}`,
      `\`${decodeURIComponent(query)}\` (${answer.body.total} matches): ${figures.rps} req/s, p95 ${figures.p95} ms at 1 conn. (${TICKETS} tickets)`,
      '—',
      '—',
      'p95 ≤ 20 ms',
      verdict(figures.p95 <= 20),
    )
  }
  const dashboardRss = server.peakRssMb()
  await server.stop()

  // Start-up on read models that are caught up: spawn to the first 200 from /ready.
  const startups: number[] = []
  for (let run = 0; run < 3; run++) {
    step(`start-up with caught-up read models (${run + 1} of 3)`)
    startups.push(await secondsToReady({ DATA_DIR: dir, ...admin, ...unlimited }))
  }
  const startup = Math.max(...startups)
  results.startup = { tickets: TICKETS, secondsToReady: startups, targets: { seconds: '<= 2' } }
  row(
    'start-up (read models caught up)',
    `/ready 200 after ${startups.map((value) => value.toFixed(2)).join(', ')} s (${TICKETS} tickets)`,
    '—',
    '—',
    '≤ 2 s',
    verdict(startup <= 2),
  )
  const baseline = await start('bench/baseline-server.ts', { BASELINE_PAGE: pagePath })
  const base = await load({
    url: baseline.url,
    connections: 10,
    requests: [{ method: 'GET', path: '/api/tickets/dashboard' }],
  })
  await baseline.stop()
  results.dashboard = {
    oneConnection: single,
    tickets: TICKETS,
    figures: dashboard,
    perQuery,
    baseline: base,
    ratio: dashboard.rps / base.rps,
    peakRssMb: dashboardRss,
    search,
    targets: { p95Ms: '<= 10' },
  }
  row(
    'dashboard',
    `${dashboard.rps} req/s, p95 ${dashboard.p95} ms at 10 conn., ${single.p95} ms at 1 (${TICKETS} tickets)`,
    `${base.rps} req/s, p95 ${base.p95} ms`,
    (dashboard.rps / base.rps).toFixed(2),
    'p95 ≤ 10 ms',
    `10 conn. ${verdict(dashboard.p95 <= 10)}; 1 conn. ${verdict(single.p95 <= 10)}`,
  )
}

// ---------------------------------------------------------------------------------------------
// the console's tablero page (HTML, session cookie) against the JSON dashboard, same server, same run
if (ONLY.has('console')) {
  const tickets = Number(process.env.BENCH_CONSOLE_TICKETS ?? 100_000)
  const dir = join(work, 'console')
  mkdirSync(dir)
  const store = new SqliteEventStore(join(dir, 'events.db'))
  step(`console: generating ${tickets} tickets`)
  await generateTickets(store, tickets)
  await store.close()
  await rebuildCli(dir)
  const server = await start(SERVICE, { DATA_DIR: dir, ...admin, ...unlimited })
  const adminToken = await login(server.url, admin.ADMIN_EMAIL, admin.ADMIN_PASSWORD)
  const mesa = await user(server.url, adminToken, 'MESA')
  // The session cookie carries the API's own JWT (src/web/adapter.ts): one login serves both.
  const html: autocannon.Request = {
    method: 'GET',
    path: '/app',
    headers: { cookie: `mesa_sesion=${mesa.token}` },
  }
  // The JSON the page shows: its default view (25 rows, by vencimiento, without archived).
  const jsonRequest: autocannon.Request = {
    method: 'GET',
    path: '/api/tickets/dashboard?limit=25&orden=vencimiento',
    headers: { authorization: `Bearer ${mesa.token}` },
  }
  const page = await fetch(server.url + '/app', { headers: html.headers as Record<string, string> })
  const body = await page.text()
  if (page.status !== 200 || !body.includes('id="filas"'))
    throw new Error(`console scenario: the tablero did not render (${page.status})`)
  // Warm both paths first (JIT, SQLite page cache of a freshly rebuilt file): whichever ran
  // first would otherwise pay for the cold start alone.
  step('console: warm-up')
  for (const request of [html, jsonRequest])
    await load({
      url: server.url,
      connections: 10,
      duration: Math.max(2, Math.round(SECONDS / 3)),
      requests: [request],
    })
  const figures: Record<string, Awaited<ReturnType<typeof load>>> = {}
  for (const connections of [1, 10]) {
    step(`console: tablero HTML at ${connections} connection(s)`)
    figures[`html${connections}`] = await load({ url: server.url, connections, requests: [html] })
    step(`console: JSON dashboard at ${connections} connection(s)`)
    figures[`json${connections}`] = await load({ url: server.url, connections, requests: [jsonRequest] })
  }
  const rss = server.peakRssMb()
  await server.stop()
  for (const [name, value] of Object.entries(figures))
    if (value.non2xx > 0 || value.errors > 0) throw new Error(`console scenario: ${name} had failures`)
  const ratio1 = figures.html1!.p95 / Math.max(1, figures.json1!.p95)
  const ratio10 = figures.html10!.p95 / Math.max(1, figures.json10!.p95)
  results.console = {
    tickets,
    pageBytes: Buffer.byteLength(body),
    figures,
    ratioP95: { oneConnection: ratio1, tenConnections: ratio10 },
    peakRssMb: rss,
    targets: { ratioP95: '<= 1.5 (HTML p95 / JSON p95, at 1 and at 10 connections)' },
  }
  for (const connections of [1, 10] as const) {
    const h = figures[`html${connections}`]!
    const j = figures[`json${connections}`]!
    row(
      `console tablero (${connections} conn.)`,
      `HTML ${h.rps} req/s, p95 ${h.p95} ms (${tickets} tickets)`,
      `JSON ${j.rps} req/s, p95 ${j.p95} ms`,
      (h.p95 / Math.max(1, j.p95)).toFixed(2),
      'p95 ≤ 1.5× JSON',
      verdict(h.p95 / Math.max(1, j.p95) <= 1.5),
    )
  }
}

// ---------------------------------------------------------------------------------------------
// login at the production password-hashing cost (Argon2id, OWASP profile)
if (ONLY.has('login')) {
  const dir = join(work, 'login')
  mkdirSync(dir)
  const server = await start(SERVICE, {
    DATA_DIR: dir,
    ...admin,
    ...unlimited,
  })
  step('login')
  const loginResult = await load({
    url: server.url,
    connections: 5,
    requests: [
      {
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: admin.ADMIN_EMAIL, password: admin.ADMIN_PASSWORD }),
      },
    ],
  })
  const rss = server.peakRssMb()
  await server.stop()
  if (loginResult.non2xx > 0) throw new Error(`login scenario: ${loginResult.non2xx} answers were not 200`)
  results.login = { figures: loginResult, peakRssMb: rss, targets: { p95Ms: '< 500 at 5 concurrent' } }
  row(
    'login',
    `${loginResult.rps} req/s, p95 ${loginResult.p95} ms`,
    '—',
    '—',
    'p95 < 500 ms',
    verdict(loginResult.p95 < 500),
  )
}

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString(),
}
mkdirSync(join(root, 'bench', 'results'), { recursive: true })
writeFileSync(
  join(
    root,
    'bench',
    'results',
    process.env.BENCH_ONLY ? `partial-${[...ONLY].join('-')}.json` : 'latest.json',
  ),
  `${JSON.stringify({ machine, seconds: SECONDS, ...results }, null, 2)}\n`,
)
rmSync(work, { recursive: true, force: true })
console.log(
  `\nmachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, node ${machine.node}\n`,
)
console.log('| scenario | figure | baseline | ratio | target | met? |\n|---|---|---|---|---|---|')
for (const line of table) console.log(`| ${line.join(' | ')} |`)
for (const note of notes) console.log(`\n${note}`)
// Issue 16: peak RSS ≤ 300 MB in every scenario, one verdict per scenario that measured it.
const peaks = Object.entries(results).flatMap(([name, value]) => {
  const peak = (value as { peakRssMb?: number }).peakRssMb
  return peak === undefined ? [] : [[name, peak] as const]
})
console.log(
  `\npeak RSS (target ≤ 300 MB): ${peaks.map(([name, peak]) => `${name} ${peak} MB ${verdict(peak <= 300)}`).join('; ')}`,
)
