import t from 'tap'
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, testApp } from '../support/app.ts'
import { pageText, webClient } from '../support/web-client.ts'

t.test('login returns to the page asked for, same-origin console paths only', async (t) => {
  const h = await testApp(t)
  const web = webClient(h)
  const asked = await web.get('/app?estado=ABIERTO')
  t.equal(asked.statusCode, 303)
  t.equal(asked.headers.location, '/app/login?volver=%2Fapp%3Festado%3DABIERTO')
  await web.get(String(asked.headers.location))
  const back = await web.post('/app/login', {
    email: ADMIN_EMAIL,
    password: ADMIN_PASSWORD,
    volver: '/app?estado=ABIERTO',
  })
  t.equal(back.headers.location, '/app?estado=ABIERTO')
  const cookie = back.cookies.find((c) => c.name === 'mesa_sesion')!
  t.match(cookie, { httpOnly: true, sameSite: 'Lax', path: '/' })
  t.notOk(cookie.secure, 'Secure only in production')
  for (const evil of [
    '//evil.example/app',
    'https://evil.example/app',
    '/\\evil.example',
    '/app//evil.example',
    '/apple',
  ]) {
    await web.get('/app/login')
    const response = await web.post('/app/login', {
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
      volver: evil,
    })
    t.equal(response.headers.location, '/app', `no open redirect to ${evil}`)
  }
  await web.get('/app/login')
  const wrong = await web.post('/app/login', { email: ADMIN_EMAIL, password: 'mala' })
  t.equal(wrong.statusCode, 401)
  t.match(pageText(wrong.body), 'Email o contraseña incorrectos')
})

t.test('forced password change, revocation on the next page, and /api keeps problem+json', async (t) => {
  const h = await testApp(t)
  const created = await h.inject({
    method: 'POST',
    url: '/api/auth/users',
    headers: bearer(h.adminToken),
    payload: { email: 'mesa@example.com', nombre: 'Marta Mesa', password: 'temporal1', rol: 'MESA' },
  })
  const userId = created.json().user_id
  const web = webClient(h)
  const login = await web.login('mesa@example.com', 'temporal1')
  t.equal(login.headers.location, '/app/password')
  t.equal(
    (await web.get('/app')).headers.location,
    '/app/password?volver=%2Fapp',
    'nothing else until changed',
  )
  const page = await web.get('/app/password')
  t.match(pageText(page.body), 'Debe cambiar su contraseña')
  const mismatch = await web.post('/app/password', {
    passwordActual: 'temporal1',
    passwordNuevo: 'nueva-clave',
    passwordRepetido: 'otra',
  })
  t.equal(mismatch.statusCode, 400)
  t.match(mismatch.body, 'Las dos contraseñas nuevas no coinciden.')
  const wrongCurrent = await web.post('/app/password', {
    passwordActual: 'mala-clave',
    passwordNuevo: 'nueva-clave',
    passwordRepetido: 'nueva-clave',
  })
  t.equal(wrongCurrent.statusCode, 422)
  t.match(wrongCurrent.body, 'La contraseña actual no es correcta')
  const changed = await web.post('/app/password', {
    passwordActual: 'temporal1',
    passwordNuevo: 'nueva-clave',
    passwordRepetido: 'nueva-clave',
    volver: '/app',
  })
  t.equal(changed.headers.location, '/app')
  t.equal((await web.get('/app')).statusCode, 200, 'the new cookie works')

  // An admin resets the password: the next page asks for a login again.
  const reset = await h.inject({
    method: 'PATCH',
    url: `/api/auth/users/${userId}`,
    headers: bearer(h.adminToken),
    payload: { password: 'reiniciada1' },
  })
  t.equal(reset.statusCode, 200)
  const after = await web.get('/app')
  t.equal(after.statusCode, 303)
  t.match(String(after.headers.location), /^\/app\/login/)
  t.ok(
    after.cookies.some((c) => c.name === 'mesa_sesion' && c.value === ''),
    'the dead cookie is cleared',
  )
  const relogin = await web.login('mesa@example.com', 'reiniciada1')
  t.equal(relogin.headers.location, '/app/password', 'a reset forces a change again')

  const api = await h.inject({ method: 'GET', url: '/api/tickets/dashboard' })
  t.equal(api.statusCode, 401)
  t.match(api.headers['content-type'], /application\/problem\+json/)
})

t.test('a USUARIO account has no console', async (t) => {
  const h = await testApp(t)
  const user = await h.user('USUARIO')
  const web = webClient(h)
  await web.login(user.email, 'definitiva1')
  const page = await web.get('/app')
  t.equal(page.statusCode, 403)
  t.match(pageText(page.body), 'Su cuenta no tiene acceso a la consola.')
})

