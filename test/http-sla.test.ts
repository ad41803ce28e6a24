import t from 'tap'
import { bearer, manualClock, testApp } from './support/app.ts'

const H = 3_600_000

t.test(
  'dashboard and detail carry the sla block, computed for now; filter by sla, sort by vencimiento',
  async (t) => {
    const clock = manualClock('2026-03-02T12:00:00.000Z')
    const h = await testApp(t, { SLA_PAUSE: 'stop' }, undefined, clock.runtime)
    const admin = bearer(h.adminToken)
    const critica = await h.ticket({ prioridad: 'CRITICA', asunto: 'Caída total' })
    const media = await h.ticket({ prioridad: 'MEDIA', asunto: 'Impresora' })
    const baja = await h.ticket({ prioridad: 'BAJA', asunto: 'Cambiar fondo' })
    const paused = await h.ticket({ prioridad: 'ALTA', asunto: 'Esperando proveedor' })
    await h.op(h.adminToken, paused.id, 'pausar', { motivo: 'Proveedor' })
    clock.advance(0.9 * H)

    const detail = (
      await h.inject({ method: 'GET', url: `/api/tickets/${critica.id}`, headers: admin })
    ).json()
    t.match(detail.sla, {
      estado: 'EN_RIESGO',
      vence: '2026-03-02T13:00:00.000Z',
      fraccion: 0.9,
      primeraRespuesta: { estado: 'EN_RIESGO', objetivoMin: 60, corriendo: true },
      resolucion: { estado: 'EN_TIEMPO', vence: '2026-03-02T16:00:00.000Z', objetivoMin: 240 },
    })
    clock.advance(0.2 * H)
    const dashboard = (
      await h.inject({ method: 'GET', url: '/api/tickets/dashboard?orden=vencimiento', headers: admin })
    ).json()
    t.same(
      dashboard.items.map((item: { asunto: string }) => item.asunto),
      ['Caída total', 'Impresora', 'Cambiar fondo', 'Esperando proveedor'],
      'most urgent first; the paused ticket (no running clock) last',
    )
    t.equal(dashboard.items[0].sla.estado, 'VENCIDO')
    t.match(dashboard.items[3].sla, {
      estado: 'EN_TIEMPO',
      vence: null,
      primeraRespuesta: { corriendo: false },
    })

    const urgent = (
      await h.inject({ method: 'GET', url: '/api/tickets/dashboard?sla=EN_RIESGO,VENCIDO', headers: admin })
    ).json()
    t.same(
      urgent.items.map((item: { id: string }) => item.id),
      [critica.id],
    )
    t.equal(urgent.total, 1)
    clock.advance(6 * H) // 7.1 h: MEDIA's first response (8 h) is at risk
    const later = (
      await h.inject({
        method: 'GET',
        url: '/api/tickets/dashboard?sla=EN_RIESGO,VENCIDO&orden=vencimiento',
        headers: admin,
      })
    ).json()
    t.same(
      later.items.map((item: { id: string }) => item.id),
      [critica.id, media.id],
    )

    // Keyset pagination by vencimiento gives the same order, one per page.
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = (
        await h.inject({
          method: 'GET',
          url: `/api/tickets/dashboard?orden=vencimiento&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          headers: admin,
        })
      ).json()
      seen.push(...page.items.map((item) => item.id))
      cursor = page.nextCursor
    } while (cursor)
    t.same(seen, [critica.id, media.id, baja.id, paused.id])

    // Answering meets first response; resolving meets resolution.
    await h.op(h.adminToken, critica.id, 'actualizar', {
      estado: 'RESUELTO',
      prioridad: 'CRITICA',
      area: 'MESA',
      respuesta: 'Servicio restablecido',
    })
    const solved = (
      await h.inject({ method: 'GET', url: `/api/tickets/${critica.id}`, headers: admin })
    ).json()
    t.match(solved.sla, {
      primeraRespuesta: { estado: 'VENCIDO', cumplidoEn: '2026-03-02T19:06:00.000Z' },
      resolucion: { estado: 'VENCIDO' },
    })
    t.equal(
      (await h.inject({ method: 'GET', url: '/api/tickets/dashboard?sla=CUMPLIDO', headers: admin })).json()
        .total,
      0,
    )
  },
)

t.test('statistics match hand-computed figures on a small fixed log', async (t) => {
  const clock = manualClock('2026-05-04T08:00:00.000Z')
  const h = await testApp(t, {}, undefined, clock.runtime)
  const admin = bearer(h.adminToken)
  const area = await h.user('AREA', 'SISTEMAS')
  // A: CRITICA, answered after 30 min, resolved after 2 h (both met).
  const a = await h.ticket({ prioridad: 'CRITICA', area: 'SISTEMAS', categoria: 'Red' })
  clock.advance(0.5 * H)
  await h.op(h.adminToken, a.id, 'actualizar', {
    estado: 'EN_PROCESO',
    prioridad: 'CRITICA',
    area: 'SISTEMAS',
    respuesta: 'Mirando',
  })
  clock.advance(1.5 * H)
  await h.op(h.adminToken, a.id, 'actualizar', {
    estado: 'RESUELTO',
    prioridad: 'CRITICA',
    area: 'SISTEMAS',
    respuesta: 'Listo',
  })
  // B (created at +2h): MEDIA, answered after 10 h (first response breached), resolved after 12 h, reopened.
  const b = await h.ticket({ prioridad: 'MEDIA', area: 'MESA', categoria: 'Correo' })
  clock.advance(10 * H)
  await h.op(h.adminToken, b.id, 'actualizar', {
    estado: 'EN_PROCESO',
    prioridad: 'MEDIA',
    area: 'MESA',
    respuesta: 'Mirando',
  })
  clock.advance(2 * H)
  await h.op(h.adminToken, b.id, 'actualizar', {
    estado: 'RESUELTO',
    prioridad: 'MEDIA',
    area: 'MESA',
    respuesta: 'Listo',
  })
  await h.op(h.adminToken, b.id, 'reabrir', { motivo: 'Volvió a fallar' })
  // C (created at +14h): BAJA, cancelled unanswered.
  const c = await h.ticket({ prioridad: 'BAJA', area: 'MESA', categoria: 'Correo' })
  await h.op(h.adminToken, c.id, 'cancelar', { motivo: 'Duplicado', rol: 'USUARIO' })
  // D: created the next month, outside the range.
  clock.set('2026-06-10T08:00:00.000Z')
  await h.ticket({ prioridad: 'ALTA', area: 'SISTEMAS' })

  const stats = (
    await h.inject({
      method: 'GET',
      url: '/api/tickets/estadisticas?desde=2026-05-01&hasta=2026-06-01',
      headers: admin,
    })
  ).json()
  t.match(stats, {
    desde: '2026-05-01T00:00:00.000Z',
    hasta: '2026-06-01T00:00:00.000Z',
    total: 3,
    porEstado: { RESUELTO: 1, EN_PROCESO: 1, CANCELADO: 1 },
    porArea: { SISTEMAS: 1, MESA: 2 },
    porPrioridad: { CRITICA: 1, MEDIA: 1, BAJA: 1 },
    porCategoria: { Red: 1, Correo: 2 },
    sla: {
      primeraRespuesta: { cumplidos: 1, vencidos: 1, enTiempo: 1, cumplimiento: 0.5 },
      // At query time (10 June) B's reopened resolution clock has long run past 72 h; C is frozen.
      resolucion: { cumplidos: 1, vencidos: 1, enTiempo: 1, cumplimiento: 0.5 },
    },
    tiempos: {
      primeraRespuesta: { n: 2, mediaHoras: 5.25, medianaHoras: 5.25 },
      resolucion: { n: 2, mediaHoras: 7, medianaHoras: 7 },
    },
    tasaReapertura: 0.5,
    tasaCancelacion: 0.3333,
  })
  const scoped = (
    await h.inject({ method: 'GET', url: '/api/tickets/estadisticas', headers: bearer(area.token) })
  ).json()
  t.match(scoped, { area: 'SISTEMAS', total: 2, porArea: { SISTEMAS: 2 } }, 'AREA sees its own area only')
  t.notOk('MESA' in scoped.porArea)
  const bad = await h.inject({ method: 'GET', url: '/api/tickets/estadisticas?desde=ayer', headers: admin })
  t.equal(bad.statusCode, 400)
})
