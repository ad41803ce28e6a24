import { join } from 'node:path'
import t from 'tap'
import { buildMetadata, systemRuntime } from '../src/commands/context.ts'
import { ConcurrentUpdateError, handleCommand } from '../src/commands/handler.ts'
import { ticketStream } from '../src/commands/streams.ts'
import { TicketCommands } from '../src/commands/tickets.ts'
import { DEFAULT_AREAS } from '../src/domain/catalogue.ts'
import { parseInstant } from '../src/domain/dates.ts'
import { createTicketDecider, type TicketCommand, type TicketState } from '../src/domain/ticket.ts'
import { ConfigError, loadConfig } from '../src/config.ts'
import { SqliteEventStore } from '../src/eventstore/sqlite.ts'
import { buildApp } from '../src/http/app.ts'
import { COMMAND_ANSWER_RESPONSES, PUBLIC_RESPONSES_LIMIT } from '../src/projections/tickets/view.ts'
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, testApp, testConfig } from './support/app.ts'
import { tempDir } from './support/temp.ts'

/**
 * Issue 12, input hardening: impossible dates, blank and control-character text, the capped public
 * lookup, weak If-Match tags, authorisation before validation, and exhausted retries without If-Match.
 */

type Response = Awaited<ReturnType<Awaited<ReturnType<typeof testApp>>['inject']>>
const problemJson = /^application\/problem\+json/
function fieldsOf(response: Response): string[] {
  // A nullable field fails every branch of its union: one field may be reported more than once.
  return [...new Set<string>((response.json().errores ?? []).map((e: { campo: string }) => e.campo))]
}

t.test('impossible dates and times are a 400 naming the parameter, never a 500', async (t) => {
  const h = await testApp(t)
  const admin = bearer(h.adminToken)
  const { id } = await h.ticket()
  const impossible = [
    '2024-13-45',
    '2024-01-01T25:00Z',
    '2024-01-01T23:59:60Z',
    '9999-99-99',
    '0000-00-00',
    '0000-01-01',
    '2024-02-30',
    '2023-02-29',
    '2024-04-31',
    '2024-01-01T10:60Z',
    '2024-01-01T10:00+24:00',
  ]
  for (const value of impossible) {
    for (const name of ['desde', 'hasta']) {
      const response = await h.inject({
        method: 'GET',
        url: `/api/tickets/estadisticas?${name}=${encodeURIComponent(value)}`,
        headers: admin,
      })
      t.equal(response.statusCode, 400, `${name}=${value} → 400`)
      t.match(response.headers['content-type'], problemJson)
      t.same(fieldsOf(response), [`querystring.${name}`], `${name}=${value} names the field`)
    }
    const past = await h.inject({
      method: 'GET',
      url: `/api/tickets/${id}?asOf=${encodeURIComponent(value)}`,
      headers: admin,
    })
    t.equal(past.statusCode, 400, `asOf=${value} → 400`)
    t.same(fieldsOf(past), ['querystring.asOf'])
  }
  const both = await h.inject({
    method: 'GET',
    url: '/api/tickets/estadisticas?desde=2024-02-30&hasta=2024-13-01',
    headers: admin,
  })
  t.same(fieldsOf(both), ['querystring.desde', 'querystring.hasta'], 'both named at once')

  const leap = await h.inject({
    method: 'GET',
    url: '/api/tickets/estadisticas?desde=2024-02-29&hasta=2024-03-01T10:30:00.5-05:00',
    headers: admin,
  })
  t.equal(leap.statusCode, 200)
  t.match(leap.json(), { desde: '2024-02-29T00:00:00.000Z', hasta: '2024-03-01T15:30:00.500Z' })
  const asOf = await h.inject({
    method: 'GET',
    url: `/api/tickets/${id}?asOf=${encodeURIComponent('9999-12-31T23:59:59+02:00')}`,
    headers: admin,
  })
  t.equal(asOf.statusCode, 200, 'a real far-future instant is fine')
})

