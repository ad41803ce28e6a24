import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import { type Config, loadConfig } from '../../src/config.ts'
import type { Runtime } from '../../src/commands/context.ts'
import type { Rol } from '../../src/domain/roles.ts'
import type { EventStore } from '../../src/eventstore/port.ts'
import { buildApp } from '../../src/http/app.ts'
import { tempDir } from './temp.ts'

export const ADMIN_EMAIL = 'admin@example.com'
export const ADMIN_PASSWORD = 'admin-secreto'

export function testConfig(dir: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    DATA_DIR: dir,
    PASSWORD_MEMORY_KIB: '1024',
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    JWT_SECRET: 'una-clave-de-pruebas-de-al-menos-32-bytes',
    // Every test runs from one address: the limits are tested on their own (hardening tests).
    LOGIN_RATE_PER_IP: '100000',
    LOGIN_FAILURES_PER_IP_EMAIL: '100000',
    LOGIN_FAILURES_PER_EMAIL: '100000',
    PUBLIC_CREAR_RATE_PER_IP: '100000',
    PUBLIC_CONSULTAR_RATE_PER_IP: '100000',
    ...env,
  })
}

export interface TestApp {
  app: FastifyInstance
  dir: string
  inject(options: InjectOptions): Promise<LightMyRequestResponse>
  /** Logs in; returns the bearer token. */
  login(email: string, password: string): Promise<string>
  adminToken: string
  /** Creates a user as ADMIN and changes its password (clearing must-change); returns id and token. */
  user(rol: Rol, area?: string | null, name?: string): Promise<{ id: string; token: string; email: string }>
  /** Creates a ticket publicly; returns its id and codigo. */
  ticket(body?: Record<string, unknown>): Promise<{ id: string; codigo: string }>
  /** POSTs an operation as `token`. */
  op(
    token: string,
    id: string,
    operation: string,
    body: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>
}

let counter = 0

/** The real app on a fresh embedded store in a temp dir (or on `store`), closed when the test ends. */
export async function testApp(
  t: Test,
  env: Record<string, string> = {},
  store?: EventStore,
  runtime?: Runtime,
): Promise<TestApp> {
  const dir = tempDir(t)
  const app = await buildApp({
    config: testConfig(dir, env),
    logger: false,
    ...(store ? { store } : {}),
    ...(runtime ? { runtime } : {}),
  })
  t.teardown(() => app.close())
  const inject = (options: InjectOptions) => app.inject(options)
  const login = async (email: string, password: string) => {
    const response = await inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
    if (response.statusCode !== 200)
      throw new Error(`login ${email}: ${response.statusCode} ${response.body}`)
    return response.json().token as string
  }
  const adminToken = await login(ADMIN_EMAIL, ADMIN_PASSWORD)
  return {
    app,
    dir,
    inject,
    login,
    adminToken,
    async user(rol, area = null, name) {
      const email = `${rol.toLowerCase()}${++counter}@example.com`
      const created = await inject({
        method: 'POST',
        url: '/api/auth/users',
        headers: bearer(adminToken),
        payload: {
          email,
          nombre: name ?? `${rol} ${counter}`,
          password: 'temporal1',
          rol,
          ...(area ? { area } : {}),
        },
      })
      if (created.statusCode !== 201) throw new Error(`create user: ${created.statusCode} ${created.body}`)
      const first = await login(email, 'temporal1')
      const changed = await inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: bearer(first),
        payload: { passwordActual: 'temporal1', passwordNuevo: 'definitiva1' },
      })
      if (changed.statusCode !== 200)
        throw new Error(`change password: ${changed.statusCode} ${changed.body}`)
      return { id: created.json().user_id, token: changed.json().token, email }
    },
    async ticket(body = {}) {
      const response = await inject({
        method: 'POST',
        url: '/api/tickets/crear',
        payload: {
          asunto: 'No funciona el correo',
          descripcion: 'Desde esta mañana no puedo enviar correos',
          nombre: 'Pedro Pérez',
          email: 'pedro@example.com',
          ...body,
        },
      })
      if (response.statusCode !== 201) throw new Error(`crear: ${response.statusCode} ${response.body}`)
      return { id: response.json().id, codigo: response.json().codigo }
    },
    op(token, id, operation, body, headers = {}) {
      return inject({
        method: 'POST',
        url: `/api/tickets/${id}/${operation}`,
        headers: { ...bearer(token), ...headers },
        payload: body,
      })
    },
  }
}

/** The test admin's token on an app a test built itself (testApp's own is `adminToken`). */
export async function adminTokenOf(app: FastifyInstance): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  })
  if (response.statusCode !== 200) throw new Error(`admin login: ${response.statusCode} ${response.body}`)
  return response.json().token as string
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** A clock the test moves by hand, with real random ids. */
export function manualClock(start: string) {
  let now = Date.parse(start)
  const runtime: Runtime = { now: () => new Date(now), newId: () => crypto.randomUUID() }
  return {
    runtime,
    advance: (ms: number) => void (now += ms),
    set: (iso: string) => void (now = Date.parse(iso)),
  }
}
