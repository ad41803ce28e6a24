import t from 'tap'
import { type Access, OPERATIONS, type Operation, PERMISSIONS } from '../src/domain/roles.ts'
import { bearer, type TestApp, testApp } from './support/app.ts'
import { DESIGN_4 } from './support/design-4.ts'

/**
 * DESIGN §4 over HTTP: every operation × every caller. Expectations are generated from the
 * matrix the code uses (PERMISSIONS), which must itself equal the literal copy of the table.
 * Allowed → 2xx; no token → 401; a role the table excludes → 403; an AREA user on another area's
 * ticket → 404, exactly like a ticket that does not exist.
 */
t.test('the matrix the code uses is the literal DESIGN §4', async (t) => {
  t.same(PERMISSIONS, DESIGN_4)
})

type Scenario = 'ADMIN' | 'MESA' | 'AREA-propia' | 'AREA-ajena' | 'USUARIO' | 'ANONIMO'
const SCENARIOS: Scenario[] = ['ADMIN', 'MESA', 'AREA-propia', 'AREA-ajena', 'USUARIO', 'ANONIMO']
const OWN_AREA = 'SISTEMAS'
const OTHER_AREA = 'MESA'

function expectedStatus(operation: Operation, scenario: Scenario): number {
  const rol = scenario.startsWith('AREA') ? 'AREA' : (scenario as 'ADMIN' | 'MESA' | 'USUARIO' | 'ANONIMO')
  const access: Access = PERMISSIONS[operation][rol]
  const ok = operation === 'crear' ? 201 : 200
  if (access === 'all') return ok
  if (access === 'none') return scenario === 'ANONIMO' ? 401 : 403
  // The dashboard is not about one ticket: an AREA user gets their own area's list (checked below).
  return scenario === 'AREA-ajena' && operation !== 'dashboard' && operation !== 'estadisticas' ? 404 : ok
}

