import t from 'tap'
import type { Page } from 'playwright-core'
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/app.ts'
import { horizontalOverflow, seriousViolations } from '../support/axe.ts'
import { browserHarness } from '../support/browser.ts'

/**
 * Every page in a real browser: axe-core finds no serious or critical violation, and at 360 px
 * and 1280 px nothing scrolls sideways.
 */
t.test('accessibility and layout of every page', async (t) => {
  const h = await browserHarness(t)
  const mesa = await h.createUser('MESA')
  const long = 'Una-palabra-muy-larga-sin-espacios-que-podria-desbordar-la-pantalla-del-movil'
  const created = await h.api('POST', '/api/tickets/crear', {
    asunto: `La impresora no imprime ${long}`,
    descripcion: `Sale una hoja en blanco ${long}`,
    nombre: 'Pedro Pérez',
    email: 'pedro@example.com',
  })
  const ticketId = created.json.id as string
  const codigo = created.json.codigo as string
  const assigned = await h.api(
    'POST',
    `/api/tickets/${ticketId}/asignar`,
    { agenteId: mesa.id, motivo: 'Lo tomo' },
    h.adminToken,
  )
  const answered = await h.api(
    'POST',
    `/api/tickets/${ticketId}/actualizar`,
    { estado: 'EN_PROCESO', prioridad: 'MEDIA', area: 'MESA', respuesta: `Lo estamos mirando ${long}` },
    h.adminToken,
  )
  t.same([assigned.status, answered.status], [200, 200], 'the ticket has an agent and a public response')

  /** The pages, each reached as a person would (some are the answer to a form). */
  const pages: Array<{ name: string; staff: boolean; reach(page: Page): Promise<unknown> }> = [
    { name: 'public crear', staff: false, reach: (p) => p.goto('/') },
    {
      name: 'public crear with errors',
      staff: false,
      reach: async (p) => {
        await p.goto('/')
        await p.getByRole('button', { name: 'Enviar ticket' }).click()
        await p.locator('.error-campo').first().waitFor()
      },
    },
    { name: 'public creado', staff: false, reach: (p) => p.goto(`/creado?codigo=${codigo}`) },
    {
      name: 'public consultar result',
      staff: false,
      reach: async (p) => {
        await p.goto(`/consultar?codigo=${codigo}`)
        await p.getByLabel('Email').fill('pedro@example.com')
        await p.getByRole('button', { name: 'Consultar' }).click()
        await p.locator('#estado-ticket').waitFor()
      },
    },
    { name: 'console login', staff: false, reach: (p) => p.goto('/app/login') },
    { name: 'tablero', staff: true, reach: (p) => p.goto('/app') },
    { name: 'ticket', staff: true, reach: (p) => p.goto(`/app/tickets/${ticketId}`) },
    { name: 'usuarios', staff: true, reach: (p) => p.goto('/app/usuarios') },
    { name: 'usuario', staff: true, reach: (p) => p.goto(`/app/usuarios/${mesa.id}`) },
    { name: 'usuario nuevo', staff: true, reach: (p) => p.goto('/app/usuarios/nuevo') },
    { name: 'usuario eliminar', staff: true, reach: (p) => p.goto(`/app/usuarios/${mesa.id}/eliminar`) },
    { name: 'estadísticas', staff: true, reach: (p) => p.goto('/app/estadisticas') },
    { name: 'password change', staff: true, reach: (p) => p.goto('/app/password') },
  ]

  // axe is injected as an inline script: this context alone bypasses the CSP.
  const { page } = await h.open({ bypassCSP: true, viewport: { width: 1280, height: 800 } })
  let signedIn = false
  for (const entry of pages) {
    if (entry.staff && !signedIn) {
      await h.login(page, ADMIN_EMAIL, ADMIN_PASSWORD)
      signedIn = true
    }
    await entry.reach(page)
    const violations = await seriousViolations(page)
    t.same(violations, [], `axe: no serious or critical violations on ${entry.name}`)
  }
  // The check itself can fail: an image without alt text is a critical violation.
  await page.evaluate(() => {
    const document = (globalThis as any).document
    document.querySelector('main').append(document.createElement('img'))
  })
  t.match(
    (await seriousViolations(page)).map((v) => v.id),
    ['image-alt'],
    'axe does report a planted violation',
  )

  for (const width of [360, 1280]) {
    // bypassCSP for axe at 360 px too (narrow screens add scrolling regions of their own).
    const { page } = await h.open({ bypassCSP: true, viewport: { width, height: 800 } })
    let signedIn = false
    for (const entry of pages) {
      if (entry.staff && !signedIn) {
        await h.login(page, ADMIN_EMAIL, ADMIN_PASSWORD)
        signedIn = true
      }
      await entry.reach(page)
      if (width === 360)
        t.same(await seriousViolations(page), [], `axe at 360 px: nothing serious on ${entry.name}`)
      const { scrollWidth, innerWidth } = await horizontalOverflow(page)
      t.ok(
        scrollWidth <= innerWidth,
        `${entry.name} at ${width} px: no horizontal scroll (${scrollWidth} ≤ ${innerWidth})`,
      )
    }
  }
})
