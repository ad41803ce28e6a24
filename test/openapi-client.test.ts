import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import createClient, { type Middleware } from 'openapi-fetch'
import t from 'tap'
import { API_TYPES_PATH, apiTypes, openApiDocument } from '../scripts/openapi.ts'
import type { paths } from './support/api-types.ts'
import { serverEnv, startServer } from './support/server-process.ts'
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/app.ts'
import { tempDir } from './support/temp.ts'

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

type OpenApi = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>
}

t.test('the generated client types are those of the current document', async (t) => {
  const committed = readFileSync(API_TYPES_PATH, 'utf8')
  t.equal(
    committed,
    await apiTypes(await openApiDocument()),
    'run `npm run openapi:types` after an API change',
  )
})

/**
 * Checks every answer against the document the server itself serves: the status must be
 * documented for the operation (exactly, or as 2XX/4XX/5XX), the content type must be one the
 * document names, and a JSON body must match that content's schema. Disagreements are collected.
 */
function conformance(document: OpenApi) {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false })
  addFormats(ajv)
  ajv.addSchema(document, 'openapi')
  const validators = new Map<string, ValidateFunction>()
  const disagreements: string[] = []
  const checked: string[] = []
  const pointer = (...tokens: string[]) =>
    tokens
      .map((token) => '/' + encodeURIComponent(token.replaceAll('~', '~0').replaceAll('/', '~1')))
      .join('')

  const middleware: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      const method = request.method.toLowerCase()
      const where = `${request.method} ${schemaPath} → ${response.status}`
      checked.push(where)
      const responses = document.paths[schemaPath]?.[method]?.responses
      if (!responses) return void disagreements.push(`${where}: operation not in the document`)
      const status = String(response.status)
      const key = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default'
      const documented = responses[key]
      if (!documented) return void disagreements.push(`${where}: status not documented`)
      if (!documented.content) {
        if ((await response.clone().text()) !== '')
          disagreements.push(`${where}: body where none is documented`)
        return
      }
      const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim()
      if (!(contentType in documented.content))
        return void disagreements.push(`${where}: content type ${contentType} not documented`)
      if (!contentType.endsWith('json')) return
      const ref =
        'openapi#' + pointer('paths', schemaPath, method, 'responses', key, 'content', contentType, 'schema')
      let validate = validators.get(ref)
      if (!validate) validators.set(ref, (validate = ajv.compile({ $ref: ref })))
      const body: unknown = await response.clone().json()
      if (!validate(body)) disagreements.push(`${where}: ${ajv.errorsText(validate.errors)}`)
    },
  }
  return { middleware, disagreements, checked }
}

