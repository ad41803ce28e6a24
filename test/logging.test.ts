import { Writable } from 'node:stream'
import t, { type Test } from 'tap'
import { buildApp } from '../src/http/app.ts'
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, testConfig } from './support/app.ts'
import { tempDir } from './support/temp.ts'

/** The app with its real pino logger at info, writing into an array of parsed lines; an admin token. */
async function loggedApp(t: Test) {
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line))
      done()
    },
  })
  const app = await buildApp({ config: testConfig(tempDir(t)), logger: { level: 'info', stream } })
  t.teardown(() => app.close())
  // The admin's login is logged too: the tests check that its password never shows.
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  })
  const token = login.json().token as string
  return { app, lines, token }
}

t.test('one log line per request: method, path, status, time, user; no query string', async (t) => {
  const { app, lines, token } = await loggedApp(t)
  const me = (await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).json()
  const before = lines.length
  await app.inject({
    method: 'GET',
    url: '/api/tickets/dashboard?q=Pedro%20P%C3%A9rez',
    headers: bearer(token),
  })
  const added = lines.slice(before)
  t.equal(added.length, 1, 'exactly one line')
  t.match(added[0], {
    msg: 'request',
    method: 'GET',
    path: '/api/tickets/dashboard',
    statusCode: 200,
    ms: Number,
    userId: me.user_id,
    reqId: String,
  })
  t.notMatch(JSON.stringify(added[0]), /Pedro|P%C3%A9rez|q=/, 'the search text is not logged')
})

t.test('no password, hash, token or requester data reaches the log', async (t) => {
  const { app, lines, token } = await loggedApp(t)
  const secrets = [
    ADMIN_PASSWORD,
    token,
    'clave-nueva-1',
    'solicitante@example.com',
    'Rosa Solicitante',
    '600123456',
  ]
  await app.inject({
    method: 'POST',
    url: '/api/auth/users',
    headers: bearer(token),
    payload: { email: 'agente@example.com', nombre: 'Agente Uno', password: 'clave-nueva-1', rol: 'MESA' },
  })
  const ticket = await app.inject({
    method: 'POST',
    url: '/api/tickets/crear',
    payload: {
      asunto: 'Sin red',
      descripcion: 'No hay red en la planta 2',
      nombre: 'Rosa Solicitante',
      email: 'solicitante@example.com',
      telefono: '600123456',
    },
  })
  t.equal(ticket.statusCode, 201)
  await app.inject({
    method: 'POST',
    url: '/api/tickets/consultar',
    payload: { codigo: ticket.json().codigo, email: 'solicitante@example.com' },
  })
  // A failed login and a malformed token: error paths log too.
  await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: ADMIN_EMAIL, password: 'mala' },
  })
  await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}x` } })
  const text = lines.map((line) => JSON.stringify(line)).join('\n')
  t.ok(lines.length >= 6, 'requests were logged')
  for (const secret of secrets) t.notOk(text.includes(secret), `not in the log: ${secret.slice(0, 12)}…`)
  t.notMatch(text, /argon2|scrypt\$/, 'no password hash')
})

t.test(
  'secret-named fields are censored in any logged object, at the top level or one level down',
  async (t) => {
    const { app, lines } = await loggedApp(t)
    const body = { email: 'x@example.com', password: 'pw-in-body', passwordNuevo: 'pw-new' }
    const before = lines.length
    app.log.info(
      { token: 'tok-top', body, req: { headers: { authorization: 'Bearer tok-header' } } },
      'probe',
    )
    const line = lines.slice(before).find((entry) => entry.msg === 'probe')
    t.match(line, {
      token: '[redactado]',
      body: { email: 'x@example.com', password: '[redactado]', passwordNuevo: '[redactado]' },
    })
    t.equal(body.password, 'pw-in-body', "the caller's object is not changed")
    // `req` goes through fastify's serializer (no headers) and the authorization path besides.
    t.notMatch(JSON.stringify(line), /pw-in-body|pw-new|tok-top|tok-header/)
  },
)
