import { createHmac } from 'node:crypto'
import t from 'tap'
import { PROBLEM_BASE } from '../src/http/problems.ts'
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, testApp } from './support/app.ts'

const SECRET = 'una-clave-de-pruebas-de-al-menos-32-bytes'
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
function token(
  payload: object,
  { alg = 'HS256', secret = SECRET }: { alg?: string; secret?: string } = {},
): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`
  if (alg === 'none') return `${head}.`
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`
}
const now = () => Math.floor(Date.now() / 1000)

t.test('login: one answer for unknown email, wrong password, inactive account', async (t) => {
  const h = await testApp(t)
  const mesa = await h.user('MESA')
  await h.inject({
    method: 'PATCH',
    url: `/api/auth/users/${mesa.id}`,
    headers: bearer(h.adminToken),
    payload: { is_active: false },
  })
  const attempts = [
    { email: 'nadie@example.com', password: 'definitiva1' },
    { email: ADMIN_EMAIL, password: 'equivocada' },
    { email: mesa.email, password: 'definitiva1' },
  ]
  const bodies = new Set<string>()
  for (const attempt of attempts) {
    const response = await h.inject({ method: 'POST', url: '/api/auth/login', payload: attempt })
    t.equal(response.statusCode, 401)
    const { instance: _i, ...body } = response.json()
    bodies.add(JSON.stringify(body))
  }
  t.equal(bodies.size, 1, 'the three failures are indistinguishable')
  const ok = await h.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: ' Admin@Example.com ', password: ADMIN_PASSWORD },
  })
  t.equal(ok.statusCode, 200, 'email is case-insensitive')
  t.match(ok.json(), { expiresIn: 8 * 3600, user: { email: ADMIN_EMAIL, rol: 'ADMIN' } })
  t.notOk('password_hash' in ok.json().user)
  const [header, payload] = ok.json().token.split('.')
  t.same(JSON.parse(Buffer.from(header, 'base64url').toString()), { alg: 'HS256', typ: 'JWT' })
  t.match(JSON.parse(Buffer.from(payload, 'base64url').toString()), { sub: String, iat: Number, exp: Number })
})

t.test('login is rate-limited per (IP, email) failures and per IP', async (t) => {
  const h = await testApp(t, { LOGIN_FAILURES_PER_IP_EMAIL: '3', LOGIN_RATE_PER_IP: '6' })
  const statuses: number[] = []
  for (let i = 0; i < 5; i++)
    statuses.push(
      (
        await h.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'victima@example.com', password: `x${i}` },
        })
      ).statusCode,
    )
  t.same(statuses, [401, 401, 401, 429, 429])
  const limited = await h.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'victima@example.com', password: 'x' },
  })
  t.ok(Number(limited.headers['retry-after']) > 0)
  t.equal(limited.json().type, `${PROBLEM_BASE}demasiadas-peticiones`)
  // Other emails from the same IP hit the per-IP limit (6 per minute; 6 used above plus the bootstrap login).
  const other = await h.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'otra@example.com', password: 'x' },
  })
  t.equal(other.statusCode, 429)
})

t.test('token attacks: alg none, wrong key, expired, tampered, missing claims', async (t) => {
  const h = await testApp(t)
  const me = (await h.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(h.adminToken) })).json()
  const claims = { sub: me.user_id, ver: 0, rol: 'ADMIN', iat: now(), exp: now() + 600 }
  t.equal(
    (await h.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token(claims)) })).statusCode,
    200,
    'a well-formed token of ours works',
  )
  const [head, , signature] = h.adminToken.split('.')
  const attacks: Record<string, string> = {
    'alg none': token(claims, { alg: 'none' }),
    'wrong key': token(claims, { secret: 'otra-clave-cualquiera-de-32-bytes!!' }),
    expired: token({ ...claims, iat: now() - 7200, exp: now() - 3600 }),
    'no exp': token({ sub: me.user_id, ver: 0, iat: now() }),
    'no sub': token({ ver: 0, iat: now(), exp: now() + 600 }),
    tampered: `${head}.${b64({ ...claims, rol: 'ADMIN', sub: 'otro' })}.${signature}`,
    'unknown user': token({ ...claims, sub: 'no-existe' }),
    garbage: 'abc.def',
    'HS512 with our key': token(claims, { alg: 'HS512' }),
  }
  for (const [name, forged] of Object.entries(attacks)) {
    const response = await h.inject({ method: 'GET', url: '/api/tickets/dashboard', headers: bearer(forged) })
    t.equal(response.statusCode, 401, name)
    t.match(response.headers['www-authenticate'], /Bearer/)
  }
  t.equal(
    (
      await h.inject({
        method: 'GET',
        url: '/api/tickets/dashboard',
        headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
      })
    ).statusCode,
    401,
    'not a bearer',
  )
  t.equal((await h.inject({ method: 'GET', url: '/api/tickets/dashboard' })).statusCode, 401, 'no token')
  const badOnPublic = await h.inject({
    method: 'POST',
    url: '/api/tickets/crear',
    headers: bearer('abc.def.ghi'),
    payload: { asunto: 'Asunto', descripcion: 'Descripción', nombre: 'Ana', email: 'a@b.co' },
  })
  t.equal(badOnPublic.statusCode, 401, 'a bad token on a public endpoint is refused, not ignored')
})

