import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { startServer } from './support/server-process.ts'
import { tempDir } from './support/temp.ts'

/** The README's curl walkthrough, run exactly as written against a real server. */
t.test('the README walkthrough works line by line', async (t) => {
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8')
  const block = /<!-- walkthrough:start -->\n```sh\n([\s\S]*?)```\n<!-- walkthrough:end -->/.exec(readme)?.[1]
  t.ok(block, 'the walkthrough block is in the README')
  const which = spawnSync('sh', ['-c', 'command -v curl && command -v jq'])
  if (which.status !== 0) {
    t.ok(true, 'needs curl and jq', { skip: 'curl or jq not installed' })
    return
  }
  const server = await startServer({
    DATA_DIR: tempDir(t),
    ADMIN_EMAIL: 'admin@example.com',
    ADMIN_PASSWORD: 'cambiame123',
    PASSWORD_MEMORY_KIB: '1024',
  })
  t.teardown(() => server.child.kill('SIGKILL'))
  const run = spawnSync('bash', ['-euo', 'pipefail', '-c', block!], {
    env: { ...process.env, BASE: server.url },
    encoding: 'utf8',
    timeout: 60_000,
  })
  t.equal(run.status, 0, run.stderr)
  const lines = run.stdout.trim().split('\n')
  t.match(lines[0], /^TK-[0-9A-Z]{6}$/)
  for (const expected of [
    '"ABIERTO"',
    '"ASIGNADO"',
    '"INFRAESTRUCTURA"',
    '"EN_PROCESO"',
    '"PAUSADO"',
    '"RESUELTO"',
    '"CERRADO"',
    '"ARCHIVADO"',
    '"CANCELADO"',
  ]) {
    t.ok(lines.includes(expected), `prints ${expected}`)
  }
  t.match(run.stdout, /0 TicketCreado Pedro Pérez/)
  t.match(run.stdout, /TicketArchivado Marta Mesa/)
})
