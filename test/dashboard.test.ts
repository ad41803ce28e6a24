import t from 'tap'
import type { Caller } from '../src/domain/roles.ts'
import { InvalidCursorError } from '../src/projections/tickets/cursor.ts'
import { type DashboardQuery, TicketQueries } from '../src/projections/tickets/queries.ts'
import type { TicketSummary } from '../src/projections/tickets/view.ts'
import { adminContext, solicitud, world } from './support/world.ts'

const mesa: Caller = { rol: 'MESA', area: null }
const ALL = { area: null }
const AREAS = ['MESA', 'SISTEMAS', 'RRHH']
const PRIORIDADES = ['BAJA', 'MEDIA', 'ALTA', 'CRITICA']

async function seeded(t: Parameters<typeof world>[0]) {
  const w = world(t)
  const agentId = await w.agent()
  for (let i = 0; i < 36; i++) {
    const { ticketId } = await w.tickets.crear(
      solicitud(i, {
        area: AREAS[i % 3],
        prioridad: PRIORIDADES[i % 4],
        categoria: i % 2 ? 'Correo' : 'Red',
        asunto: i === 7 ? 'La impresora_50% no imprime' : `Asunto ${i}`,
      }),
      adminContext,
    )
    if (i % 6 === 0)
      await w.tickets.ejecutar(ticketId, 'asignar', { agenteId: agentId, motivo: 'x' }, mesa, adminContext)
    if (i % 9 === 0)
      await w.tickets.ejecutar(ticketId, 'cancelar', { motivo: 'x', rol: 'AGENTE' }, mesa, adminContext)
    if (i === 27) await w.tickets.ejecutar(ticketId, 'archivar', { motivo: 'x' }, mesa, adminContext)
  }
  await w.settle()
  return { ...w, agentId }
}

function allPages(
  run: (query: DashboardQuery) => { items: TicketSummary[]; nextCursor: string | null },
  query: DashboardQuery,
) {
  const items: TicketSummary[] = []
  let cursor: string | undefined
  for (let page = 0; page < 100; page++) {
    const result = run({ ...query, cursor })
    items.push(...result.items)
    if (!result.nextCursor) break
    cursor = result.nextCursor
  }
  return items
}

t.test('filters: estado, prioridad, area, agenteId, categoria, q, incluirArchivados', async (t) => {
  const w = await seeded(t)
  const q = (query: Partial<DashboardQuery>) => w.ticketQueries.dashboard({ limit: 200, ...query }, ALL)
  t.equal(q({}).total, 35, 'archived left out by default')
  t.equal(q({ incluirArchivados: true }).total, 36)
  t.equal(q({ estado: ['CANCELADO'] }).total, 3, 'cancelled: 0, 9, 18 (27 archived)')
  t.ok(
    q({ estado: ['ASIGNADO', 'ABIERTO'] }).items.every((item) =>
      ['ASIGNADO', 'ABIERTO'].includes(item.estado),
    ),
  )
  t.ok(q({ prioridad: ['CRITICA'] }).items.every((item) => item.prioridad === 'CRITICA'))
  t.equal(q({ prioridad: ['CRITICA'] }).total, 8, '3, 7, … 35 less archived 27')
  t.equal(q({ area: ['RRHH'] }).total, 12)
  t.equal(q({ agenteId: w.agentId }).total, 6, '0, 6, 12, 18, 24, 30 (cancelled ones still show)')
  t.equal(q({ categoria: 'correo' }).total, 17, 'odd i less archived 27; case-insensitive')
  t.same(
    q({ q: 'impresora_50%' }).items.map((item) => item.asunto),
    ['La impresora_50% no imprime'],
    'q with LIKE wildcards taken literally',
  )
  t.equal(q({ q: 'persona1' }).total, 11, 'q over requester email: persona1, persona10…19')
  const codigo = q({}).items[0]!.codigo
  t.same(
    q({ q: codigo.toLowerCase() }).items.map((item) => item.codigo),
    [codigo],
    'q over codigo',
  )
  t.equal(q({ q: 'zzz-nada' }).total, 0)
  const combined = q({ area: ['SISTEMAS'], prioridad: ['BAJA', 'ALTA'] })
  t.ok(combined.items.every((item) => item.area === 'SISTEMAS' && ['BAJA', 'ALTA'].includes(item.prioridad)))
  t.equal(combined.total, combined.items.length)
})

t.test('resumen counts per estado under the same filters except estado', async (t) => {
  const w = await seeded(t)
  const page = w.ticketQueries.dashboard({ limit: 5, estado: ['CANCELADO'] }, ALL)
  t.equal(page.total, 3)
  t.equal(
    Object.values(page.resumen).reduce((a, b) => a + b, 0),
    35,
  )
  t.same(
    w.ticketQueries.dashboard({ limit: 5, area: ['MESA'] }, ALL).resumen,
    w.ticketQueries.dashboard({ limit: 5 }, { area: 'MESA' }).resumen,
    'filter and scope agree',
  )
})

