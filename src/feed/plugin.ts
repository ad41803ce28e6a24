import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { accessFor, type Caller } from '../domain/roles.ts'
import { ProblemError } from '../http/problems.ts'
import { FeedHub } from './hub.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The live change feed (GET /api/eventos, GET /app/eventos). */
    feed: FeedHub
  }
}

/** The session a stream is opened for: the user as the read model has them, and the token's claims. */
export interface FeedSession {
  userId: string
  caller: Caller
  /** The raw JWT (Bearer or the console's cookie): its `ver` and `exp` bind the stream. */
  token: string
}

/** One hub per instance, started with the app and ended (every stream closed) before it closes. */
export const feedPlugin = fp(
  async (app) => {
    const { sse } = app.config
    const hub = new FeedHub({
      store: app.store,
      runner: app.readModels.runner,
      credentialsById: (id) => app.readModels.users.credentialsById(id),
      limits: {
        heartbeatMs: sse.heartbeatSeconds * 1000,
        maxPerUser: sse.maxPerUser,
        maxQueue: sse.maxQueue,
        drainTimeoutMs: sse.drainTimeoutMs,
      },
      onError: (error) => app.log.error({ err: error }, 'live feed subscription failed'),
      onSlowClient: (userId) => app.log.warn({ userId }, 'live feed: dropped a client that was not reading'),
    })
    app.decorate('feed', hub)
    app.addHook('onReady', async () => hub.start(await app.store.lastPosition?.()))
    // Before the server stops accepting: open streams would otherwise hold server.close() forever.
    app.addHook('preClose', async () => hub.stop())
  },
  { name: 'feed', dependencies: ['services'] },
)

/**
 * Opens the SSE stream for `session` on this request (the API's route and the console's share it).
 * Errors before the stream starts are ProblemErrors: problem+json on the API, a page on the console.
 */
export function serveFeed(request: FastifyRequest, reply: FastifyReply, session: FeedSession): void {
  const hub = request.server.feed
  if (accessFor('dashboard', session.caller) === 'none')
    throw new ProblemError(
      'prohibido',
      'Prohibido',
      `El rol ${session.caller.rol} no tiene acceso al feed de eventos`,
    )
  const query = request.query as Record<string, unknown>
  const header = request.headers['last-event-id']
  // Last-Event-ID (what EventSource sends on reconnecting) wins over ?desde= (the first connection).
  const raw =
    typeof header === 'string' && header !== ''
      ? header
      : typeof query.desde === 'string'
        ? query.desde
        : undefined
  if (raw !== undefined && !hub.validPosition(raw))
    throw new ProblemError(
      'validacion',
      'Posición no válida',
      'Last-Event-ID o desde debe ser el id de un evento recibido de este feed',
      {
        campo: 'desde',
      },
    )
  if (hub.full(session.userId))
    throw new ProblemError(
      'demasiadas-peticiones',
      'Demasiadas conexiones',
      `Ya tiene ${hub.limits.maxPerUser} conexiones abiertas al feed de eventos; cierre alguna`,
      {},
      { 'retry-after': '30' },
    )
  const claims = request.server.jwt.decode<{ ver: number; exp: number }>(session.token)
  if (!claims) throw new ProblemError('no-autenticado', 'Token no válido')
  reply.hijack()
  const res = reply.raw
  // The stream has its own bounds (heartbeats, the drain timeout): no idle-socket timeout.
  request.raw.socket.setTimeout(0)
  request.raw.socket.setNoDelay(true)
  res.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  })
  // Comments flush the headers at once; `retry` sets EventSource's reconnection delay.
  res.write(': conectado\nretry: 3000\n\n')
  hub.open(
    res,
    {
      userId: session.userId,
      tokenVersion: claims.ver,
      caller: session.caller,
      expiresAt: claims.exp * 1000,
    },
    raw,
  )
}
