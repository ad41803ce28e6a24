import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import t, { type Test } from 'tap'
import { buildApp } from '../src/http/app.ts'
import { PROBLEM_BASE } from '../src/http/problems.ts'
import { testApp, testConfig } from './support/app.ts'
import { tempDir } from './support/temp.ts'

const PROBLEM_JSON = 'application/problem+json; charset=utf-8'

/** Writes raw bytes to a listening app and returns everything it answers until it closes. */
function raw(port: number, chunks: string[], { pauseMs = 0 } = {}) {
  return new Promise<{ text: string; closedAfterMs: number }>((resolve, reject) => {
    const started = Date.now()
    const socket = connect(port, '127.0.0.1')
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (data) => (text += data))
    socket.on('error', () => {})
    socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - started }))
    socket.setTimeout(15_000, () => {
      socket.destroy()
      reject(new Error(`no answer in 15 s; got ${JSON.stringify(text)}`))
    })
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        socket.write(chunk)
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs))
      }
    })
  })
}

function parse(text: string) {
  const [head, ...rest] = text.split('\r\n\r\n')
  const [statusLine, ...headerLines] = head!.split('\r\n')
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const at = line.indexOf(':')
      return [line.slice(0, at).toLowerCase(), line.slice(at + 1).trim()]
    }),
  )
  return { status: Number(statusLine!.split(' ')[1]), headers, body: JSON.parse(rest.join('\r\n\r\n')) }
}

async function listening(t: Test, env: Record<string, string> = {}) {
  const h = await testApp(t, env)
  await h.app.listen({ port: 0, host: '127.0.0.1' })
  const address = h.app.server.address()
  if (!address || typeof address === 'string') throw new Error('not listening')
  return { h, port: address.port }
}

t.test('fastify’s routing errors are problem+json: path parameter too long, bad URL', async (t) => {
  const h = await testApp(t)
  const long = await h.inject({ method: 'GET', url: `/api/tickets/${'a'.repeat(101)}`, headers: {} })
  t.equal(long.statusCode, 414)
  t.equal(long.headers['content-type'], PROBLEM_JSON)
  t.match(long.json(), { type: `${PROBLEM_BASE}uri-demasiado-larga`, status: 414 })
  const badUrl = await h.inject({ method: 'GET', url: '/api/tickets/%E0%A4%A' })
  t.equal(badUrl.statusCode, 400)
  t.equal(badUrl.headers['content-type'], PROBLEM_JSON)
  t.match(badUrl.json(), { type: `${PROBLEM_BASE}peticion-mal-formada`, status: 400 })
})

t.test('the HTTP parser’s errors are problem+json over a real socket', async (t) => {
  const { port } = await listening(t)
  const malformed = parse((await raw(port, ['GET / HTTP/1.1\r\nHost: x\r\nMala cabecera\r\n\r\n'])).text)
  t.equal(malformed.status, 400)
  t.equal(malformed.headers['content-type'], PROBLEM_JSON)
  t.match(malformed.body, { type: `${PROBLEM_BASE}peticion-mal-formada`, status: 400 })

  const garbage = parse((await raw(port, ['\x00\x01 esto no es HTTP\r\n\r\n'])).text)
  t.equal(garbage.status, 400)
  t.equal(garbage.headers['content-type'], PROBLEM_JSON)

  const huge = parse(
    (await raw(port, [`GET /health HTTP/1.1\r\nHost: x\r\nX-Relleno: ${'a'.repeat(20_000)}\r\n\r\n`])).text,
  )
  t.equal(huge.status, 431)
  t.equal(huge.headers['content-type'], PROBLEM_JSON)
  t.match(huge.body, { type: `${PROBLEM_BASE}cabeceras-demasiado-grandes`, status: 431 })
  t.equal(Number(huge.headers['content-length']), Buffer.byteLength(JSON.stringify(huge.body)))
})

t.test('a client sending part of a body is cut off after REQUEST_TIMEOUT_MS', async (t) => {
  const { h, port } = await listening(t, {
    REQUEST_TIMEOUT_MS: '700',
    CONNECTION_TIMEOUT_MS: '5000',
    KEEP_ALIVE_TIMEOUT_MS: '4000',
  })
  t.equal(h.app.server.requestTimeout, 700)
  t.equal(h.app.server.keepAliveTimeout, 4000)
  t.equal(h.app.server.timeout, 5000)
  const { text, closedAfterMs } = await raw(port, [
    'POST /api/tickets/consultar HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"codigo":',
  ])
  t.ok(closedAfterMs < 4000, `closed after ${closedAfterMs} ms`)
  const answer = parse(text)
  t.equal(answer.status, 408)
  t.equal(answer.headers['content-type'], PROBLEM_JSON)
  t.match(answer.body, { type: `${PROBLEM_BASE}tiempo-agotado` })
})

