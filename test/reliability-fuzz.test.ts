import fc from 'fast-check'
import t from 'tap'
import { type Access, PERMISSIONS, TICKET_OPERATIONS } from '../src/domain/roles.ts'
import { DEFAULT_AREAS } from '../src/domain/catalogue.ts'
import { bearer, testApp } from './support/app.ts'

/**
 * Fuzzing every endpoint with schema-violating and random bodies, headers, ids and tokens: never
 * a 5xx, always problem+json for errors, and a rejected request changes nothing in the log.
 */
t.test(
  'random requests: never 5xx, problems are problem+json, rejected requests append nothing',
  async (t) => {
    const h = await testApp(t)
    const { id } = await h.ticket()
    const eventCount = async () => (await h.app.store.readAll()).length
    const endpoints = [
      ['POST', '/api/auth/login'],
      ['GET', '/api/auth/me'],
      ['POST', '/api/auth/password'],
      ['POST', '/api/auth/users'],
      ['GET', '/api/auth/users'],
      ['PATCH', '/api/auth/users/{uid}'],
      ['DELETE', '/api/auth/users/{uid}'],
      ['POST', '/api/tickets/crear'],
      ['POST', '/api/tickets/consultar'],
      ['GET', '/api/tickets/consultar'],
      ['GET', '/api/tickets/dashboard'],
      ['GET', '/api/tickets/estadisticas'],
      ['GET', '/api/tickets/{id}'],
      ['GET', '/api/tickets/{id}/historial'],
      ...TICKET_OPERATIONS.map((operation) => ['POST', `/api/tickets/{id}/${operation}`]),
    ] as const
    const json = fc.jsonValue({ maxDepth: 3 })
    const fieldNames = fc.constantFrom(
      'email',
      'password',
      'nombre',
      'rol',
      'area',
      'motivo',
      'agenteId',
      'nuevaArea',
      'estado',
      'prioridad',
      'respuesta',
      'asunto',
      'descripcion',
      'telefono',
      'categoria',
      'nuevaCategoria',
      'codigo',
      'is_active',
      '__proto__',
      'constructor',
      'x',
    )
    // Issue 12: blank text, control and bidi characters, impossible dates and times.
    const control = fc.constantFrom(
      '\u0000',
      '\u001b',
      '\r',
      '\n',
      '\t',
      '\u007f',
      '\u0085',
      '\u202e',
      '\u2069',
    )
    const impossibleDate = fc.constantFrom(
      '2024-13-45',
      '2024-02-30',
      '2023-02-29',
      '0000-00-00',
      '9999-99-99',
      '2024-01-01T25:00Z',
      '2024-01-01T23:59:60Z',
      '2024-01-01T10:00+24:00',
    )
    const hostile = fc.oneof(
      fc.constantFrom('', ' ', '   ', '\t\n ', '\u3000\u3000'),
      fc
        .tuple(fc.string({ maxLength: 20 }), control, fc.string({ maxLength: 20 }))
        .map((parts) => parts.join('')),
      fc.tuple(fc.string({ maxLength: 8 }), control).map(([local, c]) => `${local}${c}@example.com`),
      impossibleDate,
    )
    const body = fc.oneof(
      json,
      fc.dictionary(
        fieldNames,
        fc.oneof(
          fc.string({ maxLength: 300 }),
          hostile,
          hostile,
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          json,
        ),
        { maxKeys: 8 },
      ),
      fc.string({ maxLength: 200 }).map((text) => ({ raw: text })),
    )
    const ids = fc.oneof(
      fc.constant(id),
      fc.uuid(),
      fc.string({ maxLength: 40 }).filter((s) => !s.includes('/') && !s.includes('?') && !s.includes('#')),
      fc.constant('../..'),
    )
    const tokens = fc.oneof(
      fc.constant(h.adminToken),
      fc.constant(undefined),
      fc.string({ maxLength: 60 }),
      fc.constant(`${h.adminToken.slice(0, -3)}abc`),
      fc.constant('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'),
    )
    const query = fc.option(
      fc.dictionary(fc.constantFrom('desde', 'hasta', 'asOf', 'area', 'q', 'categoria'), hostile, {
        minKeys: 1,
        maxKeys: 3,
      }),
      { nil: undefined },
    )
    const extraHeaders = fc.record(
      {
        'if-match': fc.oneof(fc.string({ maxLength: 20 }), fc.constant('"0"'), fc.constant('*')),
        'idempotency-key': fc.string({ maxLength: 250 }),
        'content-type': fc.constantFrom(
          'application/json',
          'text/plain',
          'application/xml',
          'application/json; charset=utf-8',
          'multipart/form-data',
        ),
      },
      { requiredKeys: [] },
    )
    let runs = 0
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        body,
        ids,
        tokens,
        extraHeaders,
        query,
        async ([method, template], payload, ticketId, token, headers, search) => {
          runs++
          const url =
            template
              .replace('{id}', encodeURIComponent(ticketId))
              .replace('{uid}', encodeURIComponent(ticketId)) +
            (search ? `?${new URLSearchParams(search)}` : '')
          const before = await eventCount()
          const safeHeaders = Object.fromEntries(
            Object.entries(headers).filter(([, value]) => /^[\x20-\x7e]*$/.test(String(value))),
          )
          const request = {
            method,
            url,
            headers: {
              ...(token !== undefined && /^[\x20-\x7e]*$/.test(token) ? bearer(token) : {}),
              ...safeHeaders,
            },
            ...(method === 'GET' || method === 'DELETE'
              ? {}
              : {
                  payload:
                    'raw' in Object(payload)
                      ? String((payload as { raw: string }).raw)
                      : JSON.stringify(payload),
                }),
          }
          const response = await h.inject(request as never)
          if (response.statusCode >= 500)
            throw new Error(`${method} ${url} → ${response.statusCode}: ${response.body}`)
          if (response.statusCode >= 400) {
            if (!/^application\/problem\+json/.test(String(response.headers['content-type'])))
              throw new Error(`${method} ${url} → ${response.statusCode} without problem+json`)
            if (response.json().status !== response.statusCode)
              throw new Error(`${method} ${url} → ${response.statusCode} but the problem says otherwise`)
            if ((await eventCount()) !== before)
              throw new Error(`${method} ${url} → ${response.statusCode} but the log changed`)
          }
        },
      ),
      { numRuns: 400, seed: Number(process.env.FC_SEED ?? 424242) },
    )
    t.equal(runs, 400, '400 random requests, none broke the rules')
  },
)

