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
      'codigo',
      'is_active',
      '__proto__',
      'constructor',
      'x',
    )
    const body = fc.oneof(
      json,
      fc.dictionary(
        fieldNames,
        fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.boolean(), fc.constant(null), json),
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
        async ([method, template], payload, ticketId, token, headers) => {
          runs++
          const url = template
            .replace('{id}', encodeURIComponent(ticketId))
            .replace('{uid}', encodeURIComponent(ticketId))
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