t.test('sorting: recientes, antiguos, prioridad, actualizados', async (t) => {
  const w = await seeded(t)
  const items = (orden: DashboardQuery['orden']) =>
    w.ticketQueries.dashboard({ limit: 200, orden }, ALL).items
  const recientes = items('recientes')
  t.ok(recientes.every((item, i) => i === 0 || item.creadoEn <= recientes[i - 1]!.creadoEn))
  const antiguos = items('antiguos')
  t.same(
    antiguos.map((item) => item.id),
    [...recientes].reverse().map((item) => item.id),
  )
  const rank = { BAJA: 1, MEDIA: 2, ALTA: 3, CRITICA: 4 } as Record<string, number>
  const prioridad = items('prioridad')
  t.ok(prioridad.every((item, i) => i === 0 || rank[item.prioridad]! <= rank[prioridad[i - 1]!.prioridad]!))
  const actualizados = items('actualizados')
  t.ok(actualizados.every((item, i) => i === 0 || item.actualizadoEn <= actualizados[i - 1]!.actualizadoEn))
})

t.test('keyset pagination: every ticket once, in order, across pages, for each sort', async (t) => {
  const w = await seeded(t)
  for (const orden of ['recientes', 'antiguos', 'prioridad', 'actualizados'] as const) {
    const paged = allPages((query) => w.ticketQueries.dashboard(query, ALL), { limit: 4, orden })
    const whole = w.ticketQueries.dashboard({ limit: 200, orden }, ALL).items
    t.same(
      paged.map((item) => item.id),
      whole.map((item) => item.id),
      orden,
    )
  }
})

t.test('pagination stays stable while new tickets arrive', async (t) => {
  const w = await seeded(t)
  const before = w.ticketQueries.dashboard({ limit: 200 }, ALL).items.map((item) => item.id)
  const seen: string[] = []
  let cursor: string | undefined
  let n = 100
  for (;;) {
    const page = w.ticketQueries.dashboard({ limit: 5, cursor }, ALL)
    seen.push(...page.items.map((item) => item.id))
    // New tickets land between page requests: newest-first pages must neither repeat nor skip.
    await w.tickets.crear(solicitud(n++), adminContext)
    await w.settle()
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  t.same(seen, before, 'exactly the tickets that existed when paging began')
})

t.test('AREA scoping is enforced inside the query', async (t) => {
  const w = await seeded(t)
  const scoped = allPages((query) => w.ticketQueries.dashboard(query, { area: 'SISTEMAS' }), { limit: 5 })
  t.equal(scoped.length, 12)
  t.ok(scoped.every((item) => item.area === 'SISTEMAS'))
  t.equal(
    w.ticketQueries.dashboard({ limit: 200, area: ['RRHH'] }, { area: 'SISTEMAS' }).total,
    0,
    'cannot filter your way out',
  )
  const other = w.ticketQueries.dashboard({ limit: 1, area: ['RRHH'] }, ALL).items[0]!
  t.equal(w.ticketQueries.ticket(other.id, { area: 'SISTEMAS' }), null, 'another area’s ticket is not found')
  t.ok(w.ticketQueries.ticket(other.id, { area: 'RRHH' }))
  t.same(
    Object.values(w.ticketQueries.dashboard({ limit: 1 }, { area: 'SISTEMAS' }).resumen).reduce(
      (a, b) => a + b,
      0,
    ),
    12,
  )
})

t.test('a malformed or foreign cursor is rejected', async (t) => {
  const w = await seeded(t)
  t.throws(() => w.ticketQueries.dashboard({ limit: 5, cursor: 'not-a-cursor' }, ALL), InvalidCursorError)
  const cursor = w.ticketQueries.dashboard({ limit: 5, orden: 'prioridad' }, ALL).nextCursor!
  t.throws(() => w.ticketQueries.dashboard({ limit: 5, orden: 'recientes', cursor }, ALL), InvalidCursorError)
  const injected = Buffer.from(JSON.stringify(['recientes', { $gt: 1 }, 'x'])).toString('base64url')
  t.throws(() => w.ticketQueries.dashboard({ limit: 5, cursor: injected }, ALL), InvalidCursorError)
})

t.test(
  'q: both ways of finding a page (matches first, or the sort index first) give the same pages',
  async (t) => {
    const w = await seeded(t)
    // searchSortLimit 0: every search walks the sort's index and tests each entry against the matches.
    const probing = new TicketQueries(w.readModels.db, { searchSortLimit: 0 })
    for (const orden of ['recientes', 'antiguos', 'prioridad', 'actualizados', 'vencimiento'] as const) {
      for (const q of ['persona1', 'asunto', 'persona2 asunto']) {
        const query: DashboardQuery = { limit: 4, q, orden, incluirArchivados: true }
        const byMatches = allPages((page) => w.ticketQueries.dashboard(page, ALL), query)
        const byIndex = allPages((page) => probing.dashboard(page, ALL), query)
        t.ok(byMatches.length > 0)
        t.same(
          byIndex.map((item) => item.id),
          byMatches.map((item) => item.id),
          `${orden}, q=${q}`,
        )
      }
    }
    // Ids, total and counts: the SLA view is computed at each call's own "now".
    const scoped = (queries: TicketQueries) => {
      const page = queries.dashboard({ limit: 50, q: 'persona1' }, { area: 'MESA' })
      return { ids: page.items.map((item) => item.id), total: page.total, resumen: page.resumen }
    }
    t.same(scoped(probing), scoped(w.ticketQueries), 'area scope')
  },
)
