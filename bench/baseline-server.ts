/**
 * The baseline for the HTTP benchmarks: a bare fastify server with the same routes, validating
 * the same JSON bodies with the same schemas, answering at once — no store, no projections.
 * Started as its own process by bench/run.ts; prints "listening <url>".
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify from 'fastify'
import { TICKET_OPERATIONS_TABLE } from '../src/domain/ticket-operations.ts'
import { CrearBody } from '../src/http/schemas.ts'

const app = Fastify({
  logger: false,
  ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
}).withTypeProvider<TypeBoxTypeProvider>()
app.post('/api/tickets/crear', { schema: { body: CrearBody } }, async (_request, reply) =>
  reply.code(201).send({ id: randomUUID(), estado: 'ABIERTO' }),
)
for (const [operation, spec] of Object.entries(TICKET_OPERATIONS_TABLE)) {
  app.post(`/api/tickets/:id/${operation}`, { schema: { body: spec.body } }, async (request) => ({
    id: (request.params as { id: string }).id,
    estado: 'EN_PROCESO',
  }))
}
// A constant dashboard page of the same size as the real one (captured by the benchmark).
const page = process.env.BASELINE_PAGE ? readFileSync(process.env.BASELINE_PAGE, 'utf8') : '{"items":[]}'
app.get('/api/tickets/dashboard', async (_request, reply) => reply.type('application/json').send(page))
const url = await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(`listening ${url}\n`)
