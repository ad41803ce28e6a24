/**
 * The benchmark's competitor (issue 16): a small fastify server built on Emmett 0.42 and its
 * PostgreSQL event store, written for the bench. `POST /api/tickets/crear` and
 * `POST /api/tickets/:id/actualizar` take the service's own request schemas; each command goes
 * through Emmett's `CommandHandler` (read the stream, fold it, decide, append with the expected
 * version), and an inline projection updates a `tickets` table in the append's transaction.
 * No authentication. Started by `npm run bench -- --peer` as its own process; prints
 * "listening <url>".
 *
 * PEER_DATABASE_URL names the database; with PEER_FRESH_DATABASE=true it is dropped and created
 * again first (the role needs CREATEDB), so every run starts on an empty store.
 */
import { randomUUID } from 'node:crypto'
import {
  CommandHandler,
  inlineProjections,
  isExpectedVersionConflictError,
  STREAM_DOES_NOT_EXIST,
} from '@event-driven-io/emmett'
import { getPostgreSQLEventStore, postgreSQLRawSQLProjection } from '@event-driven-io/emmett-postgresql'
import { SQL } from '@event-driven-io/dumbo'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyReply, type FastifyRequest, LogController } from 'fastify'
import pg from 'pg'
import { TICKET_OPERATIONS_TABLE } from '../../../src/domain/ticket-operations.ts'
import { CrearBody, TicketIdParams } from '../../../src/http/schemas.ts'
import {
  actualizar,
  crear,
  evolve,
  initialState,
  type Ticket,
  TicketError,
  type TicketEvent,
} from './ticket.ts'

const databaseUrl = process.env.PEER_DATABASE_URL
if (!databaseUrl) throw new Error('PEER_DATABASE_URL is required')

if (process.env.PEER_FRESH_DATABASE === 'true') {
  const target = new URL(databaseUrl)
  const name = decodeURIComponent(target.pathname.slice(1))
  const maintenance = new URL(databaseUrl)
  maintenance.pathname = '/postgres'
  const client = new pg.Client({ connectionString: maintenance.toString() })
  await client.connect()
  const quoted = `"${name.replaceAll('"', '""')}"`
  await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`)
  await client.query(`CREATE DATABASE ${quoted}`)
  await client.end()
}

/** The read model: one row per ticket, written in the same transaction as the events. */
const ticketsProjection = postgreSQLRawSQLProjection<TicketEvent>({
  name: 'tickets',
  canHandle: ['TicketCreado', 'TicketActualizado'],
  init: () => SQL`
    CREATE TABLE IF NOT EXISTS tickets (
      id uuid PRIMARY KEY,
      asunto text NOT NULL,
      descripcion text NOT NULL,
      nombre text,
      email text,
      estado text NOT NULL,
      prioridad text NOT NULL,
      area text NOT NULL,
      ultima_respuesta text,
      respuestas integer NOT NULL DEFAULT 0,
      creado_en timestamptz NOT NULL,
      actualizado_en timestamptz NOT NULL
    )`,
  evolve: (event) => {
    switch (event.type) {
      case 'TicketCreado': {
        const d = event.data
        return SQL`
          INSERT INTO tickets (id, asunto, descripcion, nombre, email, estado, prioridad, area, creado_en, actualizado_en)
          VALUES (${d.ticketId}, ${d.asunto}, ${d.descripcion}, ${d.nombre}, ${d.email}, 'ABIERTO',
                  ${d.prioridad}, ${d.area}, ${d.creadoEn}, ${d.creadoEn})`
      }
      case 'TicketActualizado': {
        const d = event.data
        return SQL`
          UPDATE tickets SET estado = ${d.estado}, prioridad = ${d.prioridad}, area = ${d.area},
                 ultima_respuesta = ${d.respuesta}, respuestas = respuestas + 1,
                 actualizado_en = ${d.actualizadoEn}
          WHERE id = ${d.ticketId}`
      }
    }
  },
})

const eventStore = getPostgreSQLEventStore(databaseUrl, {
  projections: inlineProjections([ticketsProjection]),
})
await eventStore.schema.migrate()

const handle = CommandHandler<Ticket, TicketEvent>({
  evolve,
  initialState,
  mapToStreamId: (id) => `ticket-${id}`,
})

function view(state: Ticket, revision: bigint) {
  if (state.status !== 'existe') throw new Error('no ticket after a command')
  const { id, estado, prioridad, area, respuestas } = state
  return { id, estado, prioridad, area, respuestas, revision: Number(revision) }
}

/** One log line per request once it is answered, as the service writes (src/http/request-log.ts). */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line = {
      method: request.method,
      path: request.url,
      statusCode: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request')
  }
}

const app = Fastify({
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
  logController: new OneLinePerRequest(),
  ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
}).withTypeProvider<TypeBoxTypeProvider>()

app.setErrorHandler((error, _request, reply) => {
  if (error instanceof TicketError)
    return reply.code(error.status).type('application/problem+json').send({ title: error.message })
  if (isExpectedVersionConflictError(error))
    return reply.code(409).type('application/problem+json').send({ title: 'conflicto de versión' })
  const status = (error as { statusCode?: number }).statusCode ?? 500
  if (status >= 500) reply.log.error(error)
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ title: (error as Error).message })
})

app.post('/api/tickets/crear', { schema: { body: CrearBody } }, async (request, reply) => {
  const ticketId = randomUUID()
  const result = await handle(
    eventStore,
    ticketId,
    (state) => crear(state, { ticketId, ...request.body }, new Date()),
    {
      expectedStreamVersion: STREAM_DOES_NOT_EXIST,
    },
  )
  return reply.code(201).send(view(result.newState, result.nextExpectedStreamVersion))
})

app.post(
  '/api/tickets/:id/actualizar',
  { schema: { params: TicketIdParams, body: TICKET_OPERATIONS_TABLE.actualizar.body } },
  async (request) => {
    const body = request.body as { estado: string; prioridad: string; area: string; respuesta: string }
    const result = await handle(eventStore, request.params.id, (state) => actualizar(state, body, new Date()))
    return view(result.newState, result.nextExpectedStreamVersion)
  },
)

const close = async () => {
  await app.close()
  await eventStore.close()
  process.exit(0)
}
process.once('SIGTERM', close)
process.once('SIGINT', close)

const url = await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' })
process.stdout.write(`listening ${url}\n`)
