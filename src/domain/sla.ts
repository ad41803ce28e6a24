import { addWorkingMs, type Calendar, workingMsBetween } from './business-calendar.ts'
import type { Prioridad } from './catalogue.ts'
import { AGENT_ROLES } from './roles.ts'

/**
 * SLA clocks (DESIGN §9), folded from a ticket's events. Pure: instants are passed in.
 *
 * Two clocks per ticket, both started at creation:
 *  - first response: met by the first `actualizar` an agent makes (every actualizar carries a
 *    respuesta for the requester);
 *  - resolution: met when the ticket reaches RESUELTO; a reopen resumes it (never resets it) and
 *    never touches first response.
 * Under SLA_PAUSE=stop a pause stops the running clocks and the resume restarts them; under
 * `continue` pauses change nothing. Reclassification re-targets the unmet clocks from creation
 * (time consumed so far counts against the new target). Transfers and assignments change nothing.
 * Cancellation freezes both clocks where they are.
 *
 * A clock is its target plus the intervals during which it ran: everything else (consumed time,
 * due time, 80 % time, status) is derived from those, in working time of the calendar.
 */

export type SlaStatus = 'EN_TIEMPO' | 'EN_RIESGO' | 'VENCIDO' | 'CUMPLIDO'
/** Urgency order, most urgent first: the ticket shows its worst clock. */
const URGENCY: Record<SlaStatus, number> = { VENCIDO: 3, EN_RIESGO: 2, EN_TIEMPO: 1, CUMPLIDO: 0 }
export const AT_RISK_FRACTION = 0.8

export interface SlaTargets {
  primeraRespuestaMs: number
  resolucionMs: number
}

export interface SlaPolicy {
  targets: Readonly<Record<Prioridad, SlaTargets>>
  pausa: 'stop' | 'continue'
  calendar: Calendar
}

const HOUR = 3_600_000
export const DEFAULT_SLA_TARGETS: Readonly<Record<Prioridad, SlaTargets>> = {
  CRITICA: { primeraRespuestaMs: 1 * HOUR, resolucionMs: 4 * HOUR },
  ALTA: { primeraRespuestaMs: 4 * HOUR, resolucionMs: 24 * HOUR },
  MEDIA: { primeraRespuestaMs: 8 * HOUR, resolucionMs: 72 * HOUR },
  BAJA: { primeraRespuestaMs: 24 * HOUR, resolucionMs: 120 * HOUR },
}

export const DEFAULT_SLA_POLICY: SlaPolicy = { targets: DEFAULT_SLA_TARGETS, pausa: 'stop', calendar: null }

export interface SlaClock {
  objetivoMs: number
  /** [start, end) instants the clock ran; the last one is open (end null) while it runs. */
  intervalos: Array<[number, number | null]>
  cumplidoEn: number | null
}

export interface SlaState {
  primeraRespuesta: SlaClock
  resolucion: SlaClock
  /** Clocks a pause stopped (under `stop`), to restart on resume. */
  detenidosPorPausa: Array<'primeraRespuesta' | 'resolucion'>
  pausadoDesde: number | null
  /** Working time spent in PAUSADO so far (whatever the policy). */
  pausadoMs: number
}

/** What the clock needs of an event: its type and data, when it happened and who did it. */
export interface SlaEvent {
  type: string
  data: Record<string, unknown>
  at: number
  actorRol: string
}

const running = (clock: SlaClock) => clock.cumplidoEn === null && clock.intervalos.at(-1)?.[1] === null
const stop = (clock: SlaClock, at: number): SlaClock =>
  running(clock)
    ? { ...clock, intervalos: [...clock.intervalos.slice(0, -1), [clock.intervalos.at(-1)![0], at]] }
    : clock
const start = (clock: SlaClock, at: number): SlaClock =>
  running(clock) ? clock : { ...clock, intervalos: [...clock.intervalos, [at, null]] }

export function startSla(createdAt: number, prioridad: Prioridad, policy: SlaPolicy): SlaState {
  const targets = policy.targets[prioridad]
  return {
    primeraRespuesta: {
      objetivoMs: targets.primeraRespuestaMs,
      intervalos: [[createdAt, null]],
      cumplidoEn: null,
    },
    resolucion: { objetivoMs: targets.resolucionMs, intervalos: [[createdAt, null]], cumplidoEn: null },
    detenidosPorPausa: [],
    pausadoDesde: null,
    pausadoMs: 0,
  }
}

