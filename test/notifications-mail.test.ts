import t from 'tap'
import { bearer, manualClock, type TestApp, testApp } from './support/app.ts'
import { freePort, type SmtpSink, smtpSink, statusLinkOf, until } from './support/smtp.ts'
import { pageText, webClient } from './support/web-client.ts'

/**
 * E-mail to requesters and agents (issue 15 §1) against a real SMTP server in the test process:
 * every message is parsed with mailparser, and the status links are followed with inject().
 */
const PUBLIC_URL = 'http://mesa.example.test'
const mailEnv = (sink: { url: string }, extra: Record<string, string> = {}) => ({
  SMTP_URL: sink.url,
  MAIL_FROM: 'Mesa de Ayuda <mesa@example.test>',
  PUBLIC_URL,
  MAIL_RETRY_MS: '20,50',
  // The periodic check is driven by hand (checkSla) in these tests.
  SLA_CHECK_SECONDS: '86400',
  ...extra,
})

/** Waits until the e-mail subscriber has handled everything in the log. */
const drained = (h: TestApp) =>
  until(async () => (await h.app.correo.backlog()) === 0, 10_000, 'e-mail backlog')

const SECRET_MOTIVES = [
  'MOTIVO-INTERNO-ASIGNAR',
  'MOTIVO-INTERNO-REABRIR',
  'MOTIVO-INTERNO-CANCELAR',
  'MOTIVO-INTERNO-RECLASIFICAR',
]

