import { join } from 'node:path'
import Database from 'better-sqlite3'
import t from 'tap'
import { buildApp } from '../src/http/app.ts'
import { searchPlan } from '../src/projections/tickets/search.ts'
import { TICKETS_READ_MODEL } from '../src/projections/tickets/schema.ts'
import { adminTokenOf, bearer, testApp, testConfig } from './support/app.ts'

/**
 * The dashboard's text search (`q`) through the HTTP API on the real embedded store and SQLite
 * read models: words and prefixes with case and accents folded, ticket codes and requester
 * e-mails, combined with the other filters, area scoping and keyset pages.
 */

type Harness = Awaited<ReturnType<typeof testApp>>

async function search(h: Harness, query: string, token = h.adminToken) {
  const response = await h.inject({
    method: 'GET',
    url: `/api/tickets/dashboard?${query}`,
    headers: bearer(token),
  })
  if (response.statusCode !== 200)
    throw new Error(`dashboard ${query}: ${response.statusCode} ${response.body}`)
  return response.json() as {
    items: Array<{ id: string; codigo: string; asunto: string; area: string; estado: string }>
    total: number
    nextCursor: string | null
    resumen: Record<string, number>
  }
}

const asuntos = (page: { items: Array<{ asunto: string }> }) => page.items.map((item) => item.asunto).sort()

async function seeded(t: Parameters<typeof testApp>[0]) {
  const h = await testApp(t)
  const tickets: Record<string, { id: string; codigo: string }> = {}
  const crear = async (key: string, body: Record<string, unknown>) => (tickets[key] = await h.ticket(body))
  await crear('camara', {
    asunto: 'La cámara no enciende',
    nombre: 'Íñigo Muñoz',
    email: 'inigo.munoz@example.com',
    area: 'SISTEMAS',
  })
  await crear('camaraSinTilde', {
    asunto: 'Camara del aula rota',
    nombre: 'Ana Gómez',
    email: 'ana@example.com',
    area: 'MESA',
  })
  await crear('impresora', {
    asunto: 'La impresora no imprime',
    nombre: 'Pedro Pérez',
    email: 'Pedro.Perez@Example.com',
    area: 'SISTEMAS',
  })
  await crear('impresora2', {
    asunto: 'Impresora sin tóner',
    nombre: 'Pedro Pérez',
    email: 'pedro.perez@example.com',
    area: 'MESA',
  })
  await crear('otroPedro', {
    asunto: 'Sin acceso a la VPN',
    nombre: 'Pedro Pérez',
    email: 'pedro.perez2@example.com',
    area: 'SISTEMAS',
  })
  return { h, tickets }
}

t.test('a word of the asunto, in any case, with or without accents', async (t) => {
  const { h } = await seeded(t)
  t.same(asuntos(await search(h, 'q=camara')), ['Camara del aula rota', 'La cámara no enciende'])
  t.same(asuntos(await search(h, `q=${encodeURIComponent('CÁMARA')}`)), [
    'Camara del aula rota',
    'La cámara no enciende',
  ])
  t.same(asuntos(await search(h, `q=${encodeURIComponent('cámara')}`)), [
    'Camara del aula rota',
    'La cámara no enciende',
  ])
  t.same(asuntos(await search(h, 'q=toner')), ['Impresora sin tóner'], 'tóner found as toner')
  t.same(
    asuntos(await search(h, `q=${encodeURIComponent('Inigo MUNOZ')}`)),
    ['La cámara no enciende'],
    'requester name, ñ folded to n',
  )
  t.same(
    asuntos(await search(h, `q=${encodeURIComponent('enciende cámara')}`)),
    ['La cámara no enciende'],
    'every word must match, in any order',
  )
  t.equal((await search(h, 'q=camara%20vpn')).total, 0, 'words are ANDed')
})

t.test('a prefix of a word; not the middle of one', async (t) => {
  const { h } = await seeded(t)
  t.same(asuntos(await search(h, 'q=impres')), ['Impresora sin tóner', 'La impresora no imprime'])
  t.same(
    asuntos(await search(h, 'q=IMPR')),
    ['Impresora sin tóner', 'La impresora no imprime'],
    'impresora and imprime: each ticket once',
  )
  t.equal((await search(h, 'q=presora')).total, 0, 'not an infix')
  t.same(asuntos(await search(h, 'q=ped%20per')), [
    'Impresora sin tóner',
    'La impresora no imprime',
    'Sin acceso a la VPN',
  ])
  t.equal((await search(h, `q=${encodeURIComponent('%%_')}`)).total, 0, 'no letter or digit: no match')
})

