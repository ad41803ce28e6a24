import { gzipSync } from 'node:zlib'
import t from 'tap'
import type { Page } from 'playwright-core'
import { browserHarness } from '../support/browser.ts'

/** Resolves once the page's live feed is connected (its response headers arrived). */
const feedOpened = (page: Page) =>
  page.waitForResponse((r) => new URL(r.url()).pathname === '/app/eventos' && r.status() === 200)

t.test(
  'the console updates live: the tablero picks up a new ticket, the ticket page says who changed it',
  async (t) => {
    const h = await browserHarness(t)
    const crear = (asunto: string) =>
      h.api('POST', '/api/tickets/crear', {
        asunto,
        descripcion: 'Llegó mientras mirábamos',
        nombre: 'Ana',
        email: 'ana@example.com',
      })
    const first = await crear('Ya estaba')

    const board = await h.open()
    const boardFeed = feedOpened(board.page)
    await board.page.goto('/app?orden=recientes')
    await h.login(board.page, 'admin@example.com', 'admin-secreto')
    await board.page.waitForURL(/\/app\?orden=recientes/)
    await boardFeed
    // A mark on the window: a reload would wipe it.
    await board.page.evaluate(() => ((globalThis as unknown as { marca: number }).marca = 1))

    const ticket = await h.open()
    const ticketFeed = feedOpened(ticket.page)
    await ticket.page.goto(`/app/tickets/${first.json.id}`)
    await h.login(ticket.page, 'admin@example.com', 'admin-secreto')
    await ticket.page.waitForURL(new RegExp(`/app/tickets/${first.json.id}`))
    await ticketFeed
    t.equal(await ticket.page.locator('#aviso-en-vivo').isVisible(), false, 'no notice before a change')

    // A new ticket appears on the tablero, without a reload and keeping its filters.
    const second = await crear('Recién llegado')
    await board.page.locator('#filas', { hasText: second.json.codigo }).waitFor()
    t.equal(
      await board.page.evaluate(() => (globalThis as unknown as { marca?: number }).marca),
      1,
      'not reloaded',
    )
    t.match(board.page.url(), /orden=recientes/, 'filters kept')
    t.match(await board.page.locator('#total').innerText(), '2')
    t.equal(await ticket.page.locator('#aviso-en-vivo').isVisible(), false, 'another ticket: no notice')

    // A change to the open ticket by someone else: the notice, and the tablero row updates.
    const mesa = await h.createUser('MESA')
    const mesaLogin = await h.api('POST', '/api/auth/login', { email: mesa.email, password: mesa.password })
    const fresh = await h.api(
      'POST',
      '/api/auth/password',
      { passwordActual: mesa.password, passwordNuevo: 'definitiva1' },
      mesaLogin.json.token,
    )
    const changed = await h.api(
      'POST',
      `/api/tickets/${first.json.id}/reclasificar`,
      { nuevaPrioridad: 'CRITICA', nuevaCategoria: 'Redes', motivo: 'Afecta a toda la oficina' },
      fresh.json.token,
    )
    t.equal(changed.status, 200)
    const notice = ticket.page.locator('#aviso-en-vivo')
    await notice.waitFor({ state: 'visible' })
    t.match(await notice.innerText(), `Actualizado por ${mesa.nombre} — recargue para ver los cambios`)
    t.equal(await notice.getAttribute('role'), 'status')
    const row = board.page.locator('#filas tr', { hasText: first.json.codigo })
    await row.locator('td', { hasText: 'Crítica' }).waitFor()
    t.equal(
      await board.page.evaluate(() => (globalThis as unknown as { marca?: number }).marca),
      1,
      'still not reloaded',
    )
    t.same(board.dialogs.concat(ticket.dialogs), [])

    // Public pages stay without script; the console's scripts fit the budget.
    const portal = await h.open()
    await portal.page.goto('/')
    t.equal(await portal.page.locator('script').count(), 0, 'the portal has no script')
    let gzipped = 0
    for (const asset of ['/assets/htmx.min.js', '/assets/live.js']) {
      const response = await fetch(h.url + asset)
      t.equal(response.status, 200, asset)
      gzipped += gzipSync(Buffer.from(await response.arrayBuffer())).length
    }
    t.ok(gzipped < 30 * 1024, `htmx + live.js: ${gzipped} bytes gzipped, under 30 KB`)
  },
)
