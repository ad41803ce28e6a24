import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'

/**
 * First start with no users: an ADMIN is created from ADMIN_EMAIL/ADMIN_PASSWORD (ready to use),
 * or, without them, with a random password written once to the terminal (stderr, never to the
 * log) and marked must-change. The Idempotency-Key makes two instances starting at once create one
 * admin, not two.
 */
export async function bootstrapAdmin(
  app: FastifyInstance,
  print: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<void> {
  const head = await app.store.readAll({ after: null, maxCount: 1 })
  if (head.length > 0) {
    // Something is in the log: wait until the users read model has seen all of it (up to
    // 100,000 events past where it stands). The tail is read a page at a time, keeping only its
    // last position: on a cold read model the projections now run beside the boot, and 100,000
    // events held at once were more than a small heap holds.
    let last: string | null = null
    let after = app.readModels.runner.position
    for (let read = 0; read < 100_000; read += 1_000) {
      const page = await app.store.readAll({ after, maxCount: 1_000 })
      if (page.length === 0) break
      last = after = page[page.length - 1]!.position
    }
    await app.readModels.runner.waitFor(last, 60_000)
  }
  if (app.readModels.users.userCount() > 0) return
  const { adminEmail, adminPassword } = app.config
  const generated = adminPassword === null
  const email = adminEmail ?? 'admin@mesa.local'
  const password = adminPassword ?? randomBytes(12).toString('base64url')
  const result = await app.users.crear(
    { email, nombre: 'Administrador', password, rol: 'ADMIN' },
    { actor: { id: null, rol: 'SISTEMA', nombre: 'arranque' }, idempotencyKey: 'bootstrap-admin' },
    { mustChangePassword: generated },
  )
  await app.readModels.runner.waitFor(result.position, 10_000)
  app.log.info({ userId: result.userId }, 'bootstrap ADMIN created')
  if (generated) {
    print(
      `\n  First start: created ADMIN ${email} with password ${password}\n  (shown once; it must be changed at first login)\n`,
    )
  }
}