t.test('a ticket code, in any case, finds that ticket', async (t) => {
  const { h, tickets } = await seeded(t)
  const { codigo, id } = tickets.impresora!
  for (const q of [codigo, codigo.toLowerCase(), ` ${codigo} `]) {
    const page = await search(h, `q=${encodeURIComponent(q)}`)
    t.same(
      page.items.map((item) => item.id),
      [id],
      `q=${JSON.stringify(q)}`,
    )
    t.equal(page.total, 1)
  }
  t.same(
    (await search(h, `q=${codigo.slice(0, 6)}`)).items.map((item) => item.codigo),
    [codigo],
    'a prefix of the code is a word prefix',
  )
  t.equal((await search(h, `q=${codigo}&area=MESA`)).total, 0, 'combined with the other filters')
})

t.test('a requester e-mail finds that requester, case-insensitively, and only them', async (t) => {
  const { h, tickets } = await seeded(t)
  const page = await search(h, `q=${encodeURIComponent('PEDRO.PEREZ@example.COM')}`)
  t.same(page.items.map((item) => item.id).sort(), [tickets.impresora!.id, tickets.impresora2!.id].sort())
  t.equal(page.total, 2, 'not pedro.perez2@example.com')
  t.same(
    (await search(h, `q=${encodeURIComponent('pedro.perez2@example.com')}`)).items.map((item) => item.id),
    [tickets.otroPedro!.id],
  )
  t.equal((await search(h, `q=${encodeURIComponent('nadie@example.com')}`)).total, 0)
})

t.test('q with the other filters, area scoping, resumen and keyset pages', async (t) => {
  const { h, tickets } = await seeded(t)
  const area = await h.user('AREA', 'SISTEMAS')
  t.same(
    asuntos(await search(h, 'q=pedro', area.token)),
    ['La impresora no imprime', 'Sin acceso a la VPN'],
    'an AREA user finds only their area',
  )
  t.same(asuntos(await search(h, 'q=camara', area.token)), ['La cámara no enciende'])
  const estadoOf = (page: Awaited<ReturnType<typeof search>>) =>
    page.items.find((item) => item.id === tickets.impresora!.id)?.estado
  t.equal(estadoOf(await search(h, 'q=pedro')), 'ABIERTO')
  t.equal(estadoOf(await search(h, 'q=pedro')), 'ABIERTO', 'the same page again (kept until a change)')
  const pausa = await h.op(h.adminToken, tickets.impresora!.id, 'pausar', { motivo: 'Esperando' })
  t.equal(pausa.statusCode, 200)
  t.equal(estadoOf(await search(h, 'q=pedro')), 'PAUSADO', 'the same query after a change: read again')
  const paused = await search(h, 'q=pedro&estado=PAUSADO')
  t.same(
    paused.items.map((item) => item.id),
    [tickets.impresora!.id],
    'read-your-writes: the change shows at once',
  )
  t.same(paused.resumen, { ABIERTO: 2, PAUSADO: 1 }, 'resumen of the matches, whatever the estado filter')
  t.equal(paused.total, 1)

  const all = await search(h, 'q=pedro&limit=200&orden=antiguos')
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const page: Awaited<ReturnType<typeof search>> = await search(
      h,
      `q=pedro&limit=1&orden=antiguos${cursor ? `&cursor=${cursor}` : ''}`,
    )
    t.equal(page.total, 3)
    seen.push(...page.items.map((item) => item.id))
    cursor = page.nextCursor
  } while (cursor)
  t.same(
    seen,
    all.items.map((item) => item.id),
    'one page at a time: every match once, in the order of the sort',
  )
  t.equal(seen.length, 3)
})

