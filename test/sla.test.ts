import fc from 'fast-check'
import t from 'tap'
import { addWorkingMs, parseCalendar, workingMsBetween } from '../src/domain/business-calendar.ts'
import {
  DEFAULT_SLA_TARGETS,
  evolveSla,
  reachesAt,
  type SlaEvent,
  type SlaPolicy,
  type SlaState,
  startSla,
  viewSla,
} from '../src/domain/sla.ts'

const H = 3_600_000
const T0 = Date.parse('2026-03-02T12:00:00Z') // a Monday
const iso = (ms: number) => new Date(ms).toISOString()
const stopPolicy: SlaPolicy = { targets: DEFAULT_SLA_TARGETS, pausa: 'stop', calendar: null }
const continuePolicy: SlaPolicy = { ...stopPolicy, pausa: 'continue' }

const ev = (type: string, at: number, data: Record<string, unknown> = {}, actorRol = 'MESA'): SlaEvent => ({
  type,
  at,
  data,
  actorRol,
})
const pausa = (at: number, antes = 'ASIGNADO') =>
  ev('TicketPausado', at, { estado: { antes, despues: 'PAUSADO' } })
const reanuda = (at: number, despues = 'ASIGNADO') =>
  ev('TicketReanudado', at, { estado: { antes: 'PAUSADO', despues } })
const responde = (at: number, despues = 'EN_PROCESO', actorRol = 'MESA') =>
  ev('TicketActualizado', at, { estado: { antes: 'ASIGNADO', despues } }, actorRol)
function fold(
  policy: SlaPolicy,
  events: SlaEvent[],
  prioridad: 'BAJA' | 'MEDIA' | 'ALTA' | 'CRITICA' = 'MEDIA',
): SlaState {
  return events.reduce((state, event) => evolveSla(state, event, policy), startSla(T0, prioridad, policy))
}
const due = (state: SlaState, clock: 'primeraRespuesta' | 'resolucion', policy = stopPolicy) => {
  const at = reachesAt(state[clock], policy.calendar)
  return at === null ? null : iso(at)
}

t.test('defaults: MEDIA 8h first response, 72h resolution, from creation', async (t) => {
  const state = fold(stopPolicy, [])
  t.equal(due(state, 'primeraRespuesta'), iso(T0 + 8 * H))
  t.equal(due(state, 'resolucion'), iso(T0 + 72 * H))
  const view = viewSla(state, null, T0 + 6.5 * H)
  t.match(view, {
    estado: 'EN_RIESGO',
    vence: iso(T0 + 8 * H),
    primeraRespuesta: { estado: 'EN_RIESGO', fraccion: 0.813 },
    resolucion: { estado: 'EN_TIEMPO' },
  })
  t.match(viewSla(state, null, T0 + 2 * H), { estado: 'EN_TIEMPO' })
  t.match(viewSla(state, null, T0 + 9 * H), { estado: 'VENCIDO', primeraRespuesta: { estado: 'VENCIDO' } })
})

t.test('pause policy stop: paused time is excluded; continue: it is not', async (t) => {
  const events = [pausa(T0 + 1 * H), reanuda(T0 + 3 * H)]
  t.equal(due(fold(stopPolicy, events), 'primeraRespuesta'), iso(T0 + 10 * H))
  t.equal(due(fold(stopPolicy, events), 'resolucion'), iso(T0 + 74 * H))
  t.equal(due(fold(continuePolicy, events), 'primeraRespuesta', continuePolicy), iso(T0 + 8 * H))
  const paused = fold(stopPolicy, [pausa(T0 + 1 * H)])
  t.equal(due(paused, 'primeraRespuesta'), null, 'stopped short of its target: no due time while paused')
  t.match(viewSla(paused, null, T0 + 100 * H), {
    estado: 'EN_TIEMPO',
    primeraRespuesta: { fraccion: 0.125, corriendo: false },
    pausadoMin: 99 * 60,
  })
  t.match(
    viewSla(fold(continuePolicy, [pausa(T0 + 1 * H)]), null, T0 + 9 * H),
    { estado: 'VENCIDO' },
    'under continue the clock runs while paused',
  )
})