t.test('timeouts have defaults and are validated like the other settings', async (t) => {
  const config = testConfig(tempDir(t))
  t.same(config.timeouts, { requestMs: 30_000, connectionMs: 120_000, keepAliveMs: 72_000 })
  t.throws(() => testConfig(tempDir(t), { REQUEST_TIMEOUT_MS: 'diez' }), /REQUEST_TIMEOUT_MS=diez/)
  t.throws(() => testConfig(tempDir(t), { KEEP_ALIVE_TIMEOUT_MS: '0' }), /KEEP_ALIVE_TIMEOUT_MS=0/)
  t.throws(() => testConfig(tempDir(t), { TRUST_PROXY: 'si' }), /TRUST_PROXY=si/)
  t.equal(testConfig(tempDir(t), { TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy, '10.0.0.0/8, loopback')
  t.equal(testConfig(tempDir(t)).trustProxy, false)
  t.throws(() => testConfig(tempDir(t), { PUBLIC_CREAR_RATE_PER_IP: '0' }), /PUBLIC_CREAR_RATE_PER_IP=0/)
})

const crearBody = {
  asunto: 'No funciona el correo',
  descripcion: 'Desde esta mañana no puedo enviar correos',
  nombre: 'Pedro Pérez',
  email: 'pedro@example.com',
}

t.test('public crear and consultar are limited per IP: 429 problem+json with Retry-After', async (t) => {
  const h = await testApp(t, { PUBLIC_CREAR_RATE_PER_IP: '2', PUBLIC_CONSULTAR_RATE_PER_IP: '3' })
  const crear = (remoteAddress = '192.0.2.1') =>
    h.app.inject({ method: 'POST', url: '/api/tickets/crear', remoteAddress, payload: crearBody })
  const first = await crear()
  t.equal(first.statusCode, 201)
  t.equal((await crear()).statusCode, 201)
  const limited = await crear()
  t.equal(limited.statusCode, 429)
  t.equal(limited.headers['content-type'], PROBLEM_JSON)
  t.equal(limited.json().type, `${PROBLEM_BASE}demasiadas-peticiones`)
  const retryAfter = Number(limited.headers['retry-after'])
  t.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`)
  t.equal((await crear('192.0.2.2')).statusCode, 201, 'another address is not affected')

  const { codigo } = first.json()
  const consultar = () =>
    h.app.inject({
      method: 'POST',
      url: '/api/tickets/consultar',
      remoteAddress: '192.0.2.1',
      payload: { codigo, email: crearBody.email },
    })
  t.same(
    [await consultar(), await consultar(), await consultar()].map((r) => r.statusCode),
    [200, 200, 200],
  )
  const over = await consultar()
  t.equal(over.statusCode, 429)
  t.equal(over.headers['content-type'], PROBLEM_JSON)
  t.ok(Number(over.headers['retry-after']) >= 1)
})

t.test('X-Forwarded-For changes the key only with TRUST_PROXY', async (t) => {
  const spoofed = (h: Awaited<ReturnType<typeof testApp>>, i: number) =>
    h.app.inject({
      method: 'POST',
      url: '/api/tickets/crear',
      remoteAddress: '192.0.2.1',
      headers: { 'x-forwarded-for': `198.51.100.${i}` },
      payload: crearBody,
    })
  const direct = await testApp(t, { PUBLIC_CREAR_RATE_PER_IP: '2' })
  t.same(
    [await spoofed(direct, 1), await spoofed(direct, 2), await spoofed(direct, 3)].map((r) => r.statusCode),
    [201, 201, 429],
    'without TRUST_PROXY a made-up X-Forwarded-For is ignored',
  )
  const proxied = await testApp(t, { PUBLIC_CREAR_RATE_PER_IP: '2', TRUST_PROXY: 'true' })
  t.same(
    [await spoofed(proxied, 1), await spoofed(proxied, 2), await spoofed(proxied, 3)].map(
      (r) => r.statusCode,
    ),
    [201, 201, 201],
    'behind a trusted proxy each forwarded address has its own limit',
  )
})

t.test('DATA_DIR is created 0700 and its files 0600 under umask 022', async (t) => {
  const previous = process.umask(0o022)
  t.teardown(() => void process.umask(previous))
  const dir = join(tempDir(t), 'datos', 'nuevos')
  // No JWT_SECRET: the generated one is written into DATA_DIR too.
  const app = await buildApp({ config: testConfig(dir, { JWT_SECRET: '' }), logger: false })
  t.teardown(() => app.close())
  const mode = (name: string) => statSync(join(dir, name)).mode & 0o777
  t.equal(mode('.'), 0o700, 'DATA_DIR')
  for (const name of [
    'events.db',
    'events.db-wal',
    'events.db-shm',
    'readmodels.db',
    'readmodels.db-wal',
    'readmodels.db-shm',
    'jwt-secret',
  ])
    t.equal(mode(name).toString(8), '600', name)
})

t.test('existing data files readable by others are reported once at start', async (t) => {
  const dir = join(tempDir(t), 'datos')
  mkdirSync(dir)
  chmodSync(dir, 0o755)
  closeSync(openSync(join(dir, 'events.db'), 'w', 0o644))
  chmodSync(join(dir, 'events.db'), 0o644)
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line))
      done()
    },
  })
  const app = await buildApp({ config: testConfig(dir), logger: { level: 'info', stream } })
  t.teardown(() => app.close())
  const warnings = lines.filter(
    (line) => line.level === 40 && /readable by other users/.test(String(line.msg)),
  )
  t.equal(warnings.length, 1, 'one warning')
  t.match(warnings[0], {
    files: [
      { path: dir, mode: '0755' },
      { path: join(dir, 'events.db'), mode: '0644' },
    ],
  })
  t.equal(
    statSync(join(dir, 'events.db')).mode & 0o777,
    0o644,
    'an existing file is left as the operator set it',
  )

  // A private DATA_DIR gives no warning.
  const quiet: Array<Record<string, unknown>> = []
  const quietStream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) quiet.push(JSON.parse(line))
      done()
    },
  })
  const fresh = await buildApp({
    config: testConfig(join(dir, 'sub')),
    logger: { level: 'info', stream: quietStream },
  })
  t.teardown(() => fresh.close())
  t.notOk(
    quiet.some((line) => line.level === 40),
    'no warning for a directory the service created',
  )
})