t.test(
  'the requester journey: exactly the expected e-mails, in order, with working signed links',
  async (t) => {
    const sink = await smtpSink(t)
    const clock = manualClock('2026-03-02T12:00:00.000Z')
    const h = await testApp(t, mailEnv(sink), undefined, clock.runtime)
    const mesa = await h.user('MESA', null, 'Marta Mesa')
    const pedro = 'pedro@example.com'
    const { id, codigo } = await h.ticket({ email: pedro, asunto: 'No <b>funciona</b> el correo' })
    await drained(h)
    const events = async () => (await h.app.store.readStream(`ticket-${id}`)).map((e) => e.id)

    const ok = async (response: Promise<{ statusCode: number; body: string }>) => {
      const r = await response
      t.equal(r.statusCode, 200, r.body.slice(0, 200))
    }
    await ok(h.op(h.adminToken, id, 'asignar', { agenteId: mesa.id, motivo: SECRET_MOTIVES[0] }))
    await ok(
      h.op(h.adminToken, id, 'reclasificar', {
        nuevaPrioridad: 'ALTA',
        nuevaCategoria: 'Correo',
        motivo: SECRET_MOTIVES[3],
      }),
    )
    const actualizar = (estado: string, respuesta: string) =>
      ok(h.op(mesa.token, id, 'actualizar', { estado, prioridad: 'ALTA', area: 'MESA', respuesta }))
    await actualizar('EN_PROCESO', 'Estamos revisando su buzón')
    // A response that also resolves: one e-mail, not two.
    await actualizar('RESUELTO', 'Ya funciona: reiniciamos el servidor')
    await ok(h.op(h.adminToken, id, 'reabrir', { motivo: SECRET_MOTIVES[1] }))
    await actualizar('RESUELTO', 'Resuelto de nuevo')
    await actualizar('CERRADO', 'Cerramos el ticket')
    const other = await h.ticket({ email: 'otra@example.com', nombre: 'Otra Persona' })
    await ok(h.op(h.adminToken, other.id, 'cancelar', { motivo: SECRET_MOTIVES[2], rol: 'AGENTE' }))
    await drained(h)

    const mails = sink.to(pedro)
    t.same(
      mails.map((m) => m.subject),
      [
        `[${codigo}] Hemos recibido su solicitud: No <b>funciona</b> el correo`,
        `[${codigo}] Respuesta a su solicitud: No <b>funciona</b> el correo`,
        `[${codigo}] Respuesta a su solicitud (ticket resuelto): No <b>funciona</b> el correo`,
        `[${codigo}] Su solicitud se ha reabierto: No <b>funciona</b> el correo`,
        `[${codigo}] Respuesta a su solicitud (ticket resuelto): No <b>funciona</b> el correo`,
        `[${codigo}] Respuesta a su solicitud (ticket cerrado): No <b>funciona</b> el correo`,
      ],
      'one e-mail per command that concerns the requester, in order (none for asignar, reclasificar)',
    )
    // Message-IDs are the ids of the events that caused them.
    const ids = await events()
    t.same(
      mails.map((m) => m.messageId),
      [0, 3, 4, 5, 6, 7].map((n) => `<${ids[n]}@mesa-de-ayuda>`),
    )
    t.ok(mails[0]!.text.includes(codigo) && mails[0]!.text.includes('No <b>funciona</b> el correo'))
    t.match(
      mails[0]!.html,
      /No &lt;b&gt;funciona&lt;\/b&gt; el correo/,
      'user content escaped in the HTML part',
    )
    t.notMatch(mails[0]!.html, /<b>funciona/)
    t.match(mails[0]!.parsed.from?.text, 'mesa@example.test')
    t.match(mails[2]!.text, /Ya funciona: reiniciamos el servidor[\s\S]*ahora está Resuelto/)
    t.match(mails[5]!.text, /Cerramos el ticket[\s\S]*ahora está Cerrado/)
    const cancelled = sink.to('otra@example.com')
    t.same(
      cancelled.map((m) => m.subject),
      [
        `[${other.codigo}] Hemos recibido su solicitud: No funciona el correo`,
        `[${other.codigo}] Ticket cancelado: No funciona el correo`,
      ],
    )
    for (const mail of [...mails, ...cancelled]) {
      for (const motive of SECRET_MOTIVES) {
        t.notOk(
          mail.text.includes(motive) || mail.html.includes(motive),
          `no internal motive in "${mail.subject}"`,
        )
      }
      t.notOk(mail.text.includes('Marta Mesa'), 'the requester is not told who in the help desk acted')
    }

    // Every link opens the status page directly, as a successful consultar does.
    const browser = webClient(h)
    for (const mail of mails) {
      const link = statusLinkOf(mail, PUBLIC_URL)
      const page = await browser.get(link)
      t.equal(page.statusCode, 200)
      const text = pageText(page.body)
      t.match(text, codigo)
      t.match(text, 'Cerramos el ticket', 'the page shows the responses')
      t.match(text, 'Estado Cerrado')
    }
    const link = statusLinkOf(mails[0]!, PUBLIC_URL)
    // The same page as consultar with the right code and email.
    await browser.get('/consultar')
    const consulted = await browser.post('/consultar', { codigo, email: pedro })
    const viaLink = await browser.get(link)
    t.equal(pageText(viaLink.body), pageText(consulted.body), 'link page = consultar page')

    // Tampered or expired: exactly what a wrong code gets.
    await browser.get('/consultar')
    const wrong = await browser.post('/consultar', { codigo: 'TK-ZZZZZZ', email: pedro })
    t.equal(wrong.statusCode, 404)
    const token = new URL(link, PUBLIC_URL).searchParams.get('t')!
    const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1)
    const tampered = [
      flip(token, token.length - 1), // signature
      token.replace(/^v1\.[^.]+/, `v1.${other.id}`), // another ticket
      token.replace(/\.([0-9a-z]+)\./, (_m, e: string) => `.${(parseInt(e, 36) + 86_400).toString(36)}.`), // longer life
      'basura',
      '',
    ]
    for (const bad of tampered) {
      const page = await browser.get(`/consultar/enlace?t=${encodeURIComponent(bad)}`)
      t.equal(page.statusCode, wrong.statusCode, `tampered ${bad.slice(0, 12)}…: same status`)
      t.equal(pageText(page.body), pageText(wrong.body), 'same page text as a wrong code')
    }
    clock.advance(31 * 86_400_000)
    const expired = await browser.get(link)
    t.equal(expired.statusCode, 404, 'expired after STATUS_LINK_DAYS (30)')
    t.equal(pageText(expired.body), pageText(wrong.body))
  },
)