t.test('pause, resume, pause, resume: every paused stretch is excluded', async (t) => {
  const events = [
    pausa(T0 + 1 * H),
    reanuda(T0 + 2 * H),
    pausa(T0 + 4 * H, 'EN_PROCESO'),
    reanuda(T0 + 7 * H, 'EN_PROCESO'),
  ]
  const state = fold(stopPolicy, events)
  t.equal(due(state, 'primeraRespuesta'), iso(T0 + 12 * H), '8h + 1h + 3h paused')
  t.equal(state.pausadoMs, 4 * H)
})

t.test('a pause that starts after a breach keeps it breached', async (t) => {
  const state = fold(stopPolicy, [pausa(T0 + 9 * H)])
  t.equal(due(state, 'primeraRespuesta'), iso(T0 + 8 * H), 'the due time stays where it was passed')
  t.match(viewSla(state, null, T0 + 20 * H).primeraRespuesta, { estado: 'VENCIDO', corriendo: false })
})

t.test('reclassification re-targets from creation, up and down, without restarting', async (t) => {
  const up = fold(stopPolicy, [
    ev('TicketReclasificado', T0 + 0.5 * H, { prioridad: { antes: 'MEDIA', despues: 'CRITICA' } }),
  ])
  t.equal(
    due(up, 'primeraRespuesta'),
    iso(T0 + 1 * H),
    'CRITICA: 1h from creation, not from the reclassification',
  )
  t.equal(due(up, 'resolucion'), iso(T0 + 4 * H))
  t.match(viewSla(up, null, T0 + 2 * H), { estado: 'VENCIDO' })
  const lateUp = fold(stopPolicy, [
    ev('TicketReclasificado', T0 + 3 * H, { prioridad: { antes: 'MEDIA', despues: 'CRITICA' } }),
  ])
  t.equal(
    due(lateUp, 'primeraRespuesta'),
    iso(T0 + 1 * H),
    'already overdue at the moment of reclassification',
  )
  const down = fold(stopPolicy, [
    ev('TicketReclasificado', T0 + 2 * H, { prioridad: { antes: 'MEDIA', despues: 'BAJA' } }),
  ])
  t.equal(due(down, 'primeraRespuesta'), iso(T0 + 24 * H))
  t.equal(due(down, 'resolucion'), iso(T0 + 120 * H))
  const viaActualizar = fold(stopPolicy, [
    responde(T0 + 1 * H),
    ev('TicketActualizado', T0 + 2 * H, {
      estado: { antes: 'EN_PROCESO', despues: 'EN_PROCESO' },
      prioridad: { antes: 'MEDIA', despues: 'ALTA' },
    }),
  ])
  t.equal(
    due(viaActualizar, 'resolucion'),
    iso(T0 + 24 * H),
    'a priority change in actualizar re-targets too',
  )
  t.equal(viaActualizar.primeraRespuesta.objetivoMs, 8 * H, 'a met clock keeps the target it was met against')
})

t.test('transfer and assignment keep both clocks', async (t) => {
  const state = fold(stopPolicy, [
    ev('TicketAsignado', T0 + 1 * H, { estado: { antes: 'ABIERTO', despues: 'ASIGNADO' } }),
    ev('TicketTransferido', T0 + 2 * H, {
      estado: { antes: 'ASIGNADO', despues: 'ABIERTO' },
      area: { antes: 'MESA', despues: 'RRHH' },
    }),
  ])
  t.equal(due(state, 'primeraRespuesta'), iso(T0 + 8 * H))
  t.equal(due(state, 'resolucion'), iso(T0 + 72 * H))
})

