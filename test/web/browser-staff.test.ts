import t from 'tap'
import type { Page } from 'playwright-core'
import { browserHarness } from '../support/browser.ts'

t.test('the staff journey in a real browser', async (t) => {
  const h = await browserHarness(t)
  const mesa = await h.createUser('MESA')
  const area = await h.createUser('AREA', 'SISTEMAS')
  const otherArea = await h.createUser('AREA', 'RRHH')
  const created = await h.api('POST', '/api/tickets/crear', {
    asunto: 'El ERP no abre',
    descripcion: 'Al abrir el ERP sale un error',
    nombre: 'Pedro Pérez',
    email: 'pedro@example.com',
  })
  const ticketId = created.json.id as string

  async function firstLogin(page: Page, user: { email: string; password: string }) {
    await page.goto(`/app/tickets/${ticketId}`)
    await page.waitForURL(/\/app\/login\?volver=/)
    await h.login(page, user.email, user.password)
    await page.waitForURL(/\/app\/password/)
    t.match(
      await page.locator('main').innerText(),
      'Debe cambiar su contraseña',
      'first login forces a change',
    )
    t.match(page.url(), /volver=%2Fapp%2Ftickets%2F/, 'remembering the page asked for')
    await page.getByLabel('Contraseña actual').fill(user.password)
    await page.getByLabel('Contraseña nueva (al menos 6 caracteres)').fill('definitiva1')
    await page.getByLabel('Repita la contraseña nueva').fill('definitiva1')
    await page.getByRole('button', { name: 'Cambiar la contraseña' }).click()
    user.password = 'definitiva1'
  }
  const operate = async (page: Page, op: string, fill: Record<string, string>) => {
    for (const [name, value] of Object.entries(fill)) {
      const field = page.locator(`#op-${op} [name="${name}"]`)
      if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption(value)
      else await field.fill(value)
    }
    await page.locator(`#op-${op} button[type="submit"]`).click()
    await page.waitForURL(new RegExp(`hecho=${op}|/app$`))
  }

  const staff = await h.open()
  await firstLogin(staff.page, mesa)
  await staff.page.waitForURL(/\/app\/tickets\//)
  t.pass('after the change, back to the page asked for')
  const menu = await staff.page.locator('header nav').innerText()
  t.match(menu, 'Tablero')
  t.notMatch(menu, 'Usuarios', 'MESA has no users page')

  await operate(staff.page, 'asignar', { agenteId: mesa.id, motivo: 'Lo toma la mesa' })
  const beforeTransfer = new Date()
  await new Promise((resolve) => setTimeout(resolve, 1100))
  await operate(staff.page, 'transferir', { nuevaArea: 'SISTEMAS', agenteId: area.id, motivo: 'Es del ERP' })
  t.equal(await staff.page.locator('#area').innerText(), 'SISTEMAS')

  const specialist = await h.open()
  await firstLogin(specialist.page, area)
  await specialist.page.waitForURL(/\/app\/tickets\//)
  t.equal(await specialist.page.locator('#agente').innerText(), area.nombre, 'the AREA user sees it')
  const board = await specialist.page.goto('/app')
  t.equal(board?.status(), 200)
  t.match(await specialist.page.locator('#resultados').innerText(), 'El ERP no abre', 'on their board too')
  await specialist.page.goto(`/app/tickets/${ticketId}`)
  await operate(specialist.page, 'actualizar', { estado: 'EN_PROCESO', respuesta: 'Estamos en ello' })
  await operate(specialist.page, 'pausar', { motivo: 'Esperando al proveedor' })
  t.equal(await specialist.page.locator('#estado').innerText(), 'Pausado')
  t.equal(
    await specialist.page.locator('#op-reabrir').count(),
    0,
    'AREA may not resume (DESIGN §4): no button',
  )
  await staff.page.goto(`/app/tickets/${ticketId}`)
  await operate(staff.page, 'reabrir', { motivo: 'El proveedor respondió' })
  t.equal(await staff.page.locator('#estado').innerText(), 'En proceso', 'MESA resumed it')
  await specialist.page.goto(`/app/tickets/${ticketId}`)
  await operate(specialist.page, 'actualizar', { estado: 'RESUELTO', respuesta: 'Resuelto: reinstalado' })
  await operate(specialist.page, 'actualizar', { estado: 'CERRADO', respuesta: 'Cerramos el ticket' })
  await operate(specialist.page, 'archivar', { motivo: 'Fin' })
  t.equal(await specialist.page.locator('#estado').innerText(), 'Archivado')
  t.equal(await specialist.page.locator('#op-actualizar').count(), 0, 'no buttons the ticket does not allow')

  const history = specialist.page.locator('#historial > li')
  const steps = await history.evaluateAll((items) =>
    items.map((item) => [item.getAttribute('data-tipo'), item.querySelector('.actor')?.textContent]),
  )
  t.same(steps, [
    ['TicketCreado', 'Pedro Pérez'],
    ['TicketAsignado', mesa.nombre],
    ['TicketTransferido', mesa.nombre],
    ['TicketActualizado', area.nombre],
    ['TicketPausado', area.nombre],
    ['TicketReanudado', mesa.nombre],
    ['TicketActualizado', area.nombre],
    ['TicketActualizado', area.nombre],
    ['TicketArchivado', area.nombre],
  ])
  t.match(await history.nth(2).innerText(), 'Área: MESA → SISTEMAS')

  // Time travel: as it was before the transfer (the picker reads the help desk's zone, UTC here).
  const second = beforeTransfer.toISOString().slice(0, 19)
  await specialist.page.getByLabel(/Ver cómo estaba el/).fill(second)
  await specialist.page.getByRole('button', { name: 'Ver', exact: true }).click()
  await specialist.page.locator('#pasado').waitFor()
  t.equal(await specialist.page.locator('#estado').innerText(), 'Asignado', 'the earlier state')
  t.equal(await specialist.page.locator('#area').innerText(), 'MESA')
  t.equal(await specialist.page.locator('form[id^="op-"]').count(), 0, 'a past state offers no operations')

  // Another area's specialist typing the URL: the same 404 page as a missing ticket.
  const stranger = await h.open()
  await firstLogin(stranger.page, otherArea)
  const hidden = await stranger.page.goto(`/app/tickets/${ticketId}`)
  const hiddenText = await stranger.page.locator('main').innerText()
  const missing = await stranger.page.goto('/app/tickets/00000000-0000-4000-8000-000000000000')
  t.equal(hidden?.status(), 404)
  t.equal(missing?.status(), 404)
  t.equal(hiddenText, await stranger.page.locator('main').innerText(), 'identical pages')
  await stranger.page.goto('/app')
  t.notMatch(await stranger.page.locator('#resultados').innerText(), 'El ERP no abre', 'nor on their board')
})

t.test('two browsers on one ticket: the stale submit is told, never applied', async (t) => {
  const h = await browserHarness(t)
  const created = await h.api('POST', '/api/tickets/crear', {
    asunto: 'Pantalla azul',
    descripcion: 'El equipo se reinicia solo',
    nombre: 'Ana',
    email: 'ana@example.com',
  })
  const url = `/app/tickets/${created.json.id}`
  const one = await h.open()
  const two = await h.open()
  for (const { page } of [one, two]) {
    await page.goto(url)
    await h.login(page, 'admin@example.com', 'admin-secreto')
    await page.waitForURL(new RegExp(url))
  }
  await one.page.locator('#op-pausar textarea').fill('Primero: pausa')
  await one.page.locator('#op-pausar button').click()
  await one.page.waitForURL(/hecho=pausar/)
  await two.page.locator('#op-reclasificar select').selectOption('ALTA')
  await two.page.locator('#op-reclasificar textarea').fill('Segundo: reclasificar')
  const [response] = await Promise.all([
    two.page.waitForNavigation(),
    two.page.locator('#op-reclasificar button').click(),
  ])
  t.equal(response?.status(), 409)
  t.match(await two.page.locator('#cambio').innerText(), 'El ticket cambió mientras lo veías')
  t.equal(await two.page.locator('#estado').innerText(), 'Pausado', 'with the new state')
  const log = await h.api('GET', `/api/tickets/${created.json.id}/historial`, undefined, h.adminToken)
  t.same(
    log.json.map((event: { tipo: string }) => event.tipo),
    ['TicketCreado', 'TicketPausado'],
    'only the first change is in the log',
  )
})