t.test(
  'authorisation fuzz: random (role, area, endpoint, ticket) against the DESIGN §4 matrix',
  async (t) => {
    const h = await testApp(t)
    const callers = {
      ADMIN: { token: h.adminToken, area: null as string | null },
      MESA: { token: (await h.user('MESA')).token, area: null },
      AREA_SISTEMAS: { token: (await h.user('AREA', 'SISTEMAS')).token, area: 'SISTEMAS' },
      AREA_RRHH: { token: (await h.user('AREA', 'RRHH')).token, area: 'RRHH' },
      USUARIO: { token: (await h.user('USUARIO')).token, area: null },
      ANONIMO: { token: null, area: null },
    }
    const adminId = (
      await h.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(h.adminToken) })
    ).json().user_id
    const bodies: Record<string, Record<string, unknown>> = {
      asignar: { agenteId: adminId, motivo: 'Asignación' },
      transferir: { nuevaArea: 'FACTURACION', motivo: 'Transferencia' },
      actualizar: {
        estado: 'EN_PROCESO',
        prioridad: 'ALTA',
        area: '{area}',
        respuesta: 'Trabajando en ello',
      },
      reclasificar: { nuevaPrioridad: 'ALTA', nuevaCategoria: 'Red', motivo: 'Reclasificación' },
      pausar: { motivo: 'Pausa' },
      cancelar: { motivo: 'Cancelación', rol: 'AGENTE' },
    }
    let runs = 0
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(callers) as Array<keyof typeof callers>)),
        fc.constantFrom(...DEFAULT_AREAS),
        fc.constantFrom(
          'ver',
          'historial',
          'dashboard',
          'asignar',
          'transferir',
          'actualizar',
          'reclasificar',
          'pausar',
          'cancelar',
        ),
        async (who, ticketArea, endpoint) => {
          runs++
          const caller = callers[who]
          const rol = who.startsWith('AREA') ? 'AREA' : (who as 'ADMIN' | 'MESA' | 'USUARIO' | 'ANONIMO')
          const operation = endpoint === 'historial' ? 'ver' : endpoint
          const access: Access = PERMISSIONS[operation as keyof typeof PERMISSIONS][rol]
          const ticket = await h.ticket({ area: ticketArea })
          const headers = caller.token ? bearer(caller.token) : {}
          const response =
            endpoint === 'ver' || endpoint === 'historial'
              ? await h.inject({
                  method: 'GET',
                  url: `/api/tickets/${ticket.id}${endpoint === 'historial' ? '/historial' : ''}`,
                  headers,
                })
              : endpoint === 'dashboard'
                ? await h.inject({ method: 'GET', url: '/api/tickets/dashboard?limit=200', headers })
                : await h.inject({
                    method: 'POST',
                    url: `/api/tickets/${ticket.id}/${endpoint}`,
                    headers,
                    payload: JSON.parse(JSON.stringify(bodies[endpoint]).replace('{area}', ticketArea)),
                  })
          const visible =
            access === 'all' ||
            (access === 'own_area' && (endpoint === 'dashboard' || caller.area === ticketArea))
          const expected = access === 'none' ? (who === 'ANONIMO' ? 401 : 403) : visible ? 200 : 404
          if (response.statusCode !== expected)
            throw new Error(
              `${who} ${endpoint} on a ${ticketArea} ticket: ${response.statusCode}, expected ${expected}`,
            )
          if (endpoint === 'dashboard' && expected === 200 && caller.area) {
            const areas = new Set(response.json().items.map((item: { area: string }) => item.area))
            if (areas.size > 1 || (areas.size === 1 && !areas.has(caller.area)))
              throw new Error(`${who} saw other areas`)
          }
        },
      ),
      { numRuns: 150, seed: Number(process.env.FC_SEED ?? 99) },
    )
    t.equal(runs, 150)
  },
)

