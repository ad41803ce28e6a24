import { createHmac } from 'node:crypto'
import t from 'tap'
import { PROBLEM_BASE } from '../src/http/problems.ts'
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, testApp } from './support/app.ts'

// The test configuration's secret (test/support/app.ts): tokens with chosen iat/exp are signed
// here exactly as the service signs them.
const SECRET = 'una-clave-de-pruebas-de-al-menos-32-bytes'
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
function sign(payload: object): string {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`
  return `${head}.${createHmac('sha256', SECRET).update(head).digest('base64url')}`
}
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
    sub: string
    ver: number
    rol: string
    iat: number
    exp: number
  }
const nowSeconds = () => Math.floor(Date.now() / 1000)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

for (const [label, env, lifetime] of [
  ['default (8h)', {}, 8 * 3600],
  ['JWT_EXPIRES_IN=1m', { JWT_EXPIRES_IN: '1m' }, 60],
] as const) {
  t.test(`${label}: exp − iat is the announced expiresIn; refused one second after exp`, async (t) => {
    const h = await testApp(t, env)
    const login = await h.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    })
    t.equal(login.json().expiresIn, lifetime)
    const claims = claimsOf(login.json().token)
    t.equal(claims.exp - claims.iat, lifetime, 'the token lives exactly expiresIn seconds')
    t.ok(Math.abs(claims.iat - nowSeconds()) <= 2, 'iat is now')

    // The same token as login's, issued `lifetime + 1` seconds ago: its exp was a second ago.
    const me = (url = '/api/auth/me', token: string) =>
      h.inject({ method: 'GET', url, headers: bearer(token) })
    const issuedAt = nowSeconds() - lifetime - 1
    const expired = sign({ ...claims, iat: issuedAt, exp: issuedAt + lifetime })
    const refused = await me(undefined, expired)
    t.equal(refused.statusCode, 401, 'one second after exp the token is refused')
    t.equal(refused.json().type, `${PROBLEM_BASE}no-autenticado`)
    // And one issued `lifetime - 2` seconds ago still works: it is the exp that decides.
    const fresh = nowSeconds() - lifetime + 2
    t.equal((await me(undefined, sign({ ...claims, iat: fresh, exp: fresh + lifetime }))).statusCode, 200)
  })
}

t.test('a token used while valid is refused one second after its exp (no cache, no tolerance)', async (t) => {
  const h = await testApp(t)
  const claims = claimsOf(h.adminToken)
  const exp = nowSeconds() + 2
  const token = sign({ ...claims, iat: exp - 60, exp })
  const dashboard = () => h.inject({ method: 'GET', url: '/api/tickets/dashboard', headers: bearer(token) })
  t.equal((await dashboard()).statusCode, 200, 'valid: the verifier has seen (and cached) it')
  t.equal((await dashboard()).statusCode, 200)
  // exp is a whole second; wait until one second past it.
  await sleep(exp * 1000 + 1000 - Date.now() + 20)
  const after = await dashboard()
  t.equal(after.statusCode, 401, 'neither the verification cache nor a clock tolerance extends it')
  t.match(after.headers['www-authenticate'], /invalid_token/)
})

t.test('an attacker failing on the victim’s email does not lock the victim out', async (t) => {
  const h = await testApp(t, {
    LOGIN_RATE_PER_IP: '100',
    LOGIN_FAILURES_PER_IP_EMAIL: '5',
    LOGIN_FAILURES_PER_EMAIL: '8',
  })
  const victim = await h.user('MESA')
  const login = (ip: string, password: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { email: victim.email, password },
    })
  const attacker = '203.0.113.66'
  const statuses: number[] = []
  for (let i = 0; i < 8; i++) statuses.push((await login(attacker, `adivinanza${i}`)).statusCode)
  t.same(statuses, [401, 401, 401, 401, 401, 429, 429, 429], 'five failures, then the pair waits')
  const limited = await login(attacker, 'definitiva1')
  t.equal(limited.statusCode, 429, 'even the right password waits on the failing pair')
  t.equal(limited.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal(limited.json().type, `${PROBLEM_BASE}demasiadas-peticiones`)
  const retryAfter = Number(limited.headers['retry-after'])
  t.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`)

  t.equal((await login('198.51.100.7', 'definitiva1')).statusCode, 200, 'the victim logs in from elsewhere')

  // Failures from other addresses add up to the per-email ceiling (8): past it, a client that has
  // failed on this email waits, one that has not still gets through.
  for (const ip of ['203.0.113.67', '203.0.113.68'])
    t.equal((await login(ip, 'otra-adivinanza')).statusCode, 401)
  for (let i = 0; i < 2; i++) await login('203.0.113.69', 'y')
  t.equal((await login('203.0.113.67', 'otra')).statusCode, 429, 'a failing client waits at the ceiling')
  t.equal((await login('198.51.100.7', 'definitiva1')).statusCode, 200, 'a clean client still logs in')
  t.equal((await login('198.51.100.8', 'mal')).statusCode, 401, 'a fresh guess is counted...')
  t.equal((await login('198.51.100.8', 'definitiva1')).statusCode, 429, '...and that client then waits')
})