t.test(
  'agents: assigned to you, transferred to your area; nobody mailed about their own action',
  async (t) => {
    const sink = await smtpSink(t)
    const h = await testApp(t, mailEnv(sink))
    const mesa = await h.user('MESA', null, 'Marta Mesa')
    const sistemas1 = await h.user('AREA', 'SISTEMAS', 'Sara Sistemas')
    const sistemas2 = await h.user('AREA', 'SISTEMAS', 'Santi Sistemas')
    const inactivo = await h.user('AREA', 'SISTEMAS', 'Inés Inactiva')
    const rrhh = await h.user('AREA', 'RRHH', 'Rita RRHH')
    const off = await h.inject({
      method: 'PATCH',
      url: `/api/auth/users/${inactivo.id}`,
      headers: bearer(h.adminToken),
      payload: { is_active: false },
    })
    t.equal(off.statusCode, 200)
    const one = await h.ticket({ email: 'a@example.com' })
    const two = await h.ticket({ email: 'b@example.com' })
    await drained(h)
    sink.messages.length = 0

    t.equal(
      (await h.op(h.adminToken, one.id, 'asignar', { agenteId: mesa.id, motivo: 'Para Marta' })).statusCode,
      200,
    )
    // Assigning to oneself: nobody to tell.
    t.equal(
      (await h.op(mesa.token, two.id, 'asignar', { agenteId: mesa.id, motivo: 'Me lo quedo' })).statusCode,
      200,
    )
    await drained(h)
    t.same(
      sink.messages.map((m) => [m.to, m.subject]),
      [[mesa.email, `[${one.codigo}] Le asignaron un ticket: No funciona el correo`]],
    )
    t.match(sink.messages[0]!.text, `${PUBLIC_URL}/app/tickets/${one.id}`)
    t.match(sink.messages[0]!.text, /Administrador|admin/i, 'says who assigned it')
    sink.messages.length = 0

    // To an area without an agent: its active AREA users (not the inactive one, not other areas).
    t.equal(
      (await h.op(h.adminToken, one.id, 'transferir', { nuevaArea: 'SISTEMAS', motivo: 'Es de sistemas' }))
        .statusCode,
      200,
    )
    await drained(h)
    t.same(
      sink.messages.map((m) => m.to).sort(),
      [sistemas1.email, sistemas2.email].sort(),
      'the active AREA users of SISTEMAS',
    )
    t.ok(
      sink.messages.every(
        (m) => m.subject === `[${one.codigo}] Ticket transferido a SISTEMAS: No funciona el correo`,
      ),
    )
    t.equal(new Set(sink.messages.map((m) => m.messageId)).size, 2, 'one Message-ID per recipient')
    t.notOk(sink.to(inactivo.email).length || sink.to(rrhh.email).length)
    sink.messages.length = 0

    // To an area with an agent: the agent is told of the assignment; the others of the transfer.
    t.equal(
      (
        await h.op(h.adminToken, two.id, 'transferir', {
          nuevaArea: 'SISTEMAS',
          agenteId: sistemas2.id,
          motivo: 'Para Santi',
        })
      ).statusCode,
      200,
    )
    await drained(h)
    t.same(
      sink.messages.map((m) => [m.to, m.subject.replace(/^\[[^\]]+\] /, '')]).sort(),
      [
        [sistemas1.email, 'Ticket transferido a SISTEMAS: No funciona el correo'],
        [sistemas2.email, 'Le asignaron un ticket: No funciona el correo'],
      ].sort(),
      'one e-mail per person for one command',
    )
  },
)

