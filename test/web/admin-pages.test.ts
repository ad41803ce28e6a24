import t from 'tap'
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, testApp } from '../support/app.ts'
import { pageText, webClient } from '../support/web-client.ts'

t.test('Usuarios: only ADMIN; create, edit, reset, deactivate, last admin, delete', async (t) => {
  const h = await testApp(t)
  const mesa = await h.user('MESA')
  const area = await h.user('AREA', 'SISTEMAS')
  for (const who of [mesa, area]) {
    const web = webClient(h)
    await web.login(who.email, 'definitiva1')
    for (const url of ['/app/usuarios', '/app/usuarios/nuevo', `/app/usuarios/${mesa.id}`]) {
      const page = await web.get(url)
      t.equal(page.statusCode, 403, `${who.email}: ${url} is refused`)
      t.match(pageText(page.body), 'Solo la administración')
    }
    const posted = await web.post('/app/usuarios', {
      nombre: 'Intruso',
      email: 'x@example.com',
      rol: 'ADMIN',
      password: 'temporal1',
    })
    t.equal(posted.statusCode, 403, 'and so is creating one')
  }

  const web = webClient(h)
  await web.login(ADMIN_EMAIL, ADMIN_PASSWORD)
  const list = await web.get('/app/usuarios')
  t.equal(list.statusCode, 200)
  t.match(pageText(list.body), mesa.email)

  await web.get('/app/usuarios/nuevo')
  const invalid = await web.post('/app/usuarios', {
    nombre: 'L',
    email: 'no-es-email',
    rol: 'MESA',
    password: '123',
  })
  t.equal(invalid.statusCode, 400)
  t.match(invalid.body, /id="e-nombre">Escriba al menos 2 caracteres/, 'message next to nombre')
  t.match(invalid.body, /id="e-email">El formato no es válido/, 'next to email')
  t.match(invalid.body, /id="e-password">Escriba al menos 6 caracteres/, 'next to password')
  const noArea = await web.post('/app/usuarios', {
    nombre: 'Sin Área',
    email: 'sinarea@example.com',
    rol: 'AREA',
    password: 'temporal1',
  })
  t.equal(noArea.statusCode, 422)
  t.match(noArea.body, /id="e-area">Area es obligatoria/, 'the domain rule on the área field')
  const taken = await web.post('/app/usuarios', {
    nombre: 'Repetido',
    email: mesa.email,
    rol: 'MESA',
    password: 'temporal1',
  })
  t.equal(taken.statusCode, 409)
  t.match(pageText(taken.body), 'ya está en uso', 'email in use, on the form')

  const created = await web.post('/app/usuarios', {
    nombre: 'Rosa Recursos',
    email: 'rosa@example.com',
    rol: 'AREA',
    area: 'RRHH',
    telefono: '+34 600 000 000',
    password: 'temporal1',
  })
  t.equal(created.statusCode, 303)
  const userUrl = String(created.headers.location).split('?')[0]!
  const rosaId = userUrl.split('/').pop()!
  const api = (
    await h.inject({ method: 'GET', url: `/api/auth/users/${rosaId}`, headers: bearer(h.adminToken) })
  ).json()
  t.match(api, {
    nombre: 'Rosa Recursos',
    rol: 'AREA',
    area: 'RRHH',
    telefono: '+34 600 000 000',
    must_change_password: true,
  })
  const shown = await web.get(String(created.headers.location))
  t.match(pageText(shown.body), 'Usuario creado')

  const filtered = await web.get('/app/usuarios?rol=AREA&area=RRHH&activo=true&q=rosa')
  t.match(pageText(filtered.body), 'Usuarios: 1')
  t.match(pageText(filtered.body), 'rosa@example.com')
  const none = await web.get('/app/usuarios?q=nadie-asi')
  t.match(pageText(none.body), 'No hay usuarios con estos filtros')
  const badFilter = await web.get('/app/usuarios?rol=JEFE')
  t.match(pageText(badFilter.body), 'Elija un rol', 'a bad filter is marked, not a 500')

  await web.get(userUrl)
  const edited = await web.post(userUrl, {
    nombre: 'Rosa Sistemas',
    email: 'rosa.s@example.com',
    rol: 'AREA',
    area: 'SISTEMAS',
    telefono: '',
  })
  t.equal(edited.statusCode, 303)
  const after = (
    await h.inject({ method: 'GET', url: `/api/auth/users/${rosaId}`, headers: bearer(h.adminToken) })
  ).json()
  t.match(after, { nombre: 'Rosa Sistemas', email: 'rosa.s@example.com', area: 'SISTEMAS', telefono: null })
  await web.get(userUrl)
  const badEdit = await web.post(userUrl, { nombre: 'Rosa', email: 'x', rol: 'AREA', area: 'SISTEMAS' })
  t.equal(badEdit.statusCode, 400)
  t.match(badEdit.body, /id="e-email">El formato no es válido/)

  // Rosa changes her password, then an admin reset forces another change.
  const rosaToken = await h.login('rosa.s@example.com', 'temporal1')
  await h.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: bearer(rosaToken),
    payload: { passwordActual: 'temporal1', passwordNuevo: 'propia123' },
  })
  await web.get(userUrl)
  const reset = await web.post(`${userUrl}/password`, { password: 'otra-temporal' })
  t.equal(reset.statusCode, 303)
  const rosa = webClient(h)
  const login = await rosa.login('rosa.s@example.com', 'otra-temporal')
  t.match(String(login.headers.location), /^\/app\/password/, 'the reset forces a change at next login')
  await web.get(userUrl)
  const shortReset = await web.post(`${userUrl}/password`, { password: '12' })
  t.equal(shortReset.statusCode, 400)
  t.match(shortReset.body, /id="e-password">Escriba al menos 6 caracteres/)

  await web.get(userUrl)
  const off = await web.post(`${userUrl}/activo`, { activo: 'false' })
  t.equal(off.statusCode, 303)
  t.match(pageText((await web.get(String(off.headers.location))).body), 'Inactivo')
  const on = await web.post(`${userUrl}/activo`, { activo: 'true' })
  t.equal(on.statusCode, 303)
  t.match(pageText((await web.get(String(on.headers.location))).body), 'Usuario reactivado')

  // The last active admin: the bootstrap admin is the only one.
  const admins = (
    await h.inject({ method: 'GET', url: '/api/auth/users?rol=ADMIN', headers: bearer(h.adminToken) })
  ).json()
  t.equal(admins.length, 1)
  const adminUrl = `/app/usuarios/${admins[0].user_id}`
  await web.get(adminUrl)
  const last = await web.post(`${adminUrl}/activo`, { activo: 'false' })
  t.equal(last.statusCode, 409)
  t.match(
    last.body,
    /id="activo-error">No se puede desactivar al último ADMIN activo\. Debe quedar al menos una cuenta/,
  )
  await web.get(adminUrl)
  const demote = await web.post(adminUrl, { nombre: admins[0].nombre, email: admins[0].email, rol: 'MESA' })
  t.equal(demote.statusCode, 409)
  t.match(pageText(demote.body), 'No se puede quitar el rol ADMIN al último ADMIN activo')

  const confirm = await web.get(`${userUrl}/eliminar`)
  t.equal(confirm.statusCode, 200)
  t.match(pageText(confirm.body), '¿Eliminar a Rosa Sistemas?')
  const unconfirmed = await web.post(`${userUrl}/eliminar`, {})
  t.equal(unconfirmed.statusCode, 400, 'without the confirmation nothing is deleted')
  t.equal(
    (await h.inject({ method: 'GET', url: `/api/auth/users/${rosaId}`, headers: bearer(h.adminToken) }))
      .statusCode,
    200,
  )
  const deleted = await web.post(`${userUrl}/eliminar`, { confirmar: 'si' })
  t.equal(deleted.statusCode, 303)
  t.equal(deleted.headers.location, '/app/usuarios?hecho=eliminado')
  t.equal(
    (await h.inject({ method: 'GET', url: `/api/auth/users/${rosaId}`, headers: bearer(h.adminToken) }))
      .statusCode,
    404,
  )
  t.equal((await web.get(userUrl)).statusCode, 404, 'a deleted user is a 404 page')
  t.equal((await web.get('/app/usuarios/no..valido')).statusCode, 404)
  await web.get(`/app/usuarios/${admins[0].user_id}/eliminar`)
  const lastDelete = await web.post(`/app/usuarios/${admins[0].user_id}/eliminar`, { confirmar: 'si' })
  t.equal(lastDelete.statusCode, 409)
  t.match(pageText(lastDelete.body), 'No se puede eliminar al último ADMIN activo')

  const forged = await web.post(`/app/usuarios/${mesa.id}/activo`, { activo: 'false' }, { csrf: false })
  t.equal(forged.statusCode, 403, 'no CSRF token, no change')
})