t.test(
  'deactivated, deleted, role-changed and password-changed users lose their tokens at once',
  async (t) => {
    const h = await testApp(t)
    const admin = bearer(h.adminToken)
    const dashboard = (token: string) =>
      h.inject({ method: 'GET', url: '/api/tickets/dashboard', headers: bearer(token) })
    const a = await h.user('MESA')
    t.equal((await dashboard(a.token)).statusCode, 200)
    await h.inject({
      method: 'PATCH',
      url: `/api/auth/users/${a.id}`,
      headers: admin,
      payload: { is_active: false },
    })
    t.equal((await dashboard(a.token)).statusCode, 401, 'deactivated')
    await h.inject({
      method: 'PATCH',
      url: `/api/auth/users/${a.id}`,
      headers: admin,
      payload: { is_active: true },
    })
    t.equal((await dashboard(a.token)).statusCode, 401, 'reactivation does not revive old tokens')

    // Each user is seen once before the change, so the credentials cache holds them.
    const b = await h.user('MESA')
    t.equal((await dashboard(b.token)).statusCode, 200)
    await h.inject({ method: 'DELETE', url: `/api/auth/users/${b.id}`, headers: admin })
    t.equal((await dashboard(b.token)).statusCode, 401, 'deleted')

    const c = await h.user('MESA')
    t.equal((await dashboard(c.token)).statusCode, 200)
    await h.inject({
      method: 'PATCH',
      url: `/api/auth/users/${c.id}`,
      headers: admin,
      payload: { rol: 'AREA', area: 'RRHH' },
    })
    t.equal((await dashboard(c.token)).statusCode, 401, 'role changed')

    const d = await h.user('MESA')
    t.equal((await dashboard(d.token)).statusCode, 200)
    const changed = await h.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: bearer(d.token),
      payload: { passwordActual: 'definitiva1', passwordNuevo: 'otra-mas-1' },
    })
    t.equal(changed.statusCode, 200)
    t.equal((await dashboard(d.token)).statusCode, 401, 'token issued before the password change')
    t.equal((await dashboard(changed.json().token)).statusCode, 200, 'the new token works')
    const e = await h.user('MESA')
    t.equal((await dashboard(e.token)).statusCode, 200)
    await h.inject({
      method: 'PATCH',
      url: `/api/auth/users/${e.id}`,
      headers: admin,
      payload: { password: 'reset-123' },
    })
    t.equal((await dashboard(e.token)).statusCode, 401, 'admin reset')

    // A change that keeps the token (the name) shows on the very next request.
    const f = await h.user('MESA')
    const me = () => h.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(f.token) })
    t.not((await me()).json().nombre, 'Nombre Nuevo')
    await h.inject({
      method: 'PATCH',
      url: `/api/auth/users/${f.id}`,
      headers: admin,
      payload: { nombre: 'Nombre Nuevo' },
    })
    const after = await me()
    t.equal(after.statusCode, 200, 'a new name keeps the token')
    t.equal(after.json().nombre, 'Nombre Nuevo', 'and is seen at once')
  },
)

t.test('must change password: 403 everywhere but /password and /me, until changed', async (t) => {
  const h = await testApp(t)
  const created = await h.inject({
    method: 'POST',
    url: '/api/auth/users',
    headers: bearer(h.adminToken),
    payload: { email: 'nuevo@example.com', nombre: 'Nuevo', password: 'temporal1', rol: 'MESA' },
  })
  t.equal(created.statusCode, 201)
  const first = await h.login('nuevo@example.com', 'temporal1')
  const blocked = await h.inject({ method: 'GET', url: '/api/tickets/dashboard', headers: bearer(first) })
  t.equal(blocked.statusCode, 403)
  t.equal(blocked.json().type, `${PROBLEM_BASE}cambio-de-password-requerido`)
  t.match((await h.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(first) })).json(), {
    must_change_password: true,
  })
  const same = await h.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: bearer(first),
    payload: { passwordActual: 'temporal1', passwordNuevo: 'temporal1' },
  })
  t.equal(same.statusCode, 422, 'the new password must differ')
  const changed = await h.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: bearer(first),
    payload: { passwordActual: 'temporal1', passwordNuevo: 'definitiva1' },
  })
  t.equal(changed.statusCode, 200)
  t.equal(
    (await h.inject({ method: 'GET', url: '/api/tickets/dashboard', headers: bearer(changed.json().token) }))
      .statusCode,
    200,
  )
  t.equal(
    (
      await h.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'nuevo@example.com', password: 'temporal1' },
      })
    ).statusCode,
    401,
    'old password gone',
  )
})

t.test(
  'bootstrap: from ADMIN_EMAIL/ADMIN_PASSWORD ready to use; without them a printed must-change password',
  async (t) => {
    const h = await testApp(t)
    t.match((await h.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(h.adminToken) })).json(), {
      rol: 'ADMIN',
      must_change_password: false,
    })
    const { buildApp } = await import('../src/http/app.ts')
    const { testConfig } = await import('./support/app.ts')
    const { tempDir } = await import('./support/temp.ts')
    const lines: string[] = []
    const config = { ...testConfig(tempDir(t)), adminEmail: null, adminPassword: null }
    const app = await buildApp({ config, logger: false, printBootstrap: (line) => lines.push(line) })
    t.teardown(() => app.close())
    const printed = /password (\S+)/.exec(lines.join('\n'))?.[1]
    t.ok(printed, 'the generated password is shown once')
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'admin@mesa.local', password: printed },
    })
    t.equal(login.statusCode, 200)
    t.equal(login.json().user.must_change_password, true)
    await app.close()
    const again = await buildApp({ config, logger: false, printBootstrap: (line) => lines.push(line) })
    t.equal(lines.length, 1, 'a second start creates nothing and prints nothing')
    await again.close()
  },
)