export function evolveSla(state: SlaState, event: SlaEvent, policy: SlaPolicy): SlaState {
  const { at, data } = event
  let next = state
  const estado = data.estado as { antes: string; despues: string } | undefined
  const prioridad = (data.prioridad as { despues?: Prioridad } | undefined)?.despues
  if (prioridad) {
    // Re-target from creation: what ran so far counts against the new target.
    const targets = policy.targets[prioridad]
    next = {
      ...next,
      primeraRespuesta:
        next.primeraRespuesta.cumplidoEn === null
          ? { ...next.primeraRespuesta, objetivoMs: targets.primeraRespuestaMs }
          : next.primeraRespuesta,
      resolucion:
        next.resolucion.cumplidoEn === null
          ? { ...next.resolucion, objetivoMs: targets.resolucionMs }
          : next.resolucion,
    }
  }
  switch (event.type) {
    case 'TicketPausado': {
      next = { ...next, pausadoDesde: at }
      if (policy.pausa === 'stop') {
        const detenidos = (['primeraRespuesta', 'resolucion'] as const).filter((name) => running(next[name]))
        next = {
          ...next,
          detenidosPorPausa: [...detenidos],
          primeraRespuesta: stop(next.primeraRespuesta, at),
          resolucion: stop(next.resolucion, at),
        }
      }
      break
    }
    case 'TicketReanudado':
      next = endPause(next, at, policy)
      for (const name of next.detenidosPorPausa) next = { ...next, [name]: start(next[name], at) }
      next = { ...next, detenidosPorPausa: [] }
      break
    case 'TicketActualizado':
      if (AGENT_ROLES.includes(event.actorRol as never) && next.primeraRespuesta.cumplidoEn === null) {
        next = { ...next, primeraRespuesta: { ...stop(next.primeraRespuesta, at), cumplidoEn: at } }
      }
      if (estado?.despues === 'RESUELTO' && next.resolucion.cumplidoEn === null) {
        next = { ...next, resolucion: { ...stop(next.resolucion, at), cumplidoEn: at } }
      }
      break
    case 'TicketReabierto':
      // Reopened: the resolution clock goes on from where it stopped; first response is history.
      next = { ...next, resolucion: start({ ...next.resolucion, cumplidoEn: null }, at) }
      break
    case 'TicketCancelado':
      next = endPause(next, at, policy)
      next = {
        ...next,
        detenidosPorPausa: [],
        primeraRespuesta: stop(next.primeraRespuesta, at),
        resolucion: stop(next.resolucion, at),
      }
      break
  }
  return next
}

