import t from 'tap'
import { PROBLEM_BASE } from '../src/http/problems.ts'
import { bearer, testApp } from './support/app.ts'

/**
 * Bad input on every endpoint: missing fields, too short or long, wrong types, unknown enum
 * values, unknown fields, malformed JSON, wrong content type, oversize bodies, bad ids → 4xx
 * problem+json, never a 500.
 */
t.test('bad input gets a precise 4xx problem', async (t) => {
  const h = await testApp(t, { BODY_LIMIT_BYTES: '4096' })
  const admin = bearer(h.adminToken)
  const { id, codigo } = await h.ticket()
  const ticketOps = [
    'asignar',
    'transferir',
    'actualizar',
    'reclasificar',
    'pausar',
    'reabrir',
    'cancelar',
    'archivar',
  ]

  const cases: Array<{
    name: string
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
    url: string
    payload?: unknown
    headers?: Record<string, string>
    anonymous?: boolean
    status: number
    type?: string
    field?: string
  }> = [
    // Users (seed 000)
    {
      name: 'user: missing email',
      method: 'POST',
      url: '/api/auth/users',
      payload: { nombre: 'Ana', password: 'secreto1', rol: 'MESA' },
      status: 400,
      field: 'body.email',
    },
    {
      name: 'user: invalid email',
      method: 'POST',
      url: '/api/auth/users',
      payload: { email: 'no-es-email', nombre: 'Ana', password: 'secreto1', rol: 'MESA' },
      status: 400,
      field: 'body.email',
    },
    {
      name: 'user: nombre too short',
      method: 'POST',
      url: '/api/auth/users',
      payload: { email: 'a@b.co', nombre: 'A', password: 'secreto1', rol: 'MESA' },
      status: 400,
      field: 'body.nombre',
    },
    {
      name: 'user: password too short',
      method: 'POST',
      url: '/api/auth/users',
      payload: { email: 'a@b.co', nombre: 'Ana', password: '12345', rol: 'MESA' },
      status: 400,
      field: 'body.password',
    },
    {
      name: 'user: unknown rol',
      method: 'POST',
      url: '/api/auth/users',
      payload: { email: 'a@b.co', nombre: 'Ana', password: 'secreto1', rol: 'JEFE' },
      status: 400,
      field: 'body.rol',
    },
    {
      name: 'user: telefono over 30',
      method: 'POST',
      url: '/api/auth/users',
      payload: {
        email: 'a@b.co',
        nombre: 'Ana',
        password: 'secreto1',
        rol: 'MESA',
        telefono: '1'.repeat(31),
      },
      status: 400,
      field: 'body.telefono',
    },
    {
      name: 'user: AREA without area',
      method: 'POST',
      url: '/api/auth/users',
      payload: { email: 'a@b.co', nombre: 'Ana', password: 'secreto1', rol: 'AREA' },
      status: 422,
    },
    {
      name: 'user: unknown area',
      method: 'POST',
      url: '/api/auth/users',
      payload: { email: 'a@b.co', nombre: 'Ana', password: 'secreto1', rol: 'AREA', area: 'Sistema' },
      status: 422,
    },
    {
      name: 'user: unknown field',
      method: 'POST',
      url: '/api/auth/users',
      payload: { email: 'a@b.co', nombre: 'Ana', password: 'secreto1', rol: 'MESA', admin: true },
      status: 400,
      field: 'body.admin',
    },
    {
      name: 'user: wrong type',
      method: 'POST',
      url: '/api/auth/users',
      payload: { email: 'a@b.co', nombre: 42, password: 'secreto1', rol: 'MESA' },
      status: 400,
      field: 'body.nombre',
    },
    { name: 'user patch: empty body', method: 'PATCH', url: '/api/auth/users/abc', payload: {}, status: 400 },
    {
      name: 'user patch: is_active not boolean',
      method: 'PATCH',
      url: '/api/auth/users/abc',
      payload: { is_active: 'no' },
      status: 400,
      field: 'body.is_active',
    },
    {
      name: 'user patch: bad id',
      method: 'PATCH',
      url: '/api/auth/users/%27%3B%20drop',
      payload: { nombre: 'Ana' },
      status: 400,
    },
    {
      name: 'user patch: unknown id',
      method: 'PATCH',
      url: '/api/auth/users/no-existe',
      payload: { nombre: 'Ana' },
      status: 404,
    },
    { name: 'user delete: unknown id', method: 'DELETE', url: '/api/auth/users/no-existe', status: 404 },
    { name: 'user list: bad filter', method: 'GET', url: '/api/auth/users?is_active=quizas', status: 400 },
    { name: 'user list: unknown filter', method: 'GET', url: '/api/auth/users?password=1', status: 400 },
    // Auth
    {
      name: 'login: missing password',
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@b.co' },
      status: 400,
    },
    {
      name: 'password: too short',
      method: 'POST',
      url: '/api/auth/password',
      payload: { passwordActual: 'admin-secreto', passwordNuevo: '123' },
      status: 400,
    },
    {
      name: 'password: wrong current',
      method: 'POST',
      url: '/api/auth/password',
      payload: { passwordActual: 'otra-cosa', passwordNuevo: '1234567' },
      status: 422,
    },
    // Tickets
    {
      name: 'crear: missing asunto',
      method: 'POST',
      url: '/api/tickets/crear',
      payload: { descripcion: 'Descripción', nombre: 'Ana', email: 'a@b.co' },
      status: 400,
      field: 'body.asunto',
    },
    {
      name: 'crear: anonymous without email',
      method: 'POST',
      url: '/api/tickets/crear',
      anonymous: true,
      payload: { asunto: 'Asunto', descripcion: 'Descripción', nombre: 'Ana' },
      status: 400,
      field: 'body.email',
    },
    {
      name: 'crear: unknown prioridad',
      method: 'POST',
      url: '/api/tickets/crear',
      payload: {
        asunto: 'Asunto',
        descripcion: 'Descripción',
        nombre: 'Ana',
        email: 'a@b.co',
        prioridad: 'URGENTE',
      },
      status: 422,
    },
    {
      name: 'crear: unknown area',
      method: 'POST',
      url: '/api/tickets/crear',
      payload: {
        asunto: 'Asunto',
        descripcion: 'Descripción',
        nombre: 'Ana',
        email: 'a@b.co',
        area: 'Sistemass',
      },
      status: 422,
    },
    {
      name: 'crear: asunto too long',
      method: 'POST',
      url: '/api/tickets/crear',
      payload: { asunto: 'x'.repeat(201), descripcion: 'Descripción', nombre: 'Ana', email: 'a@b.co' },
      status: 400,
    },
    {
      name: 'consultar: bad email',
      method: 'POST',
      url: '/api/tickets/consultar',
      payload: { codigo, email: 'x' },
      status: 400,
    },
    {
      name: 'consultar: wrong email',
      method: 'POST',
      url: '/api/tickets/consultar',
      payload: { codigo, email: 'otro@example.com' },
      status: 404,
    },
    {
      name: 'consultar: wrong code',
      method: 'POST',
      url: '/api/tickets/consultar',
      payload: { codigo: 'TK-ZZZZZZ', email: 'pedro@example.com' },
      status: 404,
    },
    { name: 'dashboard: limit 0', method: 'GET', url: '/api/tickets/dashboard?limit=0', status: 400 },
    { name: 'dashboard: limit 201', method: 'GET', url: '/api/tickets/dashboard?limit=201', status: 400 },
    {
      name: 'dashboard: unknown estado',
      method: 'GET',
      url: '/api/tickets/dashboard?estado=PERDIDO',
      status: 400,
    },
    {
      name: 'dashboard: bad cursor',
      method: 'GET',
      url: '/api/tickets/dashboard?cursor=xyz',
      status: 400,
      type: 'cursor-invalido',
    },
    {
      name: 'dashboard: unknown parameter',
      method: 'GET',
      url: '/api/tickets/dashboard?pagina=2',
      status: 400,
    },
    { name: 'detail: not a UUID', method: 'GET', url: '/api/tickets/123', status: 400 },
    {
      name: 'detail: unknown UUID',
      method: 'GET',
      url: '/api/tickets/00000000-0000-4000-8000-000000000000',
      status: 404,
    },
    { name: 'detail: bad asOf', method: 'GET', url: `/api/tickets/${id}?asOf=ayer`, status: 400 },
    { name: 'historial: not a UUID', method: 'GET', url: '/api/tickets/xyz/historial', status: 400 },
    {
      name: 'asignar: unknown agent',
      method: 'POST',
      url: `/api/tickets/${id}/asignar`,
      payload: { agenteId: 'nadie', motivo: 'Motivo' },
      status: 422,
    },
    {
      name: 'asignar: missing motivo',
      method: 'POST',
      url: `/api/tickets/${id}/asignar`,
      payload: { agenteId: 'nadie' },
      status: 400,
      field: 'body.motivo',
    },
    {
      name: 'transferir: unknown area',
      method: 'POST',
      url: `/api/tickets/${id}/transferir`,
      payload: { nuevaArea: 'MARTE', motivo: 'Motivo' },
      status: 422,
    },
    {
      name: 'transferir: same area',
      method: 'POST',
      url: `/api/tickets/${id}/transferir`,
      payload: { nuevaArea: 'mesa', motivo: 'Motivo' },
      status: 409,
      type: 'conflicto',
    },
    {
      name: 'actualizar: missing respuesta',
      method: 'POST',
      url: `/api/tickets/${id}/actualizar`,
      payload: { estado: 'EN_PROCESO', prioridad: 'ALTA', area: 'MESA' },
      status: 400,
      field: 'body.respuesta',
    },
    {
      name: 'actualizar: respuesta too short',
      method: 'POST',
      url: `/api/tickets/${id}/actualizar`,
      payload: { estado: 'EN_PROCESO', prioridad: 'ALTA', area: 'MESA', respuesta: 'ok' },
      status: 400,
    },
    {
      name: 'actualizar: estado too short',
      method: 'POST',
      url: `/api/tickets/${id}/actualizar`,
      payload: { estado: 'EN', prioridad: 'ALTA', area: 'MESA', respuesta: 'Respuesta' },
      status: 400,
    },
    {
      name: 'actualizar: illegal target estado',
      method: 'POST',
      url: `/api/tickets/${id}/actualizar`,
      payload: { estado: 'CERRADO', prioridad: 'ALTA', area: 'MESA', respuesta: 'Respuesta' },
      status: 409,
      type: 'transicion-invalida',
    },
    {
      name: 'actualizar: unknown estado',
      method: 'POST',
      url: `/api/tickets/${id}/actualizar`,
      payload: { estado: 'VOLANDO', prioridad: 'ALTA', area: 'MESA', respuesta: 'Respuesta' },
      status: 422,
    },
    {
      name: 'reclasificar: unknown prioridad',
      method: 'POST',
      url: `/api/tickets/${id}/reclasificar`,
      payload: { nuevaPrioridad: 'MAXIMA', nuevaCategoria: 'Red', motivo: 'Motivo' },
      status: 422,
    },
    {
      name: 'cancelar: unknown rol',
      method: 'POST',
      url: `/api/tickets/${id}/cancelar`,
      payload: { motivo: 'Motivo', rol: 'JEFE' },
      status: 400,
      field: 'body.rol',
    },
    {
      name: 'reabrir from ABIERTO',
      method: 'POST',
      url: `/api/tickets/${id}/reabrir`,
      payload: { motivo: 'Motivo' },
      status: 409,
      type: 'transicion-invalida',
    },
    {
      name: 'archivar from ABIERTO',
      method: 'POST',
      url: `/api/tickets/${id}/archivar`,
      payload: { motivo: 'Motivo' },
      status: 409,
      type: 'transicion-invalida',
    },
    {
      name: 'operation on unknown ticket',
      method: 'POST',
      url: '/api/tickets/00000000-0000-4000-8000-000000000000/pausar',
      payload: { motivo: 'Motivo' },
      status: 404,
    },
    {
      name: 'operation with bad If-Match',
      method: 'POST',
      url: `/api/tickets/${id}/pausar`,
      payload: { motivo: 'Motivo' },
      headers: { 'if-match': 'abc' },
      status: 400,
    },
    {
      name: 'operation with bad Idempotency-Key',
      method: 'POST',
      url: `/api/tickets/${id}/pausar`,
      payload: { motivo: 'Motivo' },
      headers: { 'idempotency-key': 'con espacios' },
      status: 400,
    },
    { name: 'unknown route', method: 'GET', url: '/api/tickets/no/existe/aqui', status: 404 },
  ]
  for (const ticketOp of ticketOps) {
    cases.push({
      name: `${ticketOp}: unknown field`,
      method: 'POST',
      url: `/api/tickets/${id}/${ticketOp}`,
      payload: { motivo: 'Motivo', extra: 1 },
      status: 400,
    })
    cases.push({
      name: `${ticketOp}: body is an array`,
      method: 'POST',
      url: `/api/tickets/${id}/${ticketOp}`,
      payload: [1, 2],
      status: 400,
    })
    cases.push({
      name: `${ticketOp}: motivo is a number`,
      method: 'POST',
      url: `/api/tickets/${id}/${ticketOp}`,
      payload: { motivo: 12345 },
      status: 400,
    })
  }

  for (const c of cases) {
    const response = await h.inject({
      method: c.method,
      url: c.url,
      headers: { ...(c.anonymous ? {} : admin), ...c.headers },
      ...(c.payload !== undefined ? { payload: c.payload as object } : {}),
    })
    t.equal(response.statusCode, c.status, `${c.name} → ${c.status}`)
    t.match(response.headers['content-type'], /^application\/problem\+json/, `${c.name}: problem+json`)
    const body = response.json()
    t.equal(body.status, c.status)
    if (c.type) t.equal(body.type, PROBLEM_BASE + c.type)
    if (c.field)
      t.ok(
        body.errores?.some((e: { campo: string }) => e.campo === c.field),
        `${c.name}: names ${c.field}`,
      )
    t.notMatch(response.body, /\bat [^ ]+ \(|node_modules/, 'no stack trace')
  }
})

t.test('malformed JSON, wrong content type, oversize body', async (t) => {
  const h = await testApp(t, { BODY_LIMIT_BYTES: '4096' })
  const admin = bearer(h.adminToken)
  const post = (payload: string, contentType: string) =>
    h.inject({
      method: 'POST',
      url: '/api/tickets/crear',
      headers: { ...admin, 'content-type': contentType },
      payload,
    })
  const malformed = await post('{"asunto": ', 'application/json')
  t.equal(malformed.statusCode, 400)
  t.equal(malformed.json().type, `${PROBLEM_BASE}json-invalido`)
  const empty = await post('', 'application/json')
  t.equal(empty.statusCode, 400)
  const text = await post('asunto=hola', 'text/plain')
  t.equal(text.statusCode, 415)
  const form = await post('asunto=hola', 'application/x-www-form-urlencoded')
  t.equal(form.statusCode, 415)
  const huge = await post(
    JSON.stringify({ asunto: 'x'.repeat(5000), descripcion: 'y', nombre: 'n', email: 'a@b.co' }),
    'application/json',
  )
  t.equal(huge.statusCode, 413)
  t.equal(huge.json().type, `${PROBLEM_BASE}cuerpo-demasiado-grande`)
  const proto = await post(
    '{"asunto":"Asunto","descripcion":"Descripción","nombre":"Ana","email":"a@b.co","__proto__":{"x":1}}',
    'application/json',
  )
  t.equal(proto.statusCode, 400, '__proto__ keys are refused')
})

t.test('the last active ADMIN is protected', async (t) => {
  const h = await testApp(t)
  const admin = bearer(h.adminToken)
  const me = (await h.inject({ method: 'GET', url: '/api/auth/me', headers: admin })).json()
  for (const payload of [{ is_active: false }, { rol: 'MESA' }]) {
    const response = await h.inject({
      method: 'PATCH',
      url: `/api/auth/users/${me.user_id}`,
      headers: admin,
      payload,
    })
    t.equal(response.statusCode, 409, JSON.stringify(payload))
  }
  t.equal(
    (await h.inject({ method: 'DELETE', url: `/api/auth/users/${me.user_id}`, headers: admin })).statusCode,
    409,
  )
  const second = await h.user('ADMIN')
  t.equal(
    (
      await h.inject({
        method: 'PATCH',
        url: `/api/auth/users/${me.user_id}`,
        headers: admin,
        payload: { rol: 'MESA' },
      })
    ).statusCode,
    200,
    'with another admin it is allowed',
  )
  t.equal(
    (await h.inject({ method: 'DELETE', url: `/api/auth/users/${second.id}`, headers: bearer(second.token) }))
      .statusCode,
    409,
    'and now the other one is the last',
  )
})
