import type { FastifyPluginAsync } from 'fastify'

/**
 * /app/notificaciones (ADMIN, the 'notificaciones' operation): recent e-mail deliveries and
 * failures, newest first, 50 a page. Registered inside the console, so its session hook applies.
 */
export const notificationPages: FastifyPluginAsync = async (app) => {
  const web = app.web
  app.get('/notificaciones', async (request, reply) => {
    const session = request.webSession!
    if (!web.may('notificaciones', session.caller))
      return reply.page(
        'error',
        { title: 'Sin acceso', message: 'Solo un administrador puede ver las notificaciones.' },
        403,
      )
    const raw = (request.query as Record<string, unknown>).antes
    const antes = typeof raw === 'string' && /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : null
    const result = await web.deliveries(50, antes)
    return reply.page('console/notificaciones', { title: 'Notificaciones', result })
  })
}
