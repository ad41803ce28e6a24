/**
 * `npm run bench:history`: does `actualizar` stay as fast as the tickets' history grows? The
 * peer comparison's load (issue 16): 2,000 tickets, 50 connections, each request the next ticket
 * in turn, in consecutive rounds of BENCH_SECONDS (default 8) on the same server. Prints, per
 * round: req/s, p99, the events per ticket so far, the size of one answer, and the size of the
 * log's WAL; and the last round's rate as a ratio of the first (flat is 1.0).
 * BENCH_OPERATION=reclasificar runs the same load with an operation that adds no response.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'

const root = join(import.meta.dirname, '..')
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4)
const TICKETS = 2_000
const dir = mkdtempSync(join(tmpdir(), 'mesa-history-'))

execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
const child: ChildProcess = spawn(process.execPath, [join(root, 'dist/server.js')], {
  env: {
    ...process.env,
    MALLOC_MMAP_THRESHOLD_: '1048576',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    DATA_DIR: dir,
    ADMIN_EMAIL: 'admin@example.com',
    ADMIN_PASSWORD: 'admin-secreto-123',
    PUBLIC_CREAR_RATE_PER_IP: '100000',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
})
const url = await new Promise<string>((resolve) => {
  let output = ''
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
    const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
    if (match) {
      child.stdout!.removeAllListeners('data').on('data', () => {})
      child.stderr!.removeAllListeners('data').on('data', () => {})
      resolve(match[1]!)
    }
  }
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
})

async function post(path: string, body: unknown, token?: string) {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  return { status: response.status, text: await response.text() }
}

const token = JSON.parse(
  (await post('/api/auth/login', { email: 'admin@example.com', password: 'admin-secreto-123' })).text,
).token as string
const ids: string[] = []
await Promise.all(
  Array.from({ length: 10 }, async () => {
    while (ids.length < TICKETS) {
      const created = await post('/api/tickets/crear', {
        asunto: 'No funciona la impresora',
        descripcion: 'La impresora de la segunda planta no imprime',
        nombre: 'Ana',
        email: 'ana@example.com',
      })
      ids.push(JSON.parse(created.text).id)
    }
  }),
)
// BENCH_OPERATION=reclasificar: the streams grow the same way, the answers do not (no responses).
const OPERATION = process.env.BENCH_OPERATION ?? 'actualizar'
const body =
  OPERATION === 'reclasificar'
    ? { nuevaPrioridad: 'ALTA', nuevaCategoria: 'Hardware', motivo: 'Revisión de la prioridad' }
    : { estado: 'EN_PROCESO', prioridad: 'ALTA', area: 'MESA', respuesta: 'Estamos trabajando en ello' }
let n = 0
let done = 0
const rates: number[] = []
for (let round = 1; round <= ROUNDS; round++) {
  const result = await autocannon({
    url,
    connections: 50,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        setupRequest: (request) => ({
          ...request,
          path: `/api/tickets/${ids[n++ % ids.length]}/${OPERATION}`,
        }),
      },
    ],
  })
  done += result.requests.total
  const sample = await post(`/api/tickets/${ids[0]}/${OPERATION}`, body, token)
  const wal = statSync(join(dir, 'events.db-wal'), { throwIfNoEntry: false })?.size ?? 0
  rates.push(result.requests.average)
  console.log(
    `round ${round}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, ` +
      `non-2xx ${result.non2xx}, ${(1 + done / TICKETS).toFixed(1)} events/ticket, ` +
      `answer ${sample.text.length} B, WAL ${(wal / 1e6).toFixed(1)} MB`,
  )
}
console.log(`last round / first round: ${(rates.at(-1)! / rates[0]!).toFixed(2)}`)
child.kill('SIGTERM')
