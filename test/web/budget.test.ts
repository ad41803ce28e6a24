import { gzipSync } from 'node:zlib'
import t from 'tap'
import { ADMIN_EMAIL, ADMIN_PASSWORD, testApp } from '../support/app.ts'
import { webClient } from '../support/web-client.ts'

/** The budget: no required JavaScript on public pages, ≤ 30 KB gzipped per console page. */
const CONSOLE_BUDGET = 30 * 1024

const scriptsOf = (html: string) => [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!)

t.test('script budget of every page', async (t) => {
  const h = await testApp(t)
  const ticket = await h.ticket()
  const web = webClient(h)
  for (const url of ['/', '/consultar', `/creado?codigo=${ticket.codigo}`]) {
    const page = await web.get(url)
    t.equal(page.statusCode, 200, url)
    t.same(scriptsOf(page.body), [], `${url}: no script at all`)
    t.notMatch(page.body, /<script\b/, `${url}: nor an inline one`)
  }
  const pageBudget = async (url: string) => {
    const page = await web.get(url)
    t.equal(page.statusCode, 200, url)
    const scripts = scriptsOf(page.body)
    let total = 0
    for (const src of scripts) {
      t.match(src, /^\/assets\//, `${url}: ${src} is served by the app`)
      const asset = await web.get(src)
      t.equal(asset.statusCode, 200, src)
      total += gzipSync(asset.rawPayload, { level: 9 }).length
    }
    t.ok(
      total <= CONSOLE_BUDGET,
      `${url}: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KB gzipped ≤ 30 KB`,
    )
  }
  await pageBudget('/app/login')
  await web.login(ADMIN_EMAIL, ADMIN_PASSWORD)
  const users = (
    await h.inject({
      method: 'GET',
      url: '/api/auth/users',
      headers: { authorization: `Bearer ${h.adminToken}` },
    })
  ).json()
  const consolePages = [
    '/app',
    `/app/tickets/${ticket.id}`,
    '/app/usuarios',
    `/app/usuarios/${users[0].user_id}`,
    '/app/usuarios/nuevo',
    '/app/estadisticas',
    '/app/password',
  ]
  for (const url of consolePages) await pageBudget(url)
  // The check counts real bytes: the console does load htmx.
  const board = await web.get('/app')
  t.ok(scriptsOf(board.body).length > 0, 'the tablero references its scripts')
})
