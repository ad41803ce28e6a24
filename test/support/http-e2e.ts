import type { Test } from 'tap'
import type { EventStore } from '../../src/eventstore/port.ts'
import { PROBLEM_BASE } from '../../src/http/problems.ts'
import { bearer, testApp } from './app.ts'

/**
 * The HTTP end-to-end suite: every curl example of the two seed documents, with the same paths
 * and bodies, against the whole app. It runs on the embedded store (http-seeds.test.ts) and on
 * the EventStoreDB adapter (http-esdb.test.ts). Where a seed body names an agent id that cannot
 * exist here ("usr_agent_001"), it is run once as written (422: unknown agent) and once with a
 * real agent's id.
 */
export function httpEndToEnd(t: Test, openStore: () => Promise<EventStore | undefined>): void {
  t.test('seed 000: user administration', async (t) => {
    const h = await testApp(t, {}, await openStore())
    const admin = bearer(h.adminToken)
    const create = (payload: Record<string, unknown>) =>
      h.inject({
        method: 'POST',
        url: '/api/auth/users',
        headers: { ...admin, 'content-type': 'application/json' },
        payload,
      })

    // Create ADMIN / MESA agent / AREA specialist / end user
    const examples = [
      { email: 'admin2@empresa.com', nombre: 'Admin Dos', password: 'TempPass123', rol: 'ADMIN' },
      {
        email: 'agente.mesa@empresa.com',
        nombre: 'María Mesa',
        password: 'TempPass123',
        rol: 'MESA',
        telefono: '+57 300 123 4567',
      },
      {
        email: 'especialista@empresa.com',
        nombre: 'Sergio Sistemas',
        password: 'TempPass123',
        rol: 'AREA',
        area: 'SISTEMAS',
      },
      { email: 'usuario@empresa.com', nombre: 'Ursula Usuaria', password: 'TempPass123', rol: 'USUARIO' },
    ]
    const ids: Record<string, string> = {}
    for (const example of examples) {
      const response = await create(example)
      t.equal(response.statusCode, 201, `create ${example.rol}`)
      const body = response.json()
      t.match(body, {
        email: example.email,
        nombre: example.nombre,
        rol: example.rol,
        is_active: true,
        must_change_password: true,
      })
      t.notOk('password' in body || 'password_hash' in body, 'no password in the answer')
      ids[example.rol] = body.user_id
    }
    t.equal(
      (await create({ ...examples[1], email: 'AGENTE.MESA@empresa.com' })).statusCode,
      409,
      'duplicate email, any case',
    )

    // List all users
    const list = await h.inject({ method: 'GET', url: '/api/auth/users', headers: admin })
    t.equal(list.statusCode, 200)
    t.equal(list.json().length, 5, 'bootstrap admin + four')
    t.notMatch(list.body, /argon2|scrypt\$|password_hash|TempPass/)

    // Change role and area
    const change = await h.inject({
      method: 'PATCH',
      url: `/api/auth/users/${ids.MESA}`,
      headers: admin,
      payload: { rol: 'AREA', area: 'INFRAESTRUCTURA' },
    })
    t.equal(change.statusCode, 200)
    t.match(change.json(), { rol: 'AREA', area: 'INFRAESTRUCTURA' })

    // Reset password: the user must change it at next login
    const reset = await h.inject({
      method: 'PATCH',
      url: `/api/auth/users/${ids.USUARIO}`,
      headers: admin,
      payload: { password: 'NuevaTemp456' },
    })
    t.equal(reset.statusCode, 200)
    t.match(reset.json(), { must_change_password: true })
    const token = await h.login('usuario@empresa.com', 'NuevaTemp456')
    const blocked = await h.inject({ method: 'GET', url: '/api/tickets/consultar', headers: bearer(token) })
    t.equal(blocked.statusCode, 403)
    t.equal(blocked.json().type, `${PROBLEM_BASE}cambio-de-password-requerido`)

    // Deactivate account: login refused, history kept
    const off = await h.inject({
      method: 'PATCH',
      url: `/api/auth/users/${ids.AREA}`,
      headers: admin,
      payload: { is_active: false },
    })
    t.equal(off.statusCode, 200)
    t.match(off.json(), { is_active: false })
    const refused = await h.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'especialista@empresa.com', password: 'TempPass123' },
    })
    t.equal(refused.statusCode, 401)

    // Delete a user
    const del = await h.inject({ method: 'DELETE', url: `/api/auth/users/${ids.ADMIN}`, headers: admin })
    t.equal(del.statusCode, 204)
    t.equal(del.body, '')
    const gone = await h.inject({
      method: 'PATCH',
      url: `/api/auth/users/${ids.ADMIN}`,
      headers: admin,
      payload: { nombre: 'Xavier' },
    })
    t.equal(gone.statusCode, 404, gone.body)
  })

  t.test('seed 002: ticket management', async (t) => {
    const h = await testApp(t, {}, await openStore())
    const admin = bearer(h.adminToken)
    const mesaAgent = await h.user('MESA', null, 'Agente Correo')
    const infraAgent = await h.user('AREA', 'INFRAESTRUCTURA', 'Agente Infra')
    const { id } = await h.ticket()
    const json = { ...admin, 'content-type': 'application/json' }

    // View the dashboard
    const dashboard = await h.inject({ method: 'GET', url: '/api/tickets/dashboard', headers: admin })
    t.equal(dashboard.statusCode, 200)
    t.match(dashboard.json(), { total: 1, resumen: { ABIERTO: 1 }, nextCursor: null })

    // View ticket details (the seed's id does not exist here: 404; then ours)
    t.equal(
      (
        await h.inject({
          method: 'GET',
          url: '/api/tickets/a3f1c2d4-8b5e-4f7a-9c1d-2e3f4a5b6c7d',
          headers: admin,
        })
      ).statusCode,
      404,
    )
    const detail = await h.inject({ method: 'GET', url: `/api/tickets/${id}`, headers: admin })
    t.equal(detail.statusCode, 200)
    t.equal(detail.headers.etag, '"0"')

    // 1. Assign
    const asignarBody = {
      agenteId: 'usr_agent_001',
      motivo: 'Agente especializado en incidentes de correo electrónico.',
    }
    const unknownAgent = await h.inject({
      method: 'POST',
      url: `/api/tickets/${id}/asignar`,
      headers: json,
      payload: asignarBody,
    })
    t.equal(unknownAgent.statusCode, 422, 'the seed’s agent id does not exist here')
    const asignar = await h.inject({
      method: 'POST',
      url: `/api/tickets/${id}/asignar`,
      headers: json,
      payload: { ...asignarBody, agenteId: mesaAgent.id },
    })
    t.equal(asignar.statusCode, 200)
    t.match(asignar.json(), {
      estado: 'ASIGNADO',
      agenteId: mesaAgent.id,
      motivos: { asignar: asignarBody.motivo },
    })
    t.equal(asignar.headers.etag, '"1"')

    // 2. Transfer
    const transferirBody = {
      nuevaArea: 'INFRAESTRUCTURA',
      agenteId: infraAgent.id,
      motivo: 'El problema requiere acceso a la configuración del servidor de correo.',
    }
    const transferir = await h.inject({
      method: 'POST',
      url: `/api/tickets/${id}/transferir`,
      headers: json,
      payload: transferirBody,
    })
    t.equal(transferir.statusCode, 200)
    t.match(transferir.json(), { area: 'INFRAESTRUCTURA', agenteId: infraAgent.id, estado: 'ASIGNADO' })

    // 3. Update status, priority, and add a response
    const actualizarBody = {
      estado: 'EN_PROCESO',
      prioridad: 'ALTA',
      area: 'INFRAESTRUCTURA',
      respuesta:
        'Hemos identificado el problema. Se está restableciendo el acceso al servidor de correo. Tiempo estimado de resolución: 2 horas.',
    }
    const actualizar = await h.inject({
      method: 'POST',
      url: `/api/tickets/${id}/actualizar`,
      headers: json,
      payload: actualizarBody,
    })
    t.equal(actualizar.statusCode, 200)
    t.match(actualizar.json(), {
      estado: 'EN_PROCESO',
      prioridad: 'ALTA',
      respuestas: [{ respuesta: actualizarBody.respuesta }],
    })

    // 4. Reclassify
    const reclasificarBody = {
      nuevaPrioridad: 'CRITICA',
      nuevaCategoria: 'Infraestructura',
      motivo: 'El incidente afecta a todos los usuarios del dominio, no solo a una persona.',
    }
    const reclasificar = await h.inject({
      method: 'POST',
      url: `/api/tickets/${id}/reclasificar`,
      headers: json,
      payload: reclasificarBody,
    })
    t.equal(reclasificar.statusCode, 200)
    t.match(reclasificar.json(), { prioridad: 'CRITICA', categoria: 'Infraestructura', estado: 'EN_PROCESO' })

    // 5. Pause and resume
    const pausar = await h.inject({
      method: 'POST',
      url: `/api/tickets/${id}/pausar`,
      headers: json,
      payload: { motivo: 'Esperando respuesta del proveedor de servicios de correo externo.' },
    })
    t.equal(pausar.statusCode, 200)
    t.match(pausar.json(), { estado: 'PAUSADO' })
    const reabrir = await h.inject({
      method: 'POST',
      url: `/api/tickets/${id}/reabrir`,
      headers: json,
      payload: { motivo: 'El proveedor respondió.' },
    })
    t.equal(reabrir.statusCode, 200)
    t.match(reabrir.json(), { estado: 'EN_PROCESO' })

    // 6. Cancel
    const cancelar = await h.inject({
      method: 'POST',
      url: `/api/tickets/${id}/cancelar`,
      headers: json,
      payload: {
        motivo: 'El usuario resolvió el problema por su cuenta y solicitó la cancelación.',
        rol: 'USUARIO',
      },
    })
    t.equal(cancelar.statusCode, 200)
    t.match(cancelar.json(), { estado: 'CANCELADO', canceladoPor: 'USUARIO' })

    // 7. Archive
    const archivar = await h.inject({
      method: 'POST',
      url: `/api/tickets/${id}/archivar`,
      headers: json,
      payload: {
        motivo: 'Ticket resuelto y confirmado por el usuario. Archivado tras 7 días de inactividad.',
      },
    })
    t.equal(archivar.statusCode, 200)
    t.match(archivar.json(), { estado: 'ARCHIVADO', acciones: [] })
    t.equal(
      (await h.inject({ method: 'GET', url: '/api/tickets/dashboard', headers: admin })).json().total,
      0,
      'archived tickets leave active queues',
    )

    // Quick reference: transferir without agenteId is allowed (DESIGN §7)
    const second = await h.ticket()
    const noAgent = await h.inject({
      method: 'POST',
      url: `/api/tickets/${second.id}/transferir`,
      headers: json,
      payload: { nuevaArea: 'SISTEMAS', motivo: 'Corresponde a sistemas.' },
    })
    t.equal(noAgent.statusCode, 200)
    t.match(noAgent.json(), { area: 'SISTEMAS', estado: 'ABIERTO', agenteId: null })
  })
}
