import { createHmac } from 'node:crypto'
import fp from 'fastify-plugin'
import { resolveJwtSecret } from '../../config.ts'
import { Correo } from '../../notifications/correo.ts'
import { smtpTransport } from '../../notifications/mailer.ts'
import { StatusLinks } from '../../notifications/status-link.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** E-mail to requesters and agents (src/notifications/correo.ts). */
    correo: Correo
    /** Signs and checks the status links of requester e-mails. */
    statusLinks: StatusLinks
  }
}

/**
 * E-mail notifications: the `correo` log subscriber and the SLA check, after the services (it
 * reads the log, the read-model database and the users read model). Stopped before the read
 * models close (preClose runs before every onClose hook).
 */
export const notificationsPlugin = fp(
  async (app) => {
    const mail = app.config.mail
    // Its own key, derived from the JWT secret with a label (as the idempotency key is).
    const key = createHmac('sha256', resolveJwtSecret(app.config))
      .update('mesa-de-ayuda/enlace-estado')
      .digest()
    const links = new StatusLinks(key, mail.statusLinkDays)
    if (!mail.smtpUrl) app.log.info('SMTP_URL is not set: no e-mail will be sent (notifications are off)')
    const correo = new Correo({
      store: app.store,
      db: app.readModels.db,
      users: app.readModels.users,
      transport: mail.smtpUrl ? smtpTransport(mail.smtpUrl, mail.from) : null,
      links,
      publicUrl: mail.publicUrl,
      statusLinkDays: mail.statusLinkDays,
      timeZone: app.config.sla.calendar?.timeZone ?? 'UTC',
      retryDelaysMs: mail.retryDelaysMs,
      slaCheckSeconds: mail.slaCheckSeconds,
      now: app.runtimeNow,
      log: app.log,
    })
    app.decorate('correo', correo)
    app.decorate('statusLinks', links)
    await correo.start()
    app.addHook('preClose', async () => {
      await correo.stop()
    })
  },
  { name: 'notifications', dependencies: ['services'] },
)