t.test('each role sees only its menu entries', async (t) => {
  const h = await testApp(t)
  const mesa = await h.user('MESA')
  const area = await h.user('AREA', 'SISTEMAS')
  const menuOf = async (email: string, password: string) => {
    const web = webClient(h)
    await web.login(email, password)
    const page = await web.get('/app')
    const nav = /<nav aria-label="Principal">([\s\S]*?)<\/nav>/.exec(page.body)![1]!
    return [...nav.matchAll(/<a href="(\/app[^"]*)"/g)].map((m) => m[1])
  }
  t.same(await menuOf(ADMIN_EMAIL, ADMIN_PASSWORD), [
    '/app',
    '/app/usuarios',
    '/app/estadisticas',
    '/app/notificaciones',
    '/app/password',
  ])
  t.same(await menuOf(mesa.email, 'definitiva1'), ['/app', '/app/estadisticas', '/app/password'])
  t.same(await menuOf(area.email, 'definitiva1'), ['/app', '/app/estadisticas', '/app/password'])
})

t.test('Estadísticas: SVG charts; AREA sees only its own area', async (t) => {
  const h = await testApp(t)
  const mesa = await h.user('MESA')
  const area = await h.user('AREA', 'SISTEMAS')
  const ids: string[] = []
  for (let i = 0; i < 3; i++) ids.push((await h.ticket({ asunto: `Sin red ${i}` })).id)
  await h.op(mesa.token, ids[0]!, 'transferir', { nuevaArea: 'SISTEMAS', motivo: 'Es de sistemas' })
  await h.op(mesa.token, ids[1]!, 'transferir', { nuevaArea: 'SISTEMAS', motivo: 'Es de sistemas' })
  await h.op(mesa.token, ids[2]!, 'cancelar', { motivo: 'Duplicado', rol: 'AGENTE' })

  const all = webClient(h)
  await all.login(mesa.email, 'definitiva1')
  const page = await all.get('/app/estadisticas')
  t.equal(page.statusCode, 200)
  t.match(page.body, /<dd id="total">3<\/dd>/)
  t.match(page.body, /<svg [^>]*role="img" aria-labelledby="g-estado-t g-estado-d"/, 'accessible SVG')
  const bars = (body: string, chart: string) =>
    [
      ...body
        .split(`id="${chart}"`)[1]!
        .split('</svg>')[0]!
        .matchAll(/data-serie="([^"]+)" data-periodo="[^"]+" data-valor="(\d+)"/g),
    ].map((m) => `${m[1]}=${m[2]}`)
  t.same(bars(page.body, 'g-area').sort(), ['MESA=1', 'SISTEMAS=2'])
  t.same(bars(page.body, 'g-estado').sort(), ['ABIERTO=2', 'CANCELADO=1'])

  const own = webClient(h)
  await own.login(area.email, 'definitiva1')
  const areaPage = await own.get('/app/estadisticas')
  t.equal(areaPage.statusCode, 200)
  t.match(areaPage.body, /<dd id="total">2<\/dd>/, 'only SISTEMAS tickets')
  t.same(bars(areaPage.body, 'g-area'), ['SISTEMAS=2'])
  t.notMatch(areaPage.body, 'id="f-area"', 'no área picker for AREA')
  const elsewhere = await own.get('/app/estadisticas?area=MESA')
  t.match(elsewhere.body, /<dd id="total">2<\/dd>/, 'asking for another area still shows only its own')

  const bad = await all.get('/app/estadisticas?desde=2026-02-30&hasta=ayer')
  t.equal(bad.statusCode, 400)
  t.match(bad.body, /id="e-desde">La fecha no es válida/)
  t.match(bad.body, /id="e-hasta">La fecha no es válida/)
  const past = await all.get('/app/estadisticas?desde=2020-01-01&hasta=2020-12-31')
  t.match(past.body, /<dd id="total">0<\/dd>/, 'the range filters by creation date')
  t.match(past.body, 'Sin tickets en el periodo')
  const weekly = await all.get('/app/estadisticas?desde=2020-01-01')
  t.match(weekly.body, 'Tickets creados por semana', 'long ranges per week')
})