t.test('the strict parser agrees with Date.parse on every real date and refuses the rest', async (t) => {
  t.equal(parseInstant('2024-02-29'), Date.parse('2024-02-29T00:00:00Z'))
  t.equal(parseInstant('2000-02-29T12:00Z'), Date.parse('2000-02-29T12:00:00Z'))
  t.equal(parseInstant('0050-06-01'), Date.parse('0050-06-01T00:00:00Z'), 'years 1–99 are not 1900s')
  for (const bad of ['1900-02-29', '2100-02-29', '2024-02-30', '2024-00-10', '2024-1-01', '2024-01-01T10:00'])
    t.equal(parseInstant(bad), null, bad)
  for (let day = Date.UTC(2023, 0, 1); day < Date.UTC(2025, 0, 1); day += 86_400_000) {
    const text = new Date(day).toISOString()
    if (parseInstant(text) !== day || parseInstant(text.slice(0, 10)) !== day) t.fail(text)
  }
})

t.test('SLA_HOLIDAYS: an impossible date is a ConfigError naming the variable', async (t) => {
  for (const day of ['2024-02-30', '2023-02-29', '2024-13-01', '0000-01-01']) {
    const error = (() => {
      try {
        loadConfig({ SLA_CALENDAR: 'Mon-Fri 08:00-18:00 America/Bogota', SLA_HOLIDAYS: `2024-12-25,${day}` })
      } catch (e) {
        return e as Error
      }
    })()
    t.type(error, ConfigError, day)
    t.match(error?.message, `SLA_HOLIDAYS: '${day}'`)
  }
  const ok = loadConfig({ SLA_CALENDAR: 'Mon-Fri 08:00-18:00 America/Bogota', SLA_HOLIDAYS: '2024-02-29' })
  t.ok(ok.sla.calendar?.holidays.has('2024-02-29'))
})

t.test('ADMIN_EMAIL is checked with the API e-mail pattern: control characters refused', async (t) => {
  for (const email of ['ad\u0000min@example.com', 'admin@example.com\n', 'ad\u202emin@example.com']) {
    t.throws(() => loadConfig({ ADMIN_EMAIL: email, ADMIN_PASSWORD: 'secreto1' }), /ADMIN_EMAIL/)
  }
})