t.test('successes do not count: many logins from one address and email go on working', async (t) => {
  const h = await testApp(t, { LOGIN_FAILURES_PER_IP_EMAIL: '2', LOGIN_FAILURES_PER_EMAIL: '2' })
  for (let i = 0; i < 5; i++) await h.login(ADMIN_EMAIL, ADMIN_PASSWORD)
  t.pass('five successful logins in a row with a failure limit of 2')
})

t.test('login: every attempt counts against the IP (LOGIN_RATE_PER_IP)', async (t) => {
  const h = await testApp(t, { LOGIN_RATE_PER_IP: '3' })
  const attempt = (email: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '192.0.2.10',
      payload: { email, password: 'x' },
    })
  const statuses = [
    await attempt('a@example.com'),
    await attempt('b@example.com'),
    await attempt('c@example.com'),
  ]
  t.same(
    statuses.map((r) => r.statusCode),
    [401, 401, 401],
  )
  const fourth = await attempt('d@example.com')
  t.equal(fourth.statusCode, 429)
  t.equal(fourth.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.ok(Number(fourth.headers['retry-after']) >= 1)
})

t.test('x-request-id / x-correlation-id: only short safe ids reach event metadata', async (t) => {
  const h = await testApp(t)
  const long = 'a'.repeat(7000)
  const bad = 'id con espacios<script>'
  const create = (headers: Record<string, string>) =>
    h.inject({
      method: 'POST',
      url: '/api/tickets/crear',
      headers,
      payload: {
        asunto: 'No funciona el correo',
        descripcion: 'Desde esta mañana no puedo enviar correos',
        nombre: 'Pedro Pérez',
        email: 'pedro@example.com',
      },
    })
  const results: string[] = []
  for (const headers of <Array<Record<string, string>>>[
    { 'x-request-id': long, 'x-correlation-id': long },
    { 'x-request-id': bad, 'x-correlation-id': bad },
    { 'x-request-id': 'dup-1', 'x-correlation-id': 'marca\u0000x' },
    { 'x-request-id': 'dup-1' },
    { 'x-correlation-id': 'pedido:42.a_b-c' },
  ]) {
    const response = await create(headers)
    t.equal(response.statusCode, 201, 'the request itself is served')
    results.push(response.json().id as string)
  }
  const events = await h.app.store.readAll({ after: null, maxCount: 10_000 })
  const metadata = events.map((event) => JSON.stringify(event.metadata))
  t.notOk(
    metadata.some((m) => m.includes('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')),
    'no 7000-character id',
  )
  t.notOk(
    metadata.some((m) => m.includes('espacios') || m.includes('marca')),
    'no id with forbidden characters',
  )
  const requestIds = events
    .filter((e) => results.some((id) => e.stream.includes(id)))
    .map((e) => e.metadata.requestId)
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
  t.ok(requestIds.length >= results.length)
  t.ok(
    requestIds.every((id) => typeof id === 'string' && uuid.test(id)),
    'the request id is always the server’s',
  )
  // A well-formed client id is kept, as the correlation id.
  const history = async (id: string) =>
    (
      await h.inject({ method: 'GET', url: `/api/tickets/${id}/historial`, headers: bearer(h.adminToken) })
    ).json() as Array<{ requestId?: string; correlationId?: string }>
  const [duplicated, correlated] = [await history(results[3]!), await history(results[4]!)]
  t.equal(duplicated[0]!.correlationId, 'dup-1', 'a safe x-request-id becomes the correlation id')
  t.not(duplicated[0]!.requestId, 'dup-1')
  t.equal(correlated[0]!.correlationId, 'pedido:42.a_b-c')
  const rejected = await history(results[0]!)
  t.equal(rejected[0]!.correlationId, rejected[0]!.requestId, 'a refused id falls back to the server’s')
})
