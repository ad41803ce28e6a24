import t from 'tap'
import { bearer, testApp } from '../support/app.ts'
import { pageText, webClient } from '../support/web-client.ts'

const ticketForm = {
  asunto: 'No imprime la impresora',
  descripcion: 'La impresora del segundo piso no imprime nada',
  nombre: 'Lucía Gómez',
  email: 'lucia@example.com',
}

t.test('the public form files a ticket, shows its code, and the status page finds it', async (t) => {
  const h = await testApp(t)
  const web = webClient(h)
  const form = await web.get('/')
  t.equal(form.statusCode, 200)
  t.match(form.headers['content-type'], /text\/html/)
  t.notMatch(form.body, /<script/, 'the public form needs no JavaScript')
  t.match(form.body, /name="sitio_web"/, 'the honeypot field is there')

  const created = await web.post('/crear', { ...ticketForm, telefono: '', categoria: 'Impresoras' })
  t.equal(created.statusCode, 303)
  const location = String(created.headers.location)
  const codigo = /codigo=(TK-[0-9A-Z]{6})/.exec(location)?.[1]
  t.ok(codigo, `redirected to the success page: ${location}`)
  const success = await web.get(location)
  t.match(success.body, new RegExp(`class="codigo"[^>]*>${codigo}<`), 'the code is shown large')
  t.match(success.body, `href="/consultar?codigo=${codigo}"`, 'with a link to its status page')

  const list = await h.inject({ method: 'GET', url: '/api/tickets/dashboard', headers: bearer(h.adminToken) })
  t.equal(list.json().total, 1, 'one ticket was created')
  t.match(list.json().items[0], {
    codigo,
    categoria: 'Impresoras',
    solicitante: { email: 'lucia@example.com' },
  })

  await web.get(`/consultar?codigo=${codigo}`)
  const found = await web.post('/consultar', { codigo: codigo!, email: 'LUCIA@example.com' })
  t.equal(found.statusCode, 200)
  const text = pageText(found.body)
  t.match(text, 'No imprime la impresora')
  t.match(text, 'Estado Abierto')
  t.match(text, 'Área MESA')

  const wrongCode = await web.post('/consultar', { codigo: 'TK-000000', email: 'lucia@example.com' })
  const wrongEmail = await web.post('/consultar', { codigo: codigo!, email: 'otra@example.com' })
  t.equal(wrongCode.statusCode, 404)
  t.equal(wrongEmail.statusCode, wrongCode.statusCode, 'wrong code and wrong email: same status')
  const message = (body: string) => /role="alert">([^<]*)</.exec(body)?.[1]
  t.equal(message(wrongEmail.body), message(wrongCode.body), 'and the same words')
  t.equal(message(wrongCode.body), 'No hay ningún ticket con ese código y ese email.')
})

t.test('the form validates like the API, with a message next to each field', async (t) => {
  const h = await testApp(t)
  const web = webClient(h)
  await web.get('/')
  const bad = await web.post('/crear', {
    asunto: 'ab',
    descripcion: 'corta',
    nombre: 'L',
    email: 'no-es-email',
  })
  t.equal(bad.statusCode, 400)
  t.match(bad.body, /id="e-asunto">Escriba al menos 3 caracteres\./)
  t.match(bad.body, /id="e-nombre">Escriba al menos 2 caracteres\./)
  t.match(bad.body, /id="e-email">El formato no es válido\./)
  t.notMatch(bad.body, /id="e-descripcion"/, 'a valid field has no message')
  t.match(bad.body, /value="no-es-email"/, 'what was typed stays in the form')
  const missing = await web.post('/crear', { asunto: 'Asunto', descripcion: 'Descripción larga' })
  t.match(missing.body, /id="e-nombre">Este campo es obligatorio\./)
  t.match(missing.body, /id="e-email">Este campo es obligatorio\./)
  const list = await h.inject({ method: 'GET', url: '/api/tickets/dashboard', headers: bearer(h.adminToken) })
  t.equal(list.json().total, 0, 'nothing was created')
})

t.test('a filled honeypot gets a success page and creates nothing', async (t) => {
  const h = await testApp(t)
  const web = webClient(h)
  await web.get('/')
  const response = await web.post('/crear', { ...ticketForm, sitio_web: 'http://spam.example' })
  t.equal(response.statusCode, 303)
  t.match(String(response.headers.location), /^\/creado\?codigo=TK-[0-9A-Z]{6}$/)
  const list = await h.inject({ method: 'GET', url: '/api/tickets/dashboard', headers: bearer(h.adminToken) })
  t.equal(list.json().total, 0)
})

t.test('forms without the CSRF token are refused; the JSON API does not need one', async (t) => {
  const h = await testApp(t)
  const web = webClient(h)
  await web.get('/')
  const forged = await web.post('/crear', ticketForm, { csrf: false })
  t.equal(forged.statusCode, 403)
  t.match(forged.headers['content-type'], /text\/html/, 'an HTML page, not problem+json')
  t.match(pageText(forged.body), 'El formulario caducó o no se envió desde esta página')
  const stranger = await h.inject({
    method: 'POST',
    url: '/crear',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...ticketForm, _csrf: 'inventado' }).toString(),
  })
  t.equal(stranger.statusCode, 403, 'a made-up token without the secret cookie')
  t.equal(
    (await h.inject({ method: 'GET', url: '/api/tickets/dashboard', headers: bearer(h.adminToken) })).json()
      .total,
    0,
  )
  const api = await h.inject({ method: 'POST', url: '/api/tickets/crear', payload: ticketForm })
  t.equal(api.statusCode, 201, 'the API is unaffected')
  const apiForm = await h.inject({
    method: 'POST',
    url: '/api/tickets/crear',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(ticketForm).toString(),
  })
  t.equal(apiForm.statusCode, 415, 'the API still takes JSON only')
  t.match(apiForm.headers['content-type'], /application\/problem\+json/)
})

t.test('the public forms are rate-limited, with the wait on the page', async (t) => {
  const h = await testApp(t)
  const web = webClient(h)
  await web.get('/')
  let last
  for (let i = 0; i < 11; i++) last = await web.post('/crear', { ...ticketForm, sitio_web: 'robot' })
  t.equal(last!.statusCode, 429)
  t.match(last!.headers['content-type'], /text\/html/)
  t.match(pageText(last!.body), /Espere \d+ s/)
  const lookup = await web.post('/consultar', { codigo: 'TK-000000', email: 'a@example.com' })
  t.equal(lookup.statusCode, 404, 'counted per form')
})

t.test('pages escape what people type', async (t) => {
  const h = await testApp(t)
  const web = webClient(h)
  await web.get('/')
  const evil = '<script>alert(1)</script><img src=x onerror=alert(1)>'
  const created = await web.post('/crear', { ...ticketForm, asunto: `Hola ${evil}` })
  const codigo = /codigo=(TK-[0-9A-Z]{6})/.exec(String(created.headers.location))![1]!
  await web.get('/consultar')
  const found = await web.post('/consultar', { codigo, email: ticketForm.email })
  t.notMatch(found.body, /<script>alert|<img src=x/)
  t.match(found.body, '&lt;script&gt;alert(1)&lt;/script&gt;')
  const headers = found.headers['content-security-policy']
  t.match(headers, /script-src 'self'/, 'no inline script may run')
})