t.test('blank text: trimmed, then the seed minimums apply; stored trimmed', async (t) => {
  const h = await testApp(t)
  const admin = bearer(h.adminToken)
  const createUser = (payload: Record<string, unknown>) =>
    h.inject({ method: 'POST', url: '/api/auth/users', headers: admin, payload })
  const user = { email: 'blanco@example.com', password: 'secreto1', rol: 'MESA' }
  for (const nombre of ['  ', ' A ', '\u3000\u3000', '']) {
    const response = await createUser({ ...user, nombre })
    t.equal(response.statusCode, 400, `nombre ${JSON.stringify(nombre)}`)
    t.same(fieldsOf(response), ['body.nombre'])
  }
  const created = await createUser({ ...user, nombre: '  Ana Pérez  ' })
  t.equal(created.statusCode, 201)
  t.equal(created.json().nombre, 'Ana Pérez')
  const patched = await h.inject({
    method: 'PATCH',
    url: `/api/auth/users/${created.json().user_id}`,
    headers: admin,
    payload: { nombre: '   ' },
  })
  t.equal(patched.statusCode, 400)
  t.same(fieldsOf(patched), ['body.nombre'])
  const spacedPassword = await createUser({
    ...user,
    email: 'clave@example.com',
    nombre: 'Clave',
    password: ' abc  ',
  })
  t.equal(spacedPassword.statusCode, 201, 'passwords are not trimmed: six characters with blanks')
  t.ok(await h.login('clave@example.com', ' abc  '))

  const crear = (body: Record<string, unknown>) =>
    h.inject({
      method: 'POST',
      url: '/api/tickets/crear',
      payload: {
        asunto: 'Sin correo',
        descripcion: 'No puedo enviar correos',
        nombre: 'Pedro',
        email: 'pedro@example.com',
        ...body,
      },
    })
  for (const [field, value] of [
    ['asunto', '     '],
    ['asunto', '  a  '],
    ['descripcion', ' \n\t \n '],
    ['nombre', '   '],
    ['categoria', '   '],
    ['area', '  '],
  ] as const) {
    const response = await crear({ [field]: value })
    t.equal(response.statusCode, 400, `crear ${field}=${JSON.stringify(value)}`)
    t.same(fieldsOf(response), [`body.${field}`])
  }
  const trimmed = await crear({ asunto: '  Impresora atascada  ', descripcion: '\n  Hoja 3 atascada \n' })
  t.equal(trimmed.statusCode, 201)
  t.equal(trimmed.json().asunto, 'Impresora atascada')
  const { id: createdId } = trimmed.json()
  const detail = await h.inject({ method: 'GET', url: `/api/tickets/${createdId}`, headers: admin })
  t.equal(detail.json().descripcion, 'Hoja 3 atascada')

  const { id } = await h.ticket()
  const adminId = (await h.inject({ method: 'GET', url: '/api/auth/me', headers: admin })).json().user_id
  const blank: Array<[string, Record<string, unknown>, string[]]> = [
    ['asignar', { agenteId: adminId, motivo: '   ' }, ['body.motivo']],
    ['transferir', { nuevaArea: '   ', motivo: '  \t ' }, ['body.nuevaArea', 'body.motivo']],
    [
      'actualizar',
      { estado: 'EN_PROCESO', prioridad: '  ', area: 'MESA', respuesta: '  \n\n   ' },
      ['body.prioridad', 'body.respuesta'],
    ],
    [
      'reclasificar',
      { nuevaPrioridad: 'ALTA', nuevaCategoria: '    ', motivo: '      ' },
      ['body.nuevaCategoria', 'body.motivo'],
    ],
    ['pausar', { motivo: ' a ' }, ['body.motivo']],
    ['reabrir', { motivo: '\n\n\n\n' }, ['body.motivo']],
    ['cancelar', { motivo: '    ', rol: 'AGENTE' }, ['body.motivo']],
    ['archivar', { motivo: '  ' }, ['body.motivo']],
  ]
  const before = (await h.app.store.readAll()).length
  for (const [operation, body, fields] of blank) {
    const response = await h.op(h.adminToken, id, operation, body)
    t.equal(response.statusCode, 400, `${operation} with blanks`)
    t.same(fieldsOf(response).sort(), [...fields].sort(), `${operation} names ${fields.join(', ')}`)
  }
  t.equal((await h.app.store.readAll()).length, before, 'nothing appended')
  const ok = await h.op(h.adminToken, id, 'reclasificar', {
    nuevaPrioridad: 'ALTA',
    nuevaCategoria: '  Red  ',
    motivo: '  Afecta a todos  ',
  })
  t.equal(ok.statusCode, 200)
  t.equal(ok.json().categoria, 'Red')
  t.equal(ok.json().motivos.reclasificar ?? 'Afecta a todos', 'Afecta a todos')
})