t.test('SLA at risk and breached: once per ticket, clock and status', async (t) => {
  const sink = await smtpSink(t)
  const clock = manualClock('2026-03-02T12:00:00.000Z')
  const h = await testApp(t, mailEnv(sink), undefined, clock.runtime)
  const mesa = await h.user('MESA', null, 'Marta Mesa')
  // CRITICA: first response 1 h, resolution 4 h (defaults).
  const ticket = await h.ticket({ prioridad: 'CRITICA' })
  const unassigned = await h.ticket({ prioridad: 'CRITICA' })
  t.equal(
    (await h.op(h.adminToken, ticket.id, 'asignar', { agenteId: mesa.id, motivo: 'Urgente' })).statusCode,
    200,
  )
  await drained(h)
  sink.messages.length = 0
  const sla = () => sink.messages.filter((m) => m.subject.includes('SLA'))

  clock.advance(40 * 60_000)
  await h.app.correo.checkSla()
  t.same(sla(), [], 'at 40 min nothing is at risk')
  clock.advance(10 * 60_000) // 50 min: first response at 83 %
  await h.app.correo.checkSla()
  await h.app.correo.checkSla()
  clock.advance(60_000)
  await h.app.correo.checkSla()
  t.same(
    sla().map((m) => [m.to, m.subject]),
    [[mesa.email, `[${ticket.codigo}] SLA en riesgo (primera respuesta): No funciona el correo`]],
    'at risk, once, to the assignee only (the unassigned ticket has nobody to tell)',
  )
  t.equal(sla()[0]!.messageId, `<sla.${ticket.id}.primera_respuesta.EN_RIESGO@mesa-de-ayuda>`)
  clock.advance(15 * 60_000) // 66 min: breached
  await h.app.correo.checkSla()
  await h.app.correo.checkSla()
  t.same(
    sla().map((m) => m.subject),
    [
      `[${ticket.codigo}] SLA en riesgo (primera respuesta): No funciona el correo`,
      `[${ticket.codigo}] SLA vencido (primera respuesta): No funciona el correo`,
    ],
  )
  // The answer stops the first-response clock: later checks say nothing more about it.
  t.equal(
    (
      await h.op(mesa.token, ticket.id, 'actualizar', {
        estado: 'EN_PROCESO',
        prioridad: 'CRITICA',
        area: 'MESA',
        respuesta: 'Mirando',
      })
    ).statusCode,
    200,
  )
  await drained(h)
  clock.advance(3 * 3_600_000) // 3 h 6 min: resolution at 77 % → 4 h 6 min: breached, never "at risk" seen
  await h.app.correo.checkSla()
  clock.advance(3_600_000)
  await h.app.correo.checkSla()
  await h.app.correo.checkSla()
  t.same(
    sla().map((m) => m.subject.replace(/^\[[^\]]+\] /, '')),
    [
      'SLA en riesgo (primera respuesta): No funciona el correo',
      'SLA vencido (primera respuesta): No funciona el correo',
      'SLA vencido (resolución): No funciona el correo',
    ],
    'a clock first seen breached gets the breach only',
  )
  t.notOk(sink.messages.some((m) => m.subject.includes(unassigned.codigo)))
})

t.test(
  'SMTP refusing connections for a while: everything arrives after it recovers, none twice',
  async (t) => {
    const port = await freePort()
    const h = await testApp(t, mailEnv({ url: `smtp://127.0.0.1:${port}` }))
    const created = []
    for (let n = 0; n < 3; n++)
      created.push(await h.ticket({ email: `p${n}@example.com`, asunto: `Asunto ${n}` }))
    // The API keeps answering, and /ready reports the backlog but stays ready.
    const ready = await h.inject({ method: 'GET', url: '/ready' })
    t.equal(ready.statusCode, 200)
    t.ok(ready.json().correo.pendientes > 0, `pendientes: ${ready.json().correo.pendientes}`)
    t.equal(ready.json().correo.activo, true)
    await new Promise((resolve) => setTimeout(resolve, 300)) // several failed attempts
    const retrying = await h.inject({
      method: 'GET',
      url: '/api/notificaciones/entregas',
      headers: bearer(h.adminToken),
    })
    t.equal(retrying.json().items[0].estado, 'REINTENTANDO')
    t.ok(retrying.json().items[0].intentos >= 2)
    t.match(retrying.json().items[0].error, /ECONNREFUSED|connect/i)

    const { SmtpSink } = await import('./support/smtp.ts')
    const sink = await new SmtpSink().listen(port)
    t.teardown(() => sink.close())
    await drained(h)
    t.same(
      sink.messages.map((m) => m.to),
      ['p0@example.com', 'p1@example.com', 'p2@example.com'],
      'in log order, each once',
    )
    t.equal((await h.inject({ method: 'GET', url: '/ready' })).json().correo.pendientes, 0)
    const after = await h.inject({
      method: 'GET',
      url: '/api/notificaciones/entregas',
      headers: bearer(h.adminToken),
    })
    t.same(
      after.json().items.map((d: { estado: string }) => d.estado),
      ['ENVIADO', 'ENVIADO', 'ENVIADO'],
    )
  },
)

