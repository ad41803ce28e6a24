import t from 'tap'
import { browserHarness } from '../support/browser.ts'

const EVIL = '<script>alert(1)</script><img src=x onerror=alert(1)>'

t.test('requester and staff in a real browser', async (t) => {
  const h = await browserHarness(t)
  const mesa = await h.createUser('MESA')

  async function fileTicket(javaScriptEnabled: boolean, asunto: string) {
    const { page, dialogs } = await h.open({ javaScriptEnabled })
    await page.goto('/')
    await page.getByLabel('Asunto').fill(asunto)
    await page.getByLabel('Descripción').fill(`Descripción: ${EVIL}`)
    await page.getByLabel('Nombre').fill('Lucía Gómez')
    await page.getByLabel('Email').fill('lucia@example.com')
    await page.getByRole('button', { name: 'Enviar ticket' }).click()
    await page.waitForURL(/\/creado\?codigo=/)
    const codigo = (await page.locator('#codigo').textContent())!.trim()
    t.match(codigo, /^TK-[0-9A-Z]{6}$/, 'the code is shown')
    await page.getByRole('link', { name: 'Consultar el estado de este ticket' }).click()
    t.equal(await page.getByLabel('Código').inputValue(), codigo, 'the status page has the code filled in')
    await page.getByLabel('Email').fill('lucia@example.com')
    await page.getByRole('button', { name: 'Consultar' }).click()
    await page.locator('#estado-ticket').waitFor()
    t.match(await page.locator('#estado-ticket').innerText(), 'Abierto')
    return { page, dialogs, codigo }
  }

  for (const javaScriptEnabled of [true, false]) {
    t.test(`the requester journey, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async (t) => {
      const asunto = `Sin correo ${javaScriptEnabled ? 'A' : 'B'} ${EVIL}`
      const requester = await fileTicket(javaScriptEnabled, asunto)
      t.match(await requester.page.locator('#estado-ticket h2').innerText(), asunto, 'markup shown as text')

      // Staff answer in the console, with an internal motive the requester must never see.
      const { page, dialogs } = await h.open()
      await page.goto('/app')
      await page.waitForURL(/\/app\/login\?volver=/)
      await h.login(page, mesa.email, mesa.password)
      if (page.url().includes('/app/password')) {
        await page.getByLabel('Contraseña actual').fill(mesa.password)
        await page.getByLabel('Contraseña nueva (al menos 6 caracteres)').fill('definitiva1')
        await page.getByLabel('Repita la contraseña nueva').fill('definitiva1')
        await page.getByRole('button', { name: 'Cambiar la contraseña' }).click()
        mesa.password = 'definitiva1'
      }
      await page.waitForURL(/\/app$/)
      await page.getByRole('link', { name: requester.codigo }).click()
      await page.waitForURL(/\/app\/tickets\//)
      t.equal(await page.locator('#asunto').innerText(), asunto, 'the console shows the markup as text')
      await page
        .locator('#op-asignar select[name="agenteId"]')
        .selectOption({ label: `${mesa.nombre} (Mesa de ayuda)` })
      await page.locator('#op-asignar textarea[name="motivo"]').fill('MOTIVO-INTERNO-SECRETO')
      await page.locator('#op-asignar button[type="submit"]').click()
      await page.waitForURL(/hecho=asignar/)
      await page.locator('#op-actualizar select[name="estado"]').selectOption('EN_PROCESO')
      await page.locator('#op-actualizar textarea[name="respuesta"]').fill(`Estamos revisándolo ${EVIL}`)
      await page.locator('#op-actualizar button[type="submit"]').click()
      await page.waitForURL(/hecho=actualizar/)
      t.match(await page.locator('#respuestas').innerText(), `Estamos revisándolo ${EVIL}`)
      t.match(await page.locator('#historial').innerText(), 'MOTIVO-INTERNO-SECRETO', 'staff see the motive')

      await requester.page.reload()
      // A reload re-posts the lookup form; ask again to be explicit.
      await requester.page.goto(`/consultar?codigo=${requester.codigo}`)
      await requester.page.getByLabel('Email').fill('lucia@example.com')
      await requester.page.getByRole('button', { name: 'Consultar' }).click()
      const view = await requester.page.locator('#estado-ticket').innerText()
      t.match(view, 'En proceso')
      t.match(view, `Estamos revisándolo ${EVIL}`, 'the requester sees the public response, as text')
      t.notMatch(view, 'MOTIVO-INTERNO-SECRETO', 'and never the internal motive')
      t.notMatch(await requester.page.content(), 'MOTIVO-INTERNO-SECRETO')
      t.same(requester.dialogs, [], 'no script ran on the public pages')
      t.same(dialogs, [], 'nor in the console')
      t.equal(await requester.page.locator('img[src="x"]').count(), 0, 'no injected element')
    })
  }

  t.test('session cookie flags, logout, and a cross-site post refused', async (t) => {
    const { context, page } = await h.open()
    await h.login(page, mesa.email, mesa.password)
    await page.waitForURL(/\/app$/)
    const session = (await context.cookies()).find((cookie) => cookie.name === 'mesa_sesion')
    t.ok(session, 'a session cookie')
    t.equal(session?.httpOnly, true, 'httpOnly')
    t.equal(session?.sameSite, 'Lax', 'SameSite=Lax')
    t.equal(session?.secure, false, 'not Secure outside production')
    t.equal(
      await page.evaluate(() =>
        (globalThis as unknown as { document: { cookie: string } }).document.cookie.includes('mesa_sesion'),
      ),
      false,
      'scripts cannot read it',
    )

    // Another site's page posting a form to us: no CSRF token, and our cookies stay home.
    const other = await context.newPage()
    await other.goto('about:blank')
    await other.setContent(
      `<form method="post" action="${h.url}/crear"><input name="asunto" value="Falso"><input name="descripcion" value="Falsificado desde otro sitio"><input name="nombre" value="Mal"><input name="email" value="mal@example.com"><button>ir</button></form>`,
    )
    const [response] = await Promise.all([other.waitForNavigation(), other.click('button')])
    t.equal(response?.status(), 403, 'refused')
    t.match(await other.locator('main').innerText(), 'El formulario caducó')
    const list = await h.api('GET', '/api/tickets/dashboard?q=Falso', undefined, h.adminToken)
    t.equal(list.json.total, 0, 'nothing created')

    // That refusal page gave this browser a new CSRF secret (the cross-site request carried none),
    // so forms rendered before it are stale: reload, as the page tells a person to.
    await page.reload()
    await page.getByRole('button', { name: 'Salir' }).click()
    await page.waitForURL(/\/app\/login$/)
    t.notOk(
      (await context.cookies()).some((cookie) => cookie.name === 'mesa_sesion'),
      'logout clears the cookie',
    )
    await page.goto('/app')
    await page.waitForURL(/\/app\/login\?volver=%2Fapp/)
    t.pass('the console asks for a login again')
  })
})