t.test("the README's ticket life through a client generated from the document", async (t) => {
  const server = await startServer(serverEnv(tempDir(t)))
  t.teardown(() => server.child.kill('SIGKILL'))
  const document = (await (await fetch(`${server.url}/docs/json`)).json()) as OpenApi
  const { middleware, disagreements, checked } = conformance(document)
  const api = createClient<paths>({ baseUrl: server.url })
  api.use(middleware)
  const as = (token: string) => ({ authorization: `Bearer ${token}` })

  // The admin logs in and creates a MESA agent, who must change the temporary password first.
  const admin = await api.POST('/api/auth/login', { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })
  t.equal(admin.response.status, 200)
  const adminToken = admin.data!.token
  const agent = await api.POST('/api/auth/users', {
    headers: as(adminToken),
    body: { email: 'marta@example.com', nombre: 'Marta Mesa', password: 'temporal1', rol: 'MESA' },
  })
  t.equal(agent.response.status, 201)
  const agentId = agent.data!.user_id
  const first = await api.POST('/api/auth/login', {
    body: { email: 'marta@example.com', password: 'temporal1' },
  })
  const blocked = await api.GET('/api/tickets/dashboard', { headers: as(first.data!.token) })
  t.equal(blocked.response.status, 403, 'must change the password first')
  t.match(blocked.error, { type: /cambio-de-password-requerido$/ })
  const changed = await api.POST('/api/auth/password', {
    headers: as(first.data!.token),
    body: { passwordActual: 'temporal1', passwordNuevo: 'definitiva1' },
  })
  t.equal(changed.response.status, 200)
  const auth = as(changed.data!.token)

  // A requester files a ticket on the public form and looks it up by code + email.
  const created = await api.POST('/api/tickets/crear', {
    body: {
      asunto: 'No puedo enviar correos',
      descripcion: 'Desde esta mañana el correo rebota',
      nombre: 'Pedro Pérez',
      email: 'pedro@example.com',
    },
  })
  t.equal(created.response.status, 201)
  const { id, codigo } = created.data!
  const looked = await api.POST('/api/tickets/consultar', { body: { codigo, email: 'pedro@example.com' } })
  t.equal(looked.data?.estado, 'ABIERTO')

  // The help desk works it.
  const path = { path: { id } }
  const steps = [
    await api.POST('/api/tickets/{id}/asignar', {
      params: path,
      headers: auth,
      body: { agenteId: agentId, motivo: 'Agente de correo' },
    }),
    await api.POST('/api/tickets/{id}/transferir', {
      params: path,
      headers: auth,
      body: { nuevaArea: 'INFRAESTRUCTURA', motivo: 'Requiere acceso al servidor de correo' },
    }),
    await api.POST('/api/tickets/{id}/actualizar', {
      params: path,
      headers: auth,
      body: {
        estado: 'EN_PROCESO',
        prioridad: 'ALTA',
        area: 'INFRAESTRUCTURA',
        respuesta: 'Hemos identificado el problema.',
      },
    }),
    await api.POST('/api/tickets/{id}/pausar', {
      params: path,
      headers: auth,
      body: { motivo: 'Esperando al proveedor de correo' },
    }),
    await api.POST('/api/tickets/{id}/reabrir', {
      params: path,
      headers: auth,
      body: { motivo: 'El proveedor respondió' },
    }),
    await api.POST('/api/tickets/{id}/actualizar', {
      params: path,
      headers: auth,
      body: {
        estado: 'RESUELTO',
        prioridad: 'ALTA',
        area: 'INFRAESTRUCTURA',
        respuesta: 'Correo restablecido.',
      },
    }),
    await api.POST('/api/tickets/{id}/actualizar', {
      params: path,
      headers: auth,
      body: { estado: 'CERRADO', prioridad: 'ALTA', area: 'INFRAESTRUCTURA', respuesta: 'Cerrado.' },
    }),
    await api.POST('/api/tickets/{id}/archivar', {
      params: path,
      headers: auth,
      body: { motivo: 'Resuelto y confirmado' },
    }),
  ]
  t.same(
    steps.map((step) => step.data?.estado),
    ['ASIGNADO', 'ABIERTO', 'EN_PROCESO', 'PAUSADO', 'EN_PROCESO', 'RESUELTO', 'CERRADO', 'ARCHIVADO'],
  )
  t.equal(steps[1]!.data?.area, 'INFRAESTRUCTURA')

  // A wrong step is a documented problem: archiving twice is an invalid transition.
  const again = await api.POST('/api/tickets/{id}/archivar', {
    params: path,
    headers: auth,
    body: { motivo: 'Otra vez' },
  })
  t.equal(again.response.status, 409)
  t.equal(again.response.headers.get('content-type')?.split(';')[0], 'application/problem+json')
  const unknown = await api.GET('/api/tickets/{id}', {
    params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
    headers: auth,
  })
  t.equal(unknown.response.status, 404)
  const anonymous = await api.GET('/api/tickets/dashboard')
  t.equal(anonymous.response.status, 401)

  // Auditors: the whole history; the detail with its ETag.
  const historial = await api.GET('/api/tickets/{id}/historial', { params: path, headers: auth })
  t.equal(historial.data?.[0]?.tipo, 'TicketCreado')
  t.equal(historial.data?.at(-1)?.tipo, 'TicketArchivado')
  const detail = await api.GET('/api/tickets/{id}', { params: path, headers: auth })
  t.equal(detail.data?.estado, 'ARCHIVADO')

  // A second ticket, cancelled at the requester's request; then the dashboard.
  const second = await api.POST('/api/tickets/crear', {
    body: {
      asunto: 'Pantalla parpadea',
      descripcion: 'El monitor parpadea al arrancar',
      nombre: 'Ana Ruiz',
      email: 'ana@example.com',
    },
  })
  const cancelled = await api.POST('/api/tickets/{id}/cancelar', {
    params: { path: { id: second.data!.id } },
    headers: auth,
    body: { motivo: 'La usuaria lo resolvió sola', rol: 'USUARIO' },
  })
  t.equal(cancelled.data?.estado, 'CANCELADO')
  const dashboard = await api.GET('/api/tickets/dashboard', {
    headers: auth,
    params: { query: { incluirArchivados: 'true', limit: '10' } },
  })
  t.equal(dashboard.data?.total, 2)
  const users = await api.GET('/api/auth/users', { headers: as(adminToken) })
  t.equal(users.data?.length, 2)
  const health = await api.GET('/health')
  t.equal(health.data?.status, 'ok')

  t.ok(checked.length >= 25, `${checked.length} answers checked against the document`)
  t.same(disagreements, [], 'every answer matches the document the server serves')
})

t.test('the conformance check itself catches a disagreement', async (t) => {
  // A document that says the login answers only 204: a real 200 with a body must be reported.
  const server = await startServer(serverEnv(tempDir(t)))
  t.teardown(() => server.child.kill('SIGKILL'))
  const document = (await (await fetch(`${server.url}/docs/json`)).json()) as OpenApi
  const login = document.paths['/api/auth/login']!.post!
  login.responses = { 204: {}, 401: login.responses['401']! }
  const health = document.paths['/health']!.get!
  health.responses['200']!.content = {
    'application/json': { schema: { type: 'object', required: ['nunca'] } },
  }
  const { middleware, disagreements } = conformance(document)
  const api = createClient<paths>({ baseUrl: server.url })
  api.use(middleware)
  await api.POST('/api/auth/login', { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })
  await api.POST('/api/auth/login', { body: { email: ADMIN_EMAIL, password: 'no-es-esta' } })
  await api.GET('/health')
  t.equal(disagreements.length, 2, disagreements.join('\n'))
  t.match(disagreements[0], /POST \/api\/auth\/login → 200: status not documented/)
  t.match(disagreements[1], /GET \/health → 200: .*nunca/)
})