t.test('a permanent refusal (5xx) is recorded and skipped; the entregas API is ADMIN only', async (t) => {
  const sink: SmtpSink = await smtpSink(t, {
    rcptCode: (address) => (address === 'nadie@example.com' ? 550 : undefined),
  })
  const h = await testApp(t, mailEnv(sink))
  await h.ticket({ email: 'nadie@example.com', asunto: 'Rechazado' })
  await h.ticket({ email: 'alguien@example.com', asunto: 'Aceptado' })
  await drained(h)
  t.same(
    sink.messages.map((m) => m.to),
    ['alguien@example.com'],
    'the next e-mail is not held up',
  )

  const page = await h.inject({
    method: 'GET',
    url: '/api/notificaciones/entregas?limit=1',
    headers: bearer(h.adminToken),
  })
  t.equal(page.statusCode, 200)
  t.equal(page.json().items.length, 1)
  t.equal(page.json().items[0].estado, 'ENVIADO')
  const next = await h.inject({
    method: 'GET',
    url: `/api/notificaciones/entregas?limit=1&antes=${page.json().siguiente}`,
    headers: bearer(h.adminToken),
  })
  const failed = next.json().items[0]
  t.match(failed, { estado: 'FALLIDO', tipo: 'creado', destinatarioTipo: 'SOLICITANTE', intentos: 1 })
  t.match(failed.error, /^550/)
  t.notMatch(failed.error, /nadie@example\.com/, 'the address is masked in the recorded error')
  t.notMatch(JSON.stringify(next.json()), /nadie@example\.com/)

  const mesa = await h.user('MESA')
  t.equal(
    (await h.inject({ method: 'GET', url: '/api/notificaciones/entregas', headers: bearer(mesa.token) }))
      .statusCode,
    403,
  )
  t.equal((await h.inject({ method: 'GET', url: '/api/notificaciones/entregas' })).statusCode, 401)
  t.equal(
    (
      await h.inject({
        method: 'GET',
        url: '/api/notificaciones/entregas?limit=0',
        headers: bearer(h.adminToken),
      })
    ).statusCode,
    400,
  )

  // The console page, for ADMIN only.
  const admin = webClient(h)
  await admin.login('admin@example.com', 'admin-secreto')
  const console = await admin.get('/app/notificaciones')
  t.equal(console.statusCode, 200)
  t.match(pageText(console.body), /Rechazado .*Solicitante/)
  t.match(console.body, 'href="/app/notificaciones"', 'in the menu')
  const staff = webClient(h)
  await staff.login(mesa.email, 'definitiva1')
  t.equal((await staff.get('/app/notificaciones')).statusCode, 403)
  t.notMatch((await staff.get('/app')).body, 'href="/app/notificaciones"', 'not in MESA menu')
})

t.test('the creation page says an e-mail was sent only when SMTP is configured', async (t) => {
  const sink = await smtpSink(t)
  for (const [env, expected] of [
    [mailEnv(sink), true],
    [{}, false],
  ] as const) {
    const h = await testApp(t, env)
    const page = await webClient(h).get('/creado?codigo=TK-ABCDEF')
    t.equal(page.statusCode, 200)
    t.equal(page.body.includes('Le enviamos un correo'), expected)
    t.equal((await h.inject({ method: 'GET', url: '/ready' })).json().correo.activo, expected)
  }
})