t.test('every operation × every caller', async (t) => {
  const h: TestApp = await testApp(t)
  const mesa = await h.user('MESA')
  const area = await h.user('AREA', OWN_AREA)
  const usuario = await h.user('USUARIO')
  const admin = h.adminToken
  const adminId = (await h.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(admin) })).json()
    .user_id
  const tokens: Record<Scenario, string | null> = {
    ADMIN: admin,
    MESA: mesa.token,
    'AREA-propia': area.token,
    'AREA-ajena': area.token,
    USUARIO: usuario.token,
    ANONIMO: null,
  }
  const headers = (scenario: Scenario) => (tokens[scenario] ? bearer(tokens[scenario]!) : {})
  const adminOp = async (id: string, operation: string, body: Record<string, unknown>) => {
    const response = await h.op(admin, id, operation, body)
    if (response.statusCode !== 200) throw new Error(`${operation}: ${response.body}`)
  }
  /** A fresh ticket, in the scenario's area, in a state where `operation` is allowed. */
  const ticketFor = async (operation: Operation, scenario: Scenario) => {
    const ticket = await h.ticket({ area: scenario === 'AREA-ajena' ? OTHER_AREA : OWN_AREA })
    if (operation === 'reabrir') await adminOp(ticket.id, 'pausar', { motivo: 'preparar' })
    if (operation === 'archivar') await adminOp(ticket.id, 'cancelar', { motivo: 'preparar', rol: 'AGENTE' })
    return ticket
  }

  const send = async (operation: Operation, scenario: Scenario) => {
    const h2 = headers(scenario)
    switch (operation) {
      case 'crear':
        return h.inject({
          method: 'POST',
          url: '/api/tickets/crear',
          headers: h2,
          payload: {
            asunto: 'Asunto',
            descripcion: 'Descripción larga',
            nombre: 'Pedro',
            email: 'pedro@example.com',
          },
        })
      case 'consultar': {
        const ticket = await h.ticket()
        return h.inject({
          method: 'POST',
          url: '/api/tickets/consultar',
          headers: h2,
          payload: { codigo: ticket.codigo, email: 'pedro@example.com' },
        })
      }
      case 'dashboard':
        return h.inject({ method: 'GET', url: '/api/tickets/dashboard', headers: h2 })
      case 'ver': {
        const ticket = await ticketFor(operation, scenario)
        const detail = await h.inject({ method: 'GET', url: `/api/tickets/${ticket.id}`, headers: h2 })
        const history = await h.inject({
          method: 'GET',
          url: `/api/tickets/${ticket.id}/historial`,
          headers: h2,
        })
        t.equal(history.statusCode, detail.statusCode, `historial answers like the detail for ${scenario}`)
        return detail
      }
      case 'usuarios':
        return h.inject({ method: 'GET', url: '/api/auth/users', headers: h2 })
      case 'estadisticas':
        return h.inject({ method: 'GET', url: '/api/tickets/estadisticas', headers: h2 })
      case 'notificaciones':
        return h.inject({ method: 'GET', url: '/api/notificaciones/entregas', headers: h2 })
      case 'auditoria':
        return h.inject({ method: 'GET', url: '/api/auditoria/eventos', headers: h2 })
      case 'privacidad':
        return h.inject({
          method: 'POST',
          url: '/api/privacidad/borrar',
          headers: h2,
          payload: { email: 'nadie-registrado@example.com', motivo: 'Prueba de permisos' },
        })
      case 'webhooks':
        return h.inject({ method: 'GET', url: '/api/webhooks', headers: h2 })
      default: {
        const ticket = await ticketFor(operation, scenario)
        const ticketArea = scenario === 'AREA-ajena' ? OTHER_AREA : OWN_AREA
        const bodies: Record<string, Record<string, unknown>> = {
          asignar: { agenteId: adminId, motivo: 'Asignación' },
          transferir: { nuevaArea: 'RRHH', motivo: 'Transferencia' },
          actualizar: {
            estado: 'EN_PROCESO',
            prioridad: 'ALTA',
            area: ticketArea,
            respuesta: 'Trabajando en ello',
          },
          reclasificar: { nuevaPrioridad: 'ALTA', nuevaCategoria: 'Red', motivo: 'Reclasificación' },
          pausar: { motivo: 'Pausa' },
          reabrir: { motivo: 'Reanudar' },
          cancelar: { motivo: 'Cancelación', rol: 'AGENTE' },
          archivar: { motivo: 'Archivo' },
        }
        return h.inject({
          method: 'POST',
          url: `/api/tickets/${ticket.id}/${operation}`,
          headers: h2,
          payload: bodies[operation]!,
        })
      }
    }
  }

  for (const operation of OPERATIONS) {
    for (const scenario of SCENARIOS) {
      const response = await send(operation, scenario)
      const expected = expectedStatus(operation, scenario)
      t.equal(response.statusCode, expected, `${operation} as ${scenario}: ${expected}`)
      if (expected >= 400) t.match(response.headers['content-type'], /application\/problem\+json/)
    }
  }

  // The AREA dashboard shows only the caller's area.
  const areaDashboard = (
    await h.inject({ method: 'GET', url: '/api/tickets/dashboard?limit=200', headers: bearer(area.token) })
  ).json()
  t.ok(areaDashboard.items.length > 0)
  t.ok(
    areaDashboard.items.every((item: { area: string }) => item.area === OWN_AREA),
    'AREA sees only its area',
  )
  // acciones reflect role and state.
  const ticket = await h.ticket({ area: OWN_AREA })
  const asArea = (
    await h.inject({ method: 'GET', url: `/api/tickets/${ticket.id}`, headers: bearer(area.token) })
  ).json()
  t.same(asArea.acciones, ['actualizar', 'pausar', 'cancelar'])
  const asMesa = (
    await h.inject({ method: 'GET', url: `/api/tickets/${ticket.id}`, headers: bearer(mesa.token) })
  ).json()
  t.same(asMesa.acciones, ['asignar', 'transferir', 'actualizar', 'reclasificar', 'pausar', 'cancelar'])
})