t.test('tablero: filters in the URL, counts per estado, SLA, keyset "Siguientes"', async (t) => {
  const h = await testApp(t)
  for (let i = 0; i < 27; i++)
    await h.ticket({ asunto: `Problema número ${i}`, prioridad: i < 3 ? 'ALTA' : 'BAJA' })
  const sistemas = await h.ticket({ asunto: 'Del área de sistemas', area: 'SISTEMAS' })
  const web = webClient(h)
  await web.login(ADMIN_EMAIL, ADMIN_PASSWORD)
  const first = await web.get('/app')
  t.equal(first.statusCode, 200)
  t.match(first.body, /<span id="total">28<\/span>/)
  t.match(first.body, /data-estado="ABIERTO">28</)
  t.equal((first.body.match(/<tr>/g) ?? []).length, 1 + 25, 'a page of 25')
  t.match(first.body, /class="sla sla-EN_TIEMPO">En tiempo/)
  const next = /href="(\/app\?[^"]*cursor=[^"]+)" rel="next"/.exec(first.body)
  t.ok(next, 'a Siguientes link that keeps the filters')
  const second = await web.get(next![1]!.replaceAll('&amp;', '&'))
  t.equal((second.body.match(/<tr>/g) ?? []).length, 1 + 3, 'the rest')
  t.notMatch(second.body, /rel="next"/)

  const high = await web.get('/app?prioridad=ALTA&estado=&q=')
  t.match(high.body, /<span id="total">3<\/span>/, 'empty filters are ignored')
  const text = await web.get('/app?q=sistemas')
  t.match(text.body, /<span id="total">1<\/span>/)
  const invalid = await web.get('/app?prioridad=URGENTE')
  t.equal(invalid.statusCode, 200)
  t.match(invalid.body, /El formato no es válido/, 'an invalid filter is marked')
  const missingPage = await web.get('/app/no-existe')
  t.equal(missingPage.statusCode, 404)
  t.match(missingPage.headers['content-type'], /text\/html/, 'an HTML 404 under /app')
  const badCursor = await web.get('/app?cursor=basura')
  t.match(pageText(badCursor.body), 'El enlace de paginación no es válido')

  const area = await h.user('AREA', 'SISTEMAS')
  const areaWeb = webClient(h)
  await areaWeb.login(area.email, 'definitiva1')
  const own = await areaWeb.get('/app')
  t.match(own.body, /<span id="total">1<\/span>/, 'AREA: own area only')
  t.match(own.body, `/app/tickets/${sistemas.id}`)
})

t.test('ticket page: errors as messages (400 by field, 409 with what is allowed, 422)', async (t) => {
  const h = await testApp(t)
  const { id } = await h.ticket()
  const area = await h.user('AREA', 'RRHH')
  const web = webClient(h)
  await web.login(ADMIN_EMAIL, ADMIN_PASSWORD)
  const page = await web.get(`/app/tickets/${id}`)
  t.equal(page.statusCode, 200)
  t.match(page.body, 'id="op-asignar"')
  t.notMatch(page.body, 'id="op-archivar"', 'only the operations allowed now')
  const assignForm = /id="op-asignar"[\s\S]*?<\/form>/.exec(page.body)![0]
  t.notMatch(assignForm, `<option value="${area.id}"`, 'no agent of another area in the assign picker')
  t.match(assignForm, '<option value="', 'but the eligible ones')

  const short = await web.post(`/app/tickets/${id}/pausar`, { motivo: 'x', revision: '0' })
  t.equal(short.statusCode, 400)
  t.match(short.body, /Escriba al menos 3 caracteres\./)
  const otherArea = await web.post(`/app/tickets/${id}/asignar`, {
    agenteId: area.id,
    motivo: 'Para RRHH',
    revision: '0',
  })
  t.equal(otherArea.statusCode, 422)
  t.match(pageText(otherArea.body), 'es del área RRHH, no de MESA')
  const same = await web.post(`/app/tickets/${id}/transferir`, {
    nuevaArea: 'MESA',
    motivo: 'Sin cambio',
    revision: '0',
  })
  t.equal(same.statusCode, 409)
  t.match(pageText(same.body), 'El ticket ya está en el área MESA')
  t.match(pageText(same.body), 'Ahora el ticket permite:')
  const stale = await web.post(`/app/tickets/${id}/pausar`, { motivo: 'Con revisión vieja', revision: '7' })
  t.equal(stale.statusCode, 409)
  t.match(pageText(stale.body), 'El ticket cambió mientras lo veías')
  const ok = await web.post(`/app/tickets/${id}/pausar`, { motivo: 'Esperando', revision: '0' })
  t.equal(ok.statusCode, 303)
  const history = await h.inject({
    method: 'GET',
    url: `/api/tickets/${id}/historial`,
    headers: bearer(h.adminToken),
  })
  t.same(
    history.json().map((e: { tipo: string }) => e.tipo),
    ['TicketCreado', 'TicketPausado'],
  )
  const bogus = await web.get('/app/tickets/no-es-un-id')
  t.equal(bogus.statusCode, 404)
})