t.test('the counts of a search follow every change after the first search', async (t) => {
  // The first search loads the in-memory facets the counts come from; every later change of a
  // ticket's area, prioridad, estado or archivado must show in the next search's counts.
  const { h, tickets } = await seeded(t)
  const sistemas = await h.user('AREA', 'SISTEMAS')
  const ok = async (id: string, operation: string, body: Record<string, unknown>) =>
    t.equal((await h.op(h.adminToken, id, operation, body)).statusCode, 200, operation)
  t.same((await search(h, 'q=pedro')).resumen, { ABIERTO: 3 })
  t.equal((await search(h, 'q=pedro', sistemas.token)).total, 2)
  t.equal((await search(h, 'q=pedro&prioridad=ALTA')).total, 0)

  await ok(tickets.impresora2!.id, 'transferir', { nuevaArea: 'SISTEMAS', motivo: 'Es de sistemas' })
  t.equal((await search(h, 'q=pedro', sistemas.token)).total, 3, 'a transfer into the area counts there')
  t.equal((await search(h, 'q=pedro&area=MESA')).total, 0, 'and no longer in the area it left')

  await ok(tickets.otroPedro!.id, 'reclasificar', {
    nuevaPrioridad: 'ALTA',
    nuevaCategoria: 'Red',
    motivo: 'Urgente',
  })
  t.equal((await search(h, 'q=pedro&prioridad=ALTA')).total, 1, 'a new prioridad counts at once')

  await ok(tickets.impresora!.id, 'cancelar', { motivo: 'Duplicado', rol: 'AGENTE' })
  t.same((await search(h, 'q=pedro')).resumen, { ABIERTO: 2, CANCELADO: 1 })
  await ok(tickets.impresora!.id, 'archivar', { motivo: 'Fin de año' })
  const open = await search(h, 'q=pedro')
  t.same(open.resumen, { ABIERTO: 2 }, 'an archived ticket leaves the counts')
  t.equal(open.total, 2)
  const withArchived = await search(h, 'q=pedro&incluirArchivados=true')
  t.same(withArchived.resumen, { ABIERTO: 2, ARCHIVADO: 1 }, 'unless archived tickets are asked for')
  t.same(
    (await search(h, `q=${tickets.impresora!.codigo}&incluirArchivados=true`)).resumen,
    { ARCHIVADO: 1 },
    'a code counts its ticket too',
  )
})

t.test('searchPlan: words, codes and e-mails', async (t) => {
  t.same(searchPlan('  Cámara  rota '), { match: '"Cámara"* "rota"*', codigo: null, email: null })
  t.same(searchPlan('a b'), { match: '"a" "b"', codigo: null, email: null }, 'one character: whole word')
  t.same(searchPlan('tk-00abcd'), { match: '"tk 00abcd"', codigo: 'TK-00ABCD', email: null })
  t.same(searchPlan('Ana@Example.com'), {
    match: '"Ana Example com"',
    codigo: null,
    email: 'Ana@Example.com',
  })
  t.same(
    searchPlan('"*" OR ^ -'),
    { match: '"OR"*', codigo: null, email: null },
    'FTS5 syntax is never passed on: OR is a word here',
  )
  t.same(searchPlan('%%_'), { match: null, codigo: null, email: null })
  t.same(
    searchPlan('ca\u0301mara').match,
    '"cámara"*',
    'decomposed accents are composed first (NFC), as the indexed text is',
  )
})

t.test('a read-model file of an older schema version is rebuilt from the log on start', async (t) => {
  const first = await testApp(t)
  const { codigo } = await first.ticket({ asunto: 'La cámara no enciende' })
  const admin = (await search(first, 'q=camara')).items
  t.equal(admin.length, 1)
  await first.app.close()

  // What a file of version 1 looked like: no versions table, the trigram search table.
  const path = join(first.dir, 'readmodels.db')
  const old = new Database(path)
  old.exec(`DROP TABLE esquema_versiones;
    DROP TABLE tickets_busqueda;
    CREATE VIRTUAL TABLE tickets_busqueda USING fts5 (ticket_id UNINDEXED, texto, tokenize = 'trigram');`)
  const users = old.prepare('SELECT * FROM users ORDER BY id').all()
  const usersCheckpoint = old.prepare("SELECT position FROM checkpoints WHERE projector = 'users'").get()
  old.close()

  const app = await buildApp({ config: testConfig(first.dir), logger: false })
  t.teardown(() => app.close())
  const token = await adminTokenOf(app)
  let page: { items: Array<{ codigo: string }> } = { items: [] }
  for (let i = 0; i < 100 && page.items.length === 0; i++) {
    page = (
      await app.inject({ method: 'GET', url: '/api/tickets/dashboard?q=camara', headers: bearer(token) })
    ).json()
    if (page.items.length === 0) await new Promise((resolve) => setTimeout(resolve, 20))
  }
  t.same(
    page.items.map((item) => item.codigo),
    [codigo],
    'the tickets read model was replayed into the new tables',
  )
  const after = new Database(path, { readonly: true })
  t.same(after.prepare("SELECT version FROM esquema_versiones WHERE read_model = 'tickets'").get(), {
    version: TICKETS_READ_MODEL.version,
  })
  t.match(
    after.prepare("SELECT sql FROM sqlite_schema WHERE name = 'ticket_respuestas'").pluck().get(),
    /WITHOUT ROWID/,
    'responses are clustered by ticket (version 3)',
  )
  t.same(after.prepare('SELECT * FROM users ORDER BY id').all(), users, 'the users read model was kept')
  t.same(after.prepare("SELECT position FROM checkpoints WHERE projector = 'users'").get(), usersCheckpoint)
  after.close()
})
