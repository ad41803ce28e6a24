/**
 * npm run screenshots — PNGs of the main pages at 360 px and 1280 px wide, for the README. Starts
 * the real server on a temp DATA_DIR, seeds a few users and tickets through the JSON API, and
 * drives the Chromium that @sparticuz/chromium ships (as the browser tests do).
 */
import { mkdirSync, rmSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import chromium from '@sparticuz/chromium'
import playwright, { type Page } from 'playwright-core'
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../test/support/app.ts'
import { loginOver, serverEnv, startServer } from '../test/support/server-process.ts'

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots')
const WIDTHS = [360, 1280] as const

const dir = mkdtempSync(join(tmpdir(), 'mesa-screenshots-'))
const server = await startServer(serverEnv(dir, { JWT_SECRET: 'capturas-de-pantalla-con-32-bytes-o-mas' }))
try {
  const admin = await loginOver(server.url)
  const api = async (method: string, path: string, body?: unknown, token = admin) => {
    const response = await fetch(server.url + path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`)
    return text ? JSON.parse(text) : null
  }
  const mesa = await api('POST', '/api/auth/users', {
    email: 'marta@example.com',
    nombre: 'Marta Mesa',
    password: 'temporal1',
    rol: 'MESA',
  })
  const area = await api('POST', '/api/auth/users', {
    email: 'sergio@example.com',
    nombre: 'Sergio Sistemas',
    password: 'temporal1',
    rol: 'AREA',
    area: 'SISTEMAS',
  })
  await api('POST', '/api/auth/users', {
    email: 'rosa@example.com',
    nombre: 'Rosa Recursos',
    password: 'temporal1',
    rol: 'AREA',
    area: 'RRHH',
  })
  const asuntos = [
    ['No puedo enviar correos', 'ALTA'],
    ['El ERP no abre', 'CRITICA'],
    ['Alta de un empleado nuevo', 'MEDIA'],
    ['La impresora de la 2.ª planta no imprime', 'BAJA'],
    ['Factura duplicada', 'MEDIA'],
    ['Sin acceso a la VPN', 'ALTA'],
  ] as const
  const tickets: Array<{ id: string; codigo: string }> = []
  for (const [asunto, prioridad] of asuntos)
    tickets.push(
      await api('POST', '/api/tickets/crear', {
        asunto,
        descripcion: `${asunto}: desde esta mañana. Adjunto los detalles que tengo.`,
        nombre: 'Lucía Gómez',
        email: 'lucia@example.com',
        prioridad,
      }),
    )
  type Seeded = { id: string; codigo: string }
  const [correo, erp, alta, , factura, vpn] = tickets as [Seeded, Seeded, Seeded, Seeded, Seeded, Seeded]
  await api('POST', `/api/tickets/${correo.id}/asignar`, {
    agenteId: mesa.user_id,
    motivo: 'Lo toma la mesa',
  })
  await api('POST', `/api/tickets/${correo.id}/actualizar`, {
    estado: 'EN_PROCESO',
    prioridad: 'ALTA',
    area: 'MESA',
    respuesta: 'Estamos revisando su buzón; le escribimos en cuanto esté resuelto.',
  })
  await api('POST', `/api/tickets/${erp.id}/transferir`, {
    nuevaArea: 'SISTEMAS',
    agenteId: area.user_id,
    motivo: 'Es del ERP',
  })
  await api('POST', `/api/tickets/${alta.id}/transferir`, { nuevaArea: 'RRHH', motivo: 'Altas de personal' })
  await api('POST', `/api/tickets/${factura.id}/transferir`, {
    nuevaArea: 'FACTURACION',
    motivo: 'Facturas',
  })
  await api('POST', `/api/tickets/${vpn.id}/asignar`, { agenteId: mesa.user_id, motivo: 'Lo toma la mesa' })
  await api('POST', `/api/tickets/${vpn.id}/actualizar`, {
    estado: 'EN_PROCESO',
    prioridad: 'ALTA',
    area: 'MESA',
    respuesta: 'Revisando.',
  })
  await api('POST', `/api/tickets/${vpn.id}/actualizar`, {
    estado: 'RESUELTO',
    prioridad: 'ALTA',
    area: 'MESA',
    respuesta: 'Hemos renovado su certificado de la VPN.',
  })

  const browser = await playwright.chromium.launch({
    executablePath: await chromium.executablePath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    headless: true,
  })
  rmSync(OUT, { recursive: true, force: true })
  mkdirSync(OUT, { recursive: true })
  const shots: Array<[string, (page: Page) => Promise<unknown>]> = [
    ['portal-crear', (p) => p.goto('/')],
    [
      'portal-consultar',
      async (p) => {
        await p.goto(`/consultar?codigo=${correo.codigo}`)
        await p.getByLabel('Email').fill('lucia@example.com')
        await p.getByRole('button', { name: 'Consultar' }).click()
        await p.locator('#estado-ticket').waitFor()
      },
    ],
    ['consola-tablero', (p) => p.goto('/app')],
    ['consola-ticket', (p) => p.goto(`/app/tickets/${correo.id}`)],
    ['consola-usuarios', (p) => p.goto('/app/usuarios')],
    ['consola-estadisticas', (p) => p.goto('/app/estadisticas')],
  ]
  for (const width of WIDTHS) {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'es-ES',
      viewport: { width, height: 800 },
    })
    const page = await context.newPage()
    await page.goto('/app/login')
    await page.getByLabel('Email').fill(ADMIN_EMAIL)
    await page.getByLabel('Contraseña', { exact: true }).fill(ADMIN_PASSWORD)
    await page.getByRole('button', { name: 'Entrar' }).click()
    await page.waitForURL(/\/app$/)
    for (const [name, reach] of shots) {
      await reach(page)
      const file = join(OUT, `${name}-${width}.png`)
      await page.screenshot({ path: file, fullPage: true })
      console.log(`wrote ${file}`)
    }
    await context.close()
  }
  await browser.close()
} finally {
  server.child.kill('SIGTERM')
  await server.exited
  rmSync(dir, { recursive: true, force: true })
}
