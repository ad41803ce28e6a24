import t from 'tap'
import type { Page } from 'playwright-core'
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/app.ts'
import { browserHarness } from '../support/browser.ts'

t.test('the admin manages users and reads the statistics in a real browser', async (t) => {
  const h = await browserHarness(t)
  const { page, dialogs } = await h.open()
  await page.goto('/app/usuarios')
  await page.waitForURL(/\/app\/login\?volver=%2Fapp%2Fusuarios/)
  await h.login(page, ADMIN_EMAIL, ADMIN_PASSWORD)
  await page.waitForURL(/\/app\/usuarios$/)

  async function createUser(p: Page, fields: { nombre: string; email: string; rol: string; area?: string }) {
    await p.goto('/app/usuarios')
    await p.getByRole('link', { name: 'Crear un usuario' }).click()
    await p.getByLabel('Nombre', { exact: true }).fill(fields.nombre)
    await p.getByLabel('Email').fill(fields.email)
    await p.getByLabel('Rol', { exact: true }).selectOption(fields.rol)
    if (fields.area) await p.getByLabel('Área (obligatoria para el rol Área)').selectOption(fields.area)
    await p.getByLabel(/Contraseña temporal/).fill('temporal1')
    await p.getByRole('button', { name: 'Crear el usuario' }).click()
    await p.waitForURL(/\/app\/usuarios\/[^/?]+\?hecho=creado/)
    return p.url().split('?')[0]!
  }

  // A MESA user without an área is fine; an AREA user without one is told next to the field.
  const mesaUrl = await createUser(page, { nombre: 'Marta Mesa', email: 'marta@example.com', rol: 'MESA' })
  t.match(await page.locator('[role="status"]').innerText(), 'Usuario creado')
  await page.goto('/app/usuarios/nuevo')
  await page.getByLabel('Nombre', { exact: true }).fill('Sin Área')
  await page.getByLabel('Email').fill('sinarea@example.com')
  await page.getByLabel('Rol', { exact: true }).selectOption('AREA')
  await page.getByLabel(/Contraseña temporal/).fill('temporal1')
  await page.getByRole('button', { name: 'Crear el usuario' }).click()
  t.match(await page.locator('#e-area').innerText(), 'obligatoria', 'the área rule next to the field')
  const areaUrl = await createUser(page, {
    nombre: 'Sergio Sistemas',
    email: 'sergio@example.com',
    rol: 'AREA',
    area: 'SISTEMAS',
  })
  t.match(await page.locator('#u-rol').innerText(), 'SISTEMAS')

  // The list, filtered in the URL.
  await page.goto('/app/usuarios')
  await page.getByLabel('Rol', { exact: true }).selectOption('AREA')
  await page.getByRole('button', { name: 'Filtrar' }).click()
  await page.waitForURL(/rol=AREA/)
  t.equal(await page.locator('#usuarios tbody tr').count(), 1)
  t.match(await page.locator('#usuarios').innerText(), 'Sergio Sistemas')

  // Marta's first login forces a change; then an admin reset forces another.
  const marta = await h.open()
  await h.login(marta.page, 'marta@example.com', 'temporal1')
  await marta.page.waitForURL(/\/app\/password/)
  await marta.page.getByLabel('Contraseña actual').fill('temporal1')
  await marta.page.getByLabel('Contraseña nueva (al menos 6 caracteres)').fill('definitiva1')
  await marta.page.getByLabel('Repita la contraseña nueva').fill('definitiva1')
  await marta.page.getByRole('button', { name: 'Cambiar la contraseña' }).click()
  await marta.page.waitForURL(/\/app$/)
  t.notMatch(await marta.page.locator('header nav').innerText(), 'Usuarios', 'MESA has no Usuarios entry')
  const refused = await marta.page.goto('/app/usuarios')
  t.equal(refused?.status(), 403, 'and typing the URL is refused')

  await page.goto(mesaUrl)
  await page.locator('#form-password').getByLabel('Contraseña temporal').fill('reinicio1')
  await page.locator('#form-password').getByRole('button', { name: 'Restablecer' }).click()
  await page.waitForURL(/hecho=password/)
  t.match(await page.locator('#u-estado').innerText(), 'debe cambiar la contraseña')
  const next = await marta.page.goto('/app')
  t.match(next!.url(), /\/app\/login/, 'the reset ended her session on the next page')
  await h.login(marta.page, 'marta@example.com', 'reinicio1')
  await marta.page.waitForURL(/\/app\/password/)
  t.pass('and the reset password must be changed')

  // Deactivate and reactivate.
  await page.goto(areaUrl)
  await page.getByRole('button', { name: 'Desactivar la cuenta' }).click()
  await page.waitForURL(/hecho=desactivado/)
  t.match(await page.locator('#u-estado').innerText(), 'Inactivo')
  const sergio = await h.open()
  await h.login(sergio.page, 'sergio@example.com', 'temporal1')
  t.match(
    await sergio.page.locator('[role="alert"]').innerText(),
    'desactivada',
    'an inactive user cannot sign in',
  )
  await page.getByRole('button', { name: 'Reactivar la cuenta' }).click()
  await page.waitForURL(/hecho=reactivado/)
  t.match(await page.locator('#u-estado').innerText(), 'Activo')

  // The last active admin.
  await page.goto('/app/usuarios?rol=ADMIN')
  await page.locator('#usuarios tbody a').first().click()
  await page.getByRole('button', { name: 'Desactivar la cuenta' }).click()
  t.match(
    await page.locator('#activo-error').innerText(),
    /No se puede desactivar al último ADMIN activo\. Debe quedar al menos una cuenta de administración activa/,
  )
  t.match(await page.locator('#u-estado').innerText(), 'Activo', 'still active')

  // Delete, with a confirmation step.
  await page.goto(areaUrl)
  await page.getByRole('link', { name: 'Eliminar este usuario…' }).click()
  t.match(await page.locator('h1').innerText(), '¿Eliminar a Sergio Sistemas?')
  await page.getByRole('button', { name: 'Eliminar definitivamente' }).click()
  t.match(
    await page.locator('[role="alert"]').innerText(),
    'Marque la casilla',
    'nothing deleted unconfirmed',
  )
  await page.getByLabel('Sí, quiero eliminar este usuario').check()
  await page.getByRole('button', { name: 'Eliminar definitivamente' }).click()
  await page.waitForURL(/\/app\/usuarios\?hecho=eliminado/)
  t.notMatch(await page.locator('main').innerText(), 'Sergio Sistemas')
  t.equal((await page.goto(areaUrl))?.status(), 404)

  // Statistics on a small seeded set: 3 tickets, 2 moved to SISTEMAS, 1 cancelled.
  const ids: string[] = []
  for (let i = 0; i < 3; i++)
    ids.push(
      (
        await h.api('POST', '/api/tickets/crear', {
          asunto: `Sin red <b>${i}</b>`,
          descripcion: 'No hay conexión',
          nombre: 'Pedro',
          email: 'pedro@example.com',
          prioridad: i === 0 ? 'ALTA' : undefined,
        })
      ).json.id,
    )
  for (const id of ids.slice(0, 2))
    await h.api(
      'POST',
      `/api/tickets/${id}/transferir`,
      { nuevaArea: 'SISTEMAS', motivo: 'Red' },
      h.adminToken,
    )
  await h.api('POST', `/api/tickets/${ids[2]}/cancelar`, { motivo: 'Duplicado', rol: 'AGENTE' }, h.adminToken)
  await page.goto('/app')
  await page.getByRole('link', { name: 'Estadísticas' }).click()
  await page.waitForURL(/\/app\/estadisticas/)
  t.equal(await page.locator('#total').innerText(), '3')
  const segments = async (chart: string) =>
    (
      await page
        .locator(`svg#${chart} rect[data-valor]`)
        .evaluateAll((rects) =>
          rects.map((r) => `${r.getAttribute('data-serie')}=${r.getAttribute('data-valor')}`),
        )
    ).sort()
  t.same(await segments('g-area'), ['MESA=1', 'SISTEMAS=2'], 'per área over time')
  t.same(await segments('g-estado'), ['ABIERTO=2', 'CANCELADO=1'], 'per estado over time')
  t.equal(
    await page.locator('svg#g-sla rect[data-valor]').count(),
    0,
    'no SLA clock decided yet: no compliance bars',
  )
  t.match(await page.locator('svg#g-sla').textContent(), 'Primera respuesta: sin datos')
  t.equal(await page.locator('svg#g-estado > title').textContent(), 'Tickets creados por día, por estado')
  t.match(await page.locator('svg#g-estado > desc').textContent(), '3 tickets en total')
  await page.locator('#g-area-h').locator('..').getByText('Ver los datos en una tabla').click()
  t.match(
    await page.locator('#g-area-h').locator('..').locator('table').innerText(),
    /MESA\s+SISTEMAS\s+Total[\s\S]*1\s+2\s+3/,
  )
  await page.getByLabel('Desde', { exact: true }).fill('2020-01-01')
  await page.getByLabel('Hasta (incluido)').fill('2020-01-31')
  await page.getByRole('button', { name: 'Ver' }).click()
  await page.waitForURL(/desde=2020-01-01&hasta=2020-01-31/)
  t.equal(await page.locator('#total').innerText(), '0', 'the range lives in the URL')
  t.same(dialogs, [])
})