t.test('control characters are refused; line breaks and tabs only in free text', async (t) => {
  const h = await testApp(t)
  const admin = bearer(h.adminToken)
  const controls = ['\u0000', '\u001b', '\r', '\n', '\u007f', '\u0085', '\u202e', '\u2066']
  for (const c of controls) {
    const label = JSON.stringify(c)
    for (const [field, value] of [
      ['email', `ana${c}@example.com`],
      ['nombre', `Ana${c}Pérez`],
      ['area', `SIS${c}TEMAS`],
      ['telefono', `555${c}1234`],
    ]) {
      const response = await h.inject({
        method: 'POST',
        url: '/api/auth/users',
        headers: admin,
        payload: {
          email: 'ana@example.com',
          nombre: 'Ana',
          password: 'secreto1',
          rol: 'MESA',
          [field!]: value,
        },
      })
      t.equal(response.statusCode, 400, `user ${field} with ${label}`)
      t.match(response.headers['content-type'], problemJson)
      t.same(fieldsOf(response), [`body.${field}`])
    }
    for (const [field, value] of [
      ['asunto', `Sin${c}correo`],
      ['nombre', `Pedro${c}Pérez`],
      ['email', `pedro${c}@example.com`],
      ['telefono', `555${c}1234`],
      ['categoria', `Co${c}rreo`],
    ]) {
      const response = await h.inject({
        method: 'POST',
        url: '/api/tickets/crear',
        payload: {
          asunto: 'Sin correo',
          descripcion: 'No puedo enviar correos',
          nombre: 'Pedro',
          email: 'pedro@example.com',
          [field!]: value,
        },
      })
      t.equal(response.statusCode, 400, `crear ${field} with ${label}`)
      t.same(fieldsOf(response), [`body.${field}`])
    }
  }
  for (const c of ['\u0000', '\u001b', '\r', '\u202e']) {
    const response = await h.inject({
      method: 'POST',
      url: '/api/tickets/crear',
      payload: {
        asunto: 'Sin correo',
        descripcion: `Línea uno${c}dos`,
        nombre: 'Pedro',
        email: 'p@example.com',
      },
    })
    t.equal(response.statusCode, 400, `descripcion with ${JSON.stringify(c)}`)
    t.same(fieldsOf(response), ['body.descripcion'])
  }
  const multiline = await h.inject({
    method: 'POST',
    url: '/api/tickets/crear',
    payload: {
      asunto: 'Sin correo',
      descripcion: 'Pasos:\n\t1. abrir\r\n\t2. enviar',
      nombre: 'Pedro',
      email: 'p@example.com',
    },
  })
  t.equal(multiline.statusCode, 201, 'LF, CR LF and tab are fine in descripcion')
  const { id } = multiline.json()
  const actualizar = await h.op(h.adminToken, id, 'actualizar', {
    estado: 'EN_PROCESO',
    prioridad: 'ALTA',
    area: 'MESA',
    respuesta: 'Hola:\n\tlo revisamos hoy.',
  })
  t.equal(actualizar.statusCode, 200, 'and in respuesta')
  const pausar = await h.op(h.adminToken, id, 'pausar', { motivo: 'Esperando:\n- proveedor' })
  t.equal(pausar.statusCode, 200, 'and in motivo')
  const bidi = await h.op(h.adminToken, id, 'reabrir', { motivo: 'Reanudar \u202eodaunaer' })
  t.equal(bidi.statusCode, 400, 'a bidi override is refused even in free text')
  t.same(fieldsOf(bidi), ['body.motivo'])
  const reclasificar = await h.op(h.adminToken, id, 'reclasificar', {
    nuevaPrioridad: 'ALTA',
    nuevaCategoria: 'Red\nInterna',
    motivo: 'Cambio',
  })
  t.equal(reclasificar.statusCode, 400, 'a category is one line')
  t.same(fieldsOf(reclasificar), ['body.nuevaCategoria'])
})

t.test('public consultar and command answers: the latest responses only, with the total', async (t) => {
  const h = await testApp(t)
  const { id, codigo } = await h.ticket()
  const total = PUBLIC_RESPONSES_LIMIT + 12
  let answer: { respuestas: Array<{ respuesta: string }>; totalRespuestas: number } | undefined
  for (let i = 1; i <= total; i++) {
    const response = await h.op(h.adminToken, id, 'actualizar', {
      estado: 'EN_PROCESO',
      prioridad: 'MEDIA',
      area: 'MESA',
      respuesta: `Respuesta número ${i}`,
    })
    if (response.statusCode !== 200) t.fail(response.body)
    answer = response.json()
  }
  // A command's answer: the latest responses only, so its cost does not grow with the history.
  t.equal(answer!.respuestas.length, COMMAND_ANSWER_RESPONSES)
  t.equal(answer!.totalRespuestas, total)
  t.equal(answer!.respuestas[0]!.respuesta, `Respuesta número ${total - COMMAND_ANSWER_RESPONSES + 1}`)
  t.equal(answer!.respuestas.at(-1)!.respuesta, `Respuesta número ${total}`)
  const lookup = await h.inject({
    method: 'POST',
    url: '/api/tickets/consultar',
    payload: { codigo, email: 'pedro@example.com' },
  })
  t.equal(lookup.statusCode, 200)
  const view = lookup.json()
  t.equal(view.respuestas.length, PUBLIC_RESPONSES_LIMIT)
  t.equal(view.totalRespuestas, total)
  t.equal(view.respuestas[0].respuesta, `Respuesta número ${total - PUBLIC_RESPONSES_LIMIT + 1}`)
  t.equal(view.respuestas.at(-1).respuesta, `Respuesta número ${total}`, 'oldest first, ending at the latest')
  const staff = await h.inject({ method: 'GET', url: `/api/tickets/${id}`, headers: bearer(h.adminToken) })
  t.equal(staff.json().respuestas.length, total, 'staff still see every response')
  t.equal(staff.json().totalRespuestas, total)
})