t.test(
  'date-shaped fuzz: every desde, hasta and asOf is a 200 or a 400 naming it, never a 5xx',
  async (t) => {
    const h = await testApp(t)
    const { id } = await h.ticket()
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'))
    const dateShaped = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        two(19),
        two(39),
        fc.option(fc.tuple(two(29), two(69), fc.option(two(69), { nil: undefined })), { nil: undefined }),
      )
      .map(([y, m, d, time]) => {
        const date = `${y}-${m}-${d}`
        return time ? `${date}T${time[0]}:${time[1]}${time[2] ? `:${time[2]}` : ''}Z` : date
      })
    // Oracle independent of the parser: the components round-trip through a UTC Date.
    const real = (text: string): number | null => {
      const [y, m, d, hh = 0, mm = 0, ss = 0] = text.match(/\d+/g)!.map(Number) as number[]
      const date = new Date(0)
      date.setUTCFullYear(y!, m! - 1, d!)
      date.setUTCHours(hh, mm, ss, 0)
      const roundTrips =
        y! >= 1 &&
        date.getUTCFullYear() === y &&
        date.getUTCMonth() === m! - 1 &&
        date.getUTCDate() === d &&
        date.getUTCHours() === hh &&
        date.getUTCMinutes() === mm &&
        date.getUTCSeconds() === ss
      return roundTrips ? date.getTime() : null
    }
    const createdAt = Date.now()
    let runs = 0
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('desde', 'hasta', 'asOf'), dateShaped, async (name, value) => {
        runs++
        const url =
          name === 'asOf'
            ? `/api/tickets/${id}?asOf=${encodeURIComponent(value)}`
            : `/api/tickets/estadisticas?${name}=${encodeURIComponent(value)}`
        const response = await h.inject({ method: 'GET', url, headers: bearer(h.adminToken) })
        const instant = real(value)
        // asOf before the ticket existed is a 404 (it did not exist then); skip the minute around it.
        if (name === 'asOf' && instant !== null && Math.abs(instant - createdAt) < 60_000) return
        const expected = instant === null ? 400 : name === 'asOf' && instant < createdAt ? 404 : 200
        if (response.statusCode !== expected)
          throw new Error(`${name}=${value}: ${response.statusCode}, expected ${expected}: ${response.body}`)
        if (expected === 400) {
          if (!/^application\/problem\+json/.test(String(response.headers['content-type'])))
            throw new Error(`${name}=${value}: 400 without problem+json`)
          const fields = response.json().errores.map((e: { campo: string }) => e.campo)
          if (fields.join() !== `querystring.${name}`) throw new Error(`${name}=${value}: names ${fields}`)
        }
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? 1212) },
    )
    t.equal(runs, 300)
  },
)
