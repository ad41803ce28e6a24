import type { FastifyRequest } from 'fastify'
import type { Operation } from '../domain/roles.ts'
import type { HistoryEntry, WebServices } from './adapter.ts'
import {
  duracion,
  ESTADO_LABELS,
  EVENT_LABELS,
  fecha,
  label,
  OPERATION_LABELS,
  PRIORIDAD_LABELS,
  ROL_LABELS,
  SLA_LABELS,
} from './format.ts'

/**
 * The console's menu: one entry per page, shown to the roles that may use it (the access rules
 * of src/domain/roles.ts). A new page adds its entry here and registers its routes in
 * src/web/routes/.
 */
export interface MenuItem {
  href: string
  label: string
  requires: Operation
}

export const CONSOLE_MENU: readonly MenuItem[] = [
  { href: '/app', label: 'Tablero', requires: 'dashboard' },
  { href: '/app/usuarios', label: 'Usuarios', requires: 'usuarios' },
  { href: '/app/estadisticas', label: 'Estadísticas', requires: 'estadisticas' },
  { href: '/app/notificaciones', label: 'Notificaciones', requires: 'notificaciones' },
]

/** Helpers every template gets as `it.f`. */
export function formatHelpers(timeZone: string) {
  return {
    fecha: (iso: string | null | undefined) => fecha(iso, timeZone),
    estado: (code: string) => label(ESTADO_LABELS, code),
    prioridad: (code: string) => label(PRIORIDAD_LABELS, code),
    sla: (code: string) => label(SLA_LABELS, code),
    operacion: (code: string) => label(OPERATION_LABELS, code),
    evento: (code: string) => label(EVENT_LABELS, code),
    rol: (code: string) => label(ROL_LABELS, code),
    duracion,
    timeZone,
  }
}

/** What the layout needs on every page. */
export function pageContext(request: FastifyRequest, web: WebServices, csrfToken: string) {
  const session = request.webSession
  const path = request.url.split('?')[0] ?? '/'
  const menu = session
    ? CONSOLE_MENU.filter((item) => web.may(item.requires, session.caller)).map((item) => ({
        ...item,
        current: item.href === '/app' ? path === '/app' || path === '/app/' : path.startsWith(item.href),
      }))
    : []
  return {
    csrf: csrfToken,
    console: path === '/app' || path.startsWith('/app/'),
    user: session ? { nombre: session.user.nombre, rol: session.user.rol, area: session.user.area } : null,
    menu,
    path,
    f: formatHelpers(web.timeZone),
    title: '',
  }
}

/**
 * A path to return to after logging in: only this app's console pages, so a crafted link can
 * never send someone elsewhere (no "//evil", no "/\evil", no scheme, no control characters).
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null
  if (!/^\/app(?:[/?#]|$)/.test(value)) return null
  if (value.includes('//') || value.includes('\\') || /[\u0000-\u001f\u007f]/.test(value)) return null
  return value
}

export interface HistoryItem {
  revision: number
  tipo: string
  fecha: string
  actor: { nombre: string; rol: string }
  motivo: string | null
  respuesta: string | null
  cambios: Array<{ campo: string; antes: string; despues: string }>
  /** Tamper evidence (docs/audit.md): intacta, sin-cadena or rota. */
  cadena: string | null
}

/** The history's chain as one sentence for the timeline's heading. */
export function chainSummary(items: readonly HistoryItem[]): { estado: string; texto: string } {
  const broken = items.find((item) => item.cadena === 'rota')
  if (broken)
    return {
      estado: 'rota',
      texto: `Cadena de hashes rota en la revisión ${broken.revision}: el historial fue alterado desde entonces.`,
    }
  const unchained = items.filter((item) => item.cadena === 'sin-cadena').length
  const last = items[items.length - 1]
  return {
    estado: 'intacta',
    texto: `Cadena de hashes verificada hasta la revisión ${last?.revision ?? 0}${unchained ? ` (${unchained} eventos anteriores a la cadena)` : ''}.`,
  }
}

const CHANGE_LABELS: Record<string, string> = {
  estado: 'Estado',
  area: 'Área',
  prioridad: 'Prioridad',
  categoria: 'Categoría',
  agente: 'Agente',
}

/** The event log as a timeline: who, when, why, and each field's before → after. */
export function historyView(entries: readonly HistoryEntry[]): HistoryItem[] {
  return entries.map((entry) => {
    const datos = entry.datos
    const cambios: HistoryItem['cambios'] = []
    for (const campo of Object.keys(CHANGE_LABELS)) {
      const change = datos[campo] as { antes?: unknown; despues?: unknown } | undefined
      if (!change || typeof change !== 'object' || !('despues' in change)) continue
      const antes = shown(change.antes)
      const despues = shown(change.despues)
      if (antes !== despues) cambios.push({ campo: CHANGE_LABELS[campo]!, antes, despues })
    }
    if (entry.tipo === 'TicketCreado') {
      for (const campo of ['estado', 'prioridad', 'area', 'categoria'])
        if (typeof datos[campo] === 'string')
          cambios.push({ campo: CHANGE_LABELS[campo]!, antes: '—', despues: String(datos[campo]) })
    }
    return {
      revision: entry.revision,
      tipo: entry.tipo,
      fecha: entry.fecha,
      actor: { nombre: entry.actor.nombre, rol: entry.actor.rol },
      motivo: typeof datos.motivo === 'string' ? datos.motivo : null,
      respuesta: typeof datos.respuesta === 'string' ? datos.respuesta : null,
      cambios,
      cadena: entry.verificacion?.estado ?? null,
    }
  })
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'object' && 'nombre' in value) return String((value as { nombre: unknown }).nombre)
  return String(value)
}