t.test('If-Match: a weak tag never matches (strong comparison) → 412, nothing appended', async (t) => {
  const h = await testApp(t)
  const { id } = await h.ticket()
  const before = (await h.app.store.readAll()).length
  for (const tag of ['W/"0"', 'W/0', ' W/"0" ']) {
    const response = await h.op(h.adminToken, id, 'pausar', { motivo: 'Esperando' }, { 'if-match': tag })
    t.equal(response.statusCode, 412, tag)
    t.match(response.headers['content-type'], problemJson)
    t.match(response.json().type, /version-obsoleta$/)
  }
  t.equal((await h.app.store.readAll()).length, before)
  const strong = await h.op(h.adminToken, id, 'pausar', { motivo: 'Esperando' }, { 'if-match': '"0"' })
  t.equal(strong.statusCode, 200, 'the same revision as a strong tag matches')
})

t.test('authorisation before validation: 401 / 403 whatever the body', async (t) => {
  const h = await testApp(t)
  const { id } = await h.ticket()
  const area = await h.user('AREA', 'MESA')
  const mesa = await h.user('MESA')
  const usuario = await h.user('USUARIO')
  const invalidBodies: Array<[string, string]> = [
    ['unexpected field', JSON.stringify({ campoInesperado: true })],
    ['wrong types', JSON.stringify({ motivo: 42, agenteId: [] })],
    ['malformed JSON', '{"motivo": '],
  ]
  const send = (method: string, url: string, token: string | null, payload: string) =>
    h.inject({
      method: method as 'POST',
      url,
      headers: { 'content-type': 'application/json', ...(token ? bearer(token) : {}) },
      payload,
    })
  const forbidden: Array<[string, string, string, string]> = []
  for (const operation of ['asignar', 'transferir', 'reclasificar', 'reabrir'])
    forbidden.push(['AREA', area.token, 'POST', `/api/tickets/${id}/${operation}`])
  for (const operation of ['asignar', 'actualizar', 'pausar', 'cancelar', 'archivar'])
    forbidden.push(['USUARIO', usuario.token, 'POST', `/api/tickets/${id}/${operation}`])
  for (const [who, token] of [
    ['MESA', mesa.token],
    ['AREA', area.token],
    ['USUARIO', usuario.token],
  ] as const) {
    forbidden.push([who, token, 'POST', '/api/auth/users'])
    forbidden.push([who, token, 'PATCH', `/api/auth/users/${mesa.id}`])
  }
  forbidden.push(['AREA', area.token, 'POST', '/api/tickets/no-es-un-uuid/asignar'])
  for (const [who, token, method, url] of forbidden) {
    for (const [label, payload] of invalidBodies) {
      const response = await send(method, url, token, payload)
      t.equal(response.statusCode, 403, `${who} ${method} ${url}, ${label} → 403`)
      t.match(response.headers['content-type'], problemJson)
    }
  }
  const anonymous = [
    ...['asignar', 'actualizar', 'reclasificar', 'archivar'].map((op) => [
      'POST',
      `/api/tickets/${id}/${op}`,
    ]),
    ['POST', '/api/auth/users'],
    ['PATCH', `/api/auth/users/${mesa.id}`],
  ]
  for (const [method, url] of anonymous) {
    for (const [label, payload] of invalidBodies) {
      const response = await send(method!, url!, null, payload)
      t.equal(response.statusCode, 401, `no token ${method} ${url}, ${label} → 401`)
    }
  }
  const allowed = await send('POST', `/api/tickets/${id}/pausar`, area.token, '{"x":1}')
  t.equal(allowed.statusCode, 400, 'a role that may do the operation still gets the 400')
})