function endPause(state: SlaState, at: number, policy: SlaPolicy): SlaState {
  if (state.pausadoDesde === null) return state
  return {
    ...state,
    pausadoDesde: null,
    pausadoMs: state.pausadoMs + workingMsBetween(policy.calendar, state.pausadoDesde, at),
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a clock

/** Working time the clock has run up to `now` (or up to when it was met). */
export function consumedMs(clock: SlaClock, calendar: Calendar, now: number): number {
  let total = 0
  for (const [from, to] of clock.intervalos)
    total += workingMsBetween(calendar, from, Math.min(to ?? now, now))
  return total
}

/**
 * The instant the clock reaches `fraction` of its target: in the past if it already did, in the
 * future if it is running towards it, null if it is stopped short of it.
 */
export function reachesAt(clock: SlaClock, calendar: Calendar, fraction = 1): number | null {
  const target = clock.objetivoMs * fraction
  let consumed = 0
  for (const [from, to] of clock.intervalos) {
    const ran = to === null ? Number.POSITIVE_INFINITY : workingMsBetween(calendar, from, to)
    if (consumed + ran >= target) return addWorkingMs(calendar, from, target - consumed)
    consumed += ran
  }
  return null
}

export function clockStatus(clock: SlaClock, calendar: Calendar, now: number): SlaStatus {
  if (clock.cumplidoEn !== null)
    return consumedMs(clock, calendar, clock.cumplidoEn) <= clock.objetivoMs ? 'CUMPLIDO' : 'VENCIDO'
  return runningStatus(clock, calendar, now, reachesAt(clock, calendar))
}

/** clockStatus of a clock not met, given its due instant (reachesAt at 100 %). */
function runningStatus(clock: SlaClock, calendar: Calendar, now: number, due: number | null): SlaStatus {
  if (due !== null && now >= due) return 'VENCIDO'
  const risk = reachesAt(clock, calendar, AT_RISK_FRACTION)
  if (risk !== null && now >= risk) return 'EN_RIESGO'
  return 'EN_TIEMPO'
}

export interface ClockView {
  estado: SlaStatus
  /** Due instant (ISO): past if breached, future if running, null if stopped short of it. */
  vence: string | null
  /** Consumed / target, for now (or when met). */
  fraccion: number
  objetivoMin: number
  cumplidoEn: string | null
  corriendo: boolean
}

export interface SlaView {
  estado: SlaStatus
  vence: string | null
  fraccion: number
  primeraRespuesta: ClockView
  resolucion: ClockView
  pausadoMin: number
}

export function viewClock(clock: SlaClock, calendar: Calendar, now: number): ClockView {
  // clockStatus, with the due instant and the consumed time worked out once for both uses.
  const due = reachesAt(clock, calendar)
  const consumed = consumedMs(clock, calendar, clock.cumplidoEn ?? now)
  const estado: SlaStatus =
    clock.cumplidoEn !== null
      ? consumed <= clock.objetivoMs
        ? 'CUMPLIDO'
        : 'VENCIDO'
      : runningStatus(clock, calendar, now, due)
  return {
    estado,
    vence: due === null ? null : new Date(due).toISOString(),
    fraccion: Math.round((consumed / clock.objetivoMs) * 1000) / 1000,
    objetivoMin: Math.round(clock.objetivoMs / 60_000),
    cumplidoEn: clock.cumplidoEn === null ? null : new Date(clock.cumplidoEn).toISOString(),
    corriendo: running(clock),
  }
}

/** The ticket's SLA for `now`: both clocks, and the most urgent of them on top. */
export function viewSla(state: SlaState, calendar: Calendar, now: number): SlaView {
  const primeraRespuesta = viewClock(state.primeraRespuesta, calendar, now)
  const resolucion = viewClock(state.resolucion, calendar, now)
  const open = [primeraRespuesta, resolucion].filter((clock) => clock.cumplidoEn === null)
  const governing = [primeraRespuesta, resolucion].sort((a, b) => URGENCY[b.estado] - URGENCY[a.estado])[0]!
  const nextDue =
    open
      .filter((clock) => clock.corriendo && clock.vence !== null)
      .map((clock) => clock.vence!)
      .sort()[0] ?? null
  const pausadoMs =
    state.pausadoMs + (state.pausadoDesde !== null ? workingMsBetween(calendar, state.pausadoDesde, now) : 0)
  return {
    estado: governing.estado,
    vence: nextDue ?? governing.vence,
    fraccion: Math.max(...(open.length > 0 ? open : [resolucion]).map((clock) => clock.fraccion)),
    primeraRespuesta,
    resolucion,
    pausadoMin: Math.round(pausadoMs / 60_000),
  }
}

/**
 * Columns the read model stores so SQL can filter and sort by SLA for any "now": per clock, the
 * due and at-risk instants (exact, past or future) and, when the clock is not running, its final
 * status (it cannot change until the clock runs again).
 */
export interface SlaColumns {
  pr_vence: string | null
  pr_riesgo: string | null
  pr_estado_fijo: SlaStatus | null
  res_vence: string | null
  res_riesgo: string | null
  res_estado_fijo: SlaStatus | null
  /** Earliest due instant of a running clock (or far future): the `vencimiento` sort key. */
  sla_orden: string
  sla_pausado_ms: number
}

export const NO_DUE = '9999-12-31T23:59:59.999Z'

export function slaColumns(state: SlaState, calendar: Calendar): SlaColumns {
  const columns = (clock: SlaClock) => {
    const due = reachesAt(clock, calendar)
    const risk = reachesAt(clock, calendar, AT_RISK_FRACTION)
    return {
      vence: due === null ? null : new Date(due).toISOString(),
      riesgo: risk === null ? null : new Date(risk).toISOString(),
      fijo: running(clock)
        ? null
        : clockStatus(clock, calendar, clock.cumplidoEn ?? Number.POSITIVE_INFINITY),
      orden: running(clock) && due !== null ? new Date(due).toISOString() : null,
    }
  }
  const pr = columns(state.primeraRespuesta)
  const res = columns(state.resolucion)
  return {
    pr_vence: pr.vence,
    pr_riesgo: pr.riesgo,
    pr_estado_fijo: pr.fijo,
    res_vence: res.vence,
    res_riesgo: res.riesgo,
    res_estado_fijo: res.fijo,
    sla_orden: [pr.orden, res.orden].filter((value): value is string => value !== null).sort()[0] ?? NO_DUE,
    sla_pausado_ms: state.pausadoMs,
  }
}