t.test('grouping: the events of one command (one append, same metadata) make one e-mail', async (t) => {
  const sink = await smtpSink(t)
  const h = await testApp(t, mailEnv(sink))
  const { id, codigo } = await h.ticket({ email: 'g@example.com' })
  await drained(h)
  sink.messages.length = 0
  const metadata = (requestId: string) => ({
    actor: { id: 'agente-1', rol: 'MESA', nombre: 'Agente' },
    occurredAt: new Date().toISOString(),
    requestId,
    correlationId: requestId,
    schemaVersion: 1,
  })
  const change = (antes: string, despues: string, respuesta: string) => ({
    estado: { antes, despues },
    prioridad: { antes: 'MEDIA', despues: 'MEDIA' },
    area: { antes: 'MESA', despues: 'MESA' },
    agente: { antes: null, despues: null },
    respuesta,
  })
  const one = metadata('peticion-1')
  const ids = [crypto.randomUUID(), crypto.randomUUID()]
  await h.app.store.append(
    `ticket-${id}`,
    [
      {
        id: ids[0]!,
        type: 'TicketActualizado',
        data: change('ABIERTO', 'EN_PROCESO', 'Primera parte'),
        metadata: one,
      },
      {
        id: ids[1]!,
        type: 'TicketActualizado',
        data: change('EN_PROCESO', 'RESUELTO', 'Segunda parte'),
        metadata: one,
      },
    ],
    { expectedRevision: 'any' },
  )
  await h.app.store.append(
    `ticket-${id}`,
    [
      {
        id: crypto.randomUUID(),
        type: 'TicketActualizado',
        data: change('RESUELTO', 'CERRADO', 'Otra orden'),
        metadata: metadata('peticion-2'),
      },
    ],
    { expectedRevision: 'any' },
  )
  await drained(h)
  t.same(
    sink.messages.map((m) => m.subject),
    [
      `[${codigo}] Respuesta a su solicitud (ticket resuelto): No funciona el correo`,
      `[${codigo}] Respuesta a su solicitud (ticket cerrado): No funciona el correo`,
    ],
  )
  t.match(sink.messages[0]!.text, /Primera parte\s+Segunda parte[\s\S]*ahora está Resuelto/)
  t.equal(sink.messages[0]!.messageId, `<${ids[0]}@mesa-de-ayuda>`, 'named after the command’s first event')
})

t.test('mail settings are validated; a bad URL names the variable, never the password', async (t) => {
  const { loadConfig } = await import('../src/config.ts')
  const fails = (env: Record<string, string>) => {
    try {
      loadConfig(env)
      return ''
    } catch (error) {
      return (error as Error).message
    }
  }
  const smtp = fails({ SMTP_URL: 'http://user:clave-secreta@host:25' })
  t.match(smtp, 'SMTP_URL')
  t.notMatch(smtp, 'clave-secreta')
  t.match(fails({ PUBLIC_URL: 'ftp://x' }), 'PUBLIC_URL')
  t.match(fails({ MAIL_FROM: 'nadie' }), 'MAIL_FROM')
  t.match(fails({ STATUS_LINK_DAYS: '0' }), 'STATUS_LINK_DAYS')
  t.match(fails({ SLA_CHECK_SECONDS: 'a' }), 'SLA_CHECK_SECONDS')
  t.match(fails({ MAIL_RETRY_MS: '10,x' }), 'MAIL_RETRY_MS')
  const config = loadConfig({ HOST: '0.0.0.0', PORT: '8080' })
  t.match(config.mail, {
    smtpUrl: null,
    publicUrl: 'http://localhost:8080', // 0.0.0.0 names no host a reader can open
    statusLinkDays: 30,
    slaCheckSeconds: 60,
  })
  t.equal(
    loadConfig({ PUBLIC_URL: 'https://ayuda.example.com/' }).mail.publicUrl,
    'https://ayuda.example.com',
  )
  t.equal(
    loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.com:587' }).mail.smtpUrl,
    'smtp://u:p@mail.example.com:587',
  )
})