t.test(
  'first response: met by an agent’s actualizar; resolution met on RESUELTO; reopen resumes, never resets',
  async (t) => {
    const answered = fold(stopPolicy, [responde(T0 + 2 * H)])
    t.match(viewSla(answered, null, T0 + 50 * H).primeraRespuesta, {
      estado: 'CUMPLIDO',
      cumplidoEn: iso(T0 + 2 * H),
      fraccion: 0.25,
    })
    const late = fold(stopPolicy, [responde(T0 + 9 * H)])
    t.match(
      viewSla(late, null, T0 + 10 * H).primeraRespuesta,
      { estado: 'VENCIDO' },
      'answered late stays a breach',
    )
    const resolved = fold(stopPolicy, [responde(T0 + 2 * H), responde(T0 + 10 * H, 'RESUELTO')])
    t.match(viewSla(resolved, null, T0 + 100 * H), {
      estado: 'CUMPLIDO',
      resolucion: { estado: 'CUMPLIDO', cumplidoEn: iso(T0 + 10 * H) },
    })
    const reopened = fold(stopPolicy, [
      responde(T0 + 2 * H),
      responde(T0 + 10 * H, 'RESUELTO'),
      ev('TicketReabierto', T0 + 20 * H, { estado: { antes: 'RESUELTO', despues: 'EN_PROCESO' } }),
    ])
    t.equal(
      due(reopened, 'resolucion'),
      iso(T0 + 20 * H + 62 * H),
      '10h consumed before; the remaining 62h from the reopen',
    )
    t.equal(reopened.primeraRespuesta.cumplidoEn, T0 + 2 * H, 'first response untouched')
    const requesterUpdate = fold(stopPolicy, [responde(T0 + 1 * H, 'EN_PROCESO', 'USUARIO')])
    t.equal(requesterUpdate.primeraRespuesta.cumplidoEn, null, 'only agents answer')
  },
)

t.test('cancellation freezes the clocks', async (t) => {
  const state = fold(stopPolicy, [
    ev('TicketCancelado', T0 + 7 * H, { estado: { antes: 'ASIGNADO', despues: 'CANCELADO' } }),
  ])
  t.match(viewSla(state, null, T0 + 500 * H), {
    estado: 'EN_RIESGO',
    primeraRespuesta: { corriendo: false, fraccion: 0.875 },
    resolucion: { corriendo: false },
  })
  const fromPause = fold(stopPolicy, [
    pausa(T0 + 1 * H),
    ev('TicketCancelado', T0 + 5 * H, { estado: { antes: 'PAUSADO', despues: 'CANCELADO' } }),
  ])
  t.equal(fromPause.pausadoMs, 4 * H, 'the pause ends at the cancellation')
})

t.test('business calendar: nights, weekends, holidays', async (t) => {
  const bogota = parseCalendar('Mon-Fri 08:00-18:00 America/Bogota')
  // Friday 2026-03-06 17:00 in Bogotá (UTC-5) = 22:00Z; 4 working hours: 1h on Friday, 3h on Monday.
  const friday = Date.parse('2026-03-06T22:00:00Z')
  t.equal(iso(addWorkingMs(bogota, friday, 4 * H)), '2026-03-09T16:00:00.000Z', 'Monday 11:00 local')
  t.equal(workingMsBetween(bogota, friday, Date.parse('2026-03-09T16:00:00Z')), 4 * H)
  t.equal(
    iso(addWorkingMs(bogota, Date.parse('2026-03-07T15:00:00Z'), 1 * H)),
    '2026-03-09T14:00:00.000Z',
    'created on Saturday: starts Monday 08:00',
  )
  t.equal(
    iso(addWorkingMs(bogota, Date.parse('2026-03-03T02:00:00Z'), 1 * H)),
    '2026-03-03T14:00:00.000Z',
    'created at night: next morning',
  )
  const withHoliday = parseCalendar('Mon-Fri 08:00-18:00 America/Bogota', '2026-03-09')
  t.equal(
    iso(addWorkingMs(withHoliday, friday, 4 * H)),
    '2026-03-10T16:00:00.000Z',
    'Monday is a holiday: Tuesday 11:00',
  )
  const policy: SlaPolicy = { ...stopPolicy, calendar: bogota }
  const state = startSla(friday, 'CRITICA', policy)
  t.equal(
    iso(reachesAt(state.resolucion, bogota)!),
    '2026-03-09T16:00:00.000Z',
    'the SLA clock uses the calendar',
  )
  t.match(
    viewSla(state, bogota, Date.parse('2026-03-08T12:00:00Z')).resolucion,
    { fraccion: 0.25, estado: 'EN_TIEMPO' },
    'the weekend does not count',
  )
})

