import t from 'tap'
import { createTicketDecider } from '../src/domain/ticket.ts'
import { DEFAULT_AREAS } from '../src/domain/catalogue.ts'
import { bearer, testApp } from './support/app.ts'

/**
 * Concurrency over HTTP: many operations on one ticket at once — every accepted one is in the
 * history, none lost, and the final state is what the state machine gives for that history;
 * many creations of one email at once — exactly one wins.
 */
t.test('N concurrent operations on one ticket: none lost, final state = fold of the history', async (t) => {
  const h = await testApp(t)
  const mesa = await h.user('MESA')
  const other = await h.user('MESA')
  const { id } = await h.ticket()
  const operations = Array.from({ length: 40 }, (_, i) => {
    switch (i % 5) {
      case 0:
        return ['pausar', { motivo: `pausa ${i}` }] as const
      case 1:
        return ['reabrir', { motivo: `reanuda ${i}` }] as const
      case 2:
        return [
          'reclasificar',
          { nuevaPrioridad: ['ALTA', 'BAJA'][i % 2]!, nuevaCategoria: `cat ${i}`, motivo: 'reclasificación' },
        ] as const
      case 3:
        return ['asignar', { agenteId: i % 2 ? mesa.id : other.id, motivo: 'asignación' }] as const
      default:
        return [
          'actualizar',
          { estado: 'EN_PROCESO', prioridad: 'MEDIA', area: 'MESA', respuesta: `respuesta ${i}` },
        ] as const
    }
  })
  const responses = await Promise.all(
    operations.map(([operation, body]) => h.op(h.adminToken, id, operation, body)),
  )
  const accepted = responses.filter((response) => response.statusCode === 200)
  const rejected = responses.filter((response) => response.statusCode !== 200)
  t.ok(accepted.length > 0)
  t.same(
    [...new Set(rejected.map((response) => response.statusCode))].filter((status) => status !== 409),
    [],
    'the others are state-machine refusals (409), never 5xx',
  )
  const history = (
    await h.inject({ method: 'GET', url: `/api/tickets/${id}/historial`, headers: bearer(h.adminToken) })
  ).json()
  t.equal(history.length, 1 + accepted.length, 'every accepted operation is in the history, once')
  t.same(
    accepted.map((response) => Number(JSON.parse(response.headers.etag as string))).sort((a, b) => a - b),
    Array.from({ length: accepted.length }, (_, i) => i + 1),
    'each accepted operation got its own revision',
  )
  const decider = createTicketDecider({ areas: DEFAULT_AREAS })
  const folded = history.reduce(
    (state: ReturnType<typeof decider.initialState>, event: { tipo: string; datos: unknown }) =>
      decider.evolve(state, { type: event.tipo, data: event.datos } as never),
    decider.initialState(),
  )
  const current = (
    await h.inject({ method: 'GET', url: `/api/tickets/${id}`, headers: bearer(h.adminToken) })
  ).json()
  t.match(current, {
    estado: folded.estado,
    prioridad: folded.prioridad,
    categoria: folded.categoria,
    agenteId: folded.agente?.id ?? null,
    revision: history.length - 1,
  })
})

t.test('concurrent user creations with the same email: exactly one wins', async (t) => {
  const h = await testApp(t)
  const responses = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      h.inject({
        method: 'POST',
        url: '/api/auth/users',
        headers: bearer(h.adminToken),
        payload: {
          email: i % 2 ? 'Misma@Example.com' : 'misma@example.com',
          nombre: `Persona ${i}`,
          password: 'secreto1',
          rol: 'MESA',
        },
      }),
    ),
  )
  t.equal(responses.filter((response) => response.statusCode === 201).length, 1)
  t.equal(responses.filter((response) => response.statusCode === 409).length, 11)
  const users = (
    await h.inject({ method: 'GET', url: '/api/auth/users', headers: bearer(h.adminToken) })
  ).json()
  t.equal(users.filter((user: { email: string }) => user.email === 'misma@example.com').length, 1)
})