t.test('handleCommand: retries exhausted without an expected revision → ConcurrentUpdateError', async (t) => {
  const store = new SqliteEventStore(join(tempDir(t), 'events.db'))
  t.teardown(() => store.close())
  const tickets = new TicketCommands(store, systemRuntime, DEFAULT_AREAS)
  const admin = { actor: { id: 'admin-1', rol: 'ADMIN', nombre: 'Ana' } }
  const { ticketId } = await tickets.crear(
    {
      asunto: 'Sin correo',
      descripcion: 'No puedo enviar correos',
      solicitante: { nombre: 'Pedro', email: 'pedro@example.com', telefono: null },
      solicitanteId: null,
    },
    admin,
  )
  const decider = createTicketDecider({ areas: DEFAULT_AREAS })
  const stream = ticketStream(ticketId)
  const metadata = buildMetadata(admin, new Date())
  let rival = 0
  const attempt = handleCommand(
    store,
    decider,
    stream,
    (state: TicketState) => {
      // A concurrent writer: between this attempt's read and its append, another command lands.
      const events = decider.decide(
        {
          type: 'reclasificar',
          data: { nuevaPrioridad: 'ALTA', nuevaCategoria: `rival ${++rival}`, motivo: 'otro' },
        },
        state,
      )
      void store.append(
        stream,
        events.map((event) => ({ id: crypto.randomUUID(), ...event, metadata })),
        { expectedRevision: 'any' },
      )
      return { type: 'pausar', data: { motivo: 'Esperando' } } satisfies TicketCommand
    },
    { eventId: () => crypto.randomUUID(), metadata, maxRetries: 2 },
  )
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  )
  t.type(error, ConcurrentUpdateError)
  t.equal((error as ConcurrentUpdateError).attempts, 3)
  t.equal((error as ConcurrentUpdateError).actual, 3n, 'the revision the last attempt met')
  const events = await store.readStream(stream)
  t.same(
    events.map((event) => event.type),
    ['TicketCreado', 'TicketReclasificado', 'TicketReclasificado', 'TicketReclasificado'],
    'only the rivals were appended',
  )
})

t.test('instances on one store: lost races answer 409 with versionActual, never 412', async (t) => {
  // Four instances share one log, each with its own writer thread and read model; each
  // serialises its own commands on a ticket, and the four race each other in the store. With two,
  // a command seldom loses four times in a row (none did in four runs once the store had its
  // writer thread); with four, 19–27 of the 160 did in each run.
  const a = await testApp(t)
  const instances = [a.app]
  const tokens = [a.adminToken]
  for (let i = 0; i < 3; i++) {
    const other = await buildApp({
      config: testConfig(tempDir(t)),
      logger: false,
      store: new SqliteEventStore(join(a.dir, 'events.db')),
    })
    t.teardown(() => other.close())
    const login = await other.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    })
    instances.push(other)
    tokens.push(login.json().token as string)
  }
  const { id } = await a.ticket()
  const responses = await Promise.all(
    Array.from({ length: 160 }, (_, i) =>
      instances[i % instances.length]!.inject({
        method: 'POST',
        url: `/api/tickets/${id}/reclasificar`,
        headers: bearer(tokens[i % instances.length]!),
        payload: { nuevaPrioridad: i % 4 < 2 ? 'ALTA' : 'BAJA', nuevaCategoria: `c${i}`, motivo: 'carrera' },
      }),
    ),
  )
  const statuses = responses.map((response) => response.statusCode)
  const conflicts = responses.filter((response) => response.statusCode === 409)
  t.same(
    statuses.filter((status) => status !== 200 && status !== 409),
    [],
    'no 412 without If-Match',
  )
  t.ok(conflicts.length > 0, `some commands lost every retry (${conflicts.length})`)
  for (const conflict of conflicts) {
    t.match(conflict.headers['content-type'], problemJson)
    t.match(conflict.json(), { type: /\/conflicto$/, status: 409, versionActual: Number })
  }
  const history = await a.app.store.readStream(ticketStream(id))
  t.equal(history.length, 1 + statuses.filter((status) => status === 200).length, 'no accepted update lost')
})