t.test('business calendar across DST changes', async (t) => {
  const madrid = parseCalendar('Mon-Fri 08:00-18:00 Europe/Madrid')
  // Friday 2026-03-27 17:00 CET (UTC+1) = 16:00Z; Europe moves to CEST (UTC+2) on Sunday 29 March.
  t.equal(
    iso(addWorkingMs(madrid, Date.parse('2026-03-27T16:00:00Z'), 4 * H)),
    '2026-03-30T09:00:00.000Z',
    'Monday 11:00 CEST',
  )
  const everyDay = parseCalendar('Mon-Sun 08:00-18:00 Europe/Madrid')
  t.equal(
    iso(addWorkingMs(everyDay, Date.parse('2026-03-28T16:00:00Z'), 2 * H)),
    '2026-03-29T07:00:00.000Z',
    'Saturday 17:00 CET + 2h = Sunday 09:00 CEST',
  )
  t.equal(
    workingMsBetween(everyDay, Date.parse('2026-03-29T00:00:00Z'), Date.parse('2026-03-30T00:00:00Z')),
    10 * H,
    'the short day still has 10 working hours',
  )
  // Autumn: back to CET on Sunday 25 October.
  t.equal(
    iso(addWorkingMs(madrid, Date.parse('2026-10-23T15:00:00Z'), 4 * H)),
    '2026-10-26T10:00:00.000Z',
    'Friday 17:00 CEST + 4h = Monday 11:00 CET',
  )
})

t.test('calendar configuration errors are clear', async (t) => {
  t.equal(parseCalendar('24x7'), null)
  t.throws(() => parseCalendar('Lun-Vie 08:00-18:00 America/Bogota'), /unknown day/)
  t.throws(() => parseCalendar('Mon-Fri 18:00-08:00 America/Bogota'), /non-empty range/)
  t.throws(() => parseCalendar('Mon-Fri 08:00-18:00 Marte/Olympus'), /unknown time zone/)
  t.throws(() => parseCalendar('Mon-Fri 08:00-18:00 America/Bogota', '2026-13-45'), /not a date/)
  t.throws(() => parseCalendar('24x7', '2026-12-25'), /needs a working calendar/)
})

t.test('property: under stop, the due time moves by exactly the paused working time', async (t) => {
  const calendars = [
    null,
    parseCalendar('Mon-Fri 08:00-18:00 America/Bogota'),
    parseCalendar('Mon-Sat 09:00-17:30 Europe/Madrid', '2026-04-03'),
  ]
  fc.assert(
    fc.property(
      fc.constantFrom(...calendars),
      fc.constantFrom('BAJA', 'MEDIA', 'ALTA', 'CRITICA'),
      fc.array(fc.tuple(fc.integer({ min: 1, max: 40 * 60 }), fc.integer({ min: 1, max: 40 * 60 })), {
        maxLength: 4,
      }),
      (calendar, prioridad, stretches) => {
        const policy: SlaPolicy = { ...stopPolicy, calendar }
        let at = T0
        const events: SlaEvent[] = []
        const pauses: Array<[number, number]> = []
        for (const [runMinutes, pauseMinutes] of stretches) {
          at += runMinutes * 60_000
          const resumeAt = at + pauseMinutes * 60_000
          events.push(pausa(at), reanuda(resumeAt))
          pauses.push([at, resumeAt])
          at = resumeAt
        }
        const state = events.reduce((s, e) => evolveSla(s, e, policy), startSla(T0, prioridad, policy))
        const dueWith = reachesAt(state.resolucion, calendar)!
        const dueWithout = addWorkingMs(calendar, T0, DEFAULT_SLA_TARGETS[prioridad].resolucionMs)
        // Pauses that began before the due instant push it back by their working time; later ones cannot.
        const paused = pauses
          .filter(([from]) => from < dueWith)
          .reduce((sum, [from, to]) => sum + workingMsBetween(calendar, from, to), 0)
        return (
          workingMsBetween(calendar, T0, dueWith) - paused === DEFAULT_SLA_TARGETS[prioridad].resolucionMs &&
          dueWith >= dueWithout
        )
      },
    ),
    { numRuns: 200, seed: 7 },
  )
  t.pass('200 random pause sequences')
})
