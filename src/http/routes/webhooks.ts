import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { parseInstant } from '../../domain/dates.ts'
import { closed, Nullable } from '../../domain/fields.ts'
import { WebhookInputError } from '../../notifications/webhooks/service.ts'
import { TICKET_EVENT_TYPES } from '../../notifications/webhooks/event-types.ts'
import { trimBodyStrings, validationProblem } from '../input.ts'
import { ProblemError } from '../problems.ts'
import { commandContext } from '../request-context.ts'
import { Problem } from '../schemas.ts'

// Their own problems; 400, 401, 403, … come from the OpenAPI plugin (src/http/openapi.ts).
const problems = { 404: Problem, 409: Problem }

const settings = {
  url: Type.String({ minLength: 1, maxLength: 2000, description: 'https in production' }),
  eventos: Type.Array(Type.String({ maxLength: 100 }), {
    maxItems: 50,
    description: `Ticket event types to send; absent or empty = all (${TICKET_EVENT_TYPES.join(', ')})`,
  }),
  descripcion: Nullable(Type.String({ maxLength: 500 })),
  activo: Type.Boolean(),
  incluirDatosPersonales: Type.Boolean({
    description: "Include the requester's nombre, email and teléfono in payloads (default false)",
  }),
}
const optionalSettings = {
  eventos: Type.Optional(settings.eventos),
  descripcion: Type.Optional(settings.descripcion),
  activo: Type.Optional(settings.activo),
  incluirDatosPersonales: Type.Optional(settings.incluirDatosPersonales),
}
const CreateBody = Type.Object({ url: settings.url, ...optionalSettings }, closed)
const UpdateBody = Type.Object(
  { url: Type.Optional(settings.url), ...optionalSettings },
  { ...closed, minProperties: 1 },
)
const Endpoint = Type.Object({
  id: Type.String(),
  url: Type.String(),
  eventos: Type.Array(Type.String()),
  descripcion: Nullable(Type.String()),
  activo: Type.Boolean(),
  incluirDatosPersonales: Type.Boolean(),
  secretoAnteriorHasta: Nullable(Type.String()),
  creado: Type.String(),
  actualizado: Type.String(),
})
const WithSecret = Type.Object({
  ...Endpoint.properties,
  secreto: Type.String({ description: 'whsec_…, shown only here' }),
})
const Delivery = Type.Object({
  id: Type.Integer(),
  eventoId: Type.String(),
  tipo: Type.String(),
  posicion: Type.String(),
  estado: Type.String(),
  intentos: Type.Integer(),
  ultimoStatus: Nullable(Type.Integer()),
  duracionMs: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  manual: Type.Boolean(),
  cuerpo: Nullable(Type.String()),
  respuesta: Nullable(Type.String()),
  creado: Type.String(),
  actualizado: Type.String(),
  proximoIntento: Nullable(Type.String()),
})
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
const DeliveryParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  eventId: Type.String({ format: 'uuid' }),
})
const DeliveriesQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    antesDe: Type.Optional(Type.Integer({ minimum: 1, description: 'entries older than this id (paging)' })),
  },
  closed,
)
const ReplayBody = Type.Object({ desde: Type.String({ description: 'ISO 8601 instant or date' }) }, closed)

/** A service's input refusal as the API's 400 (with the valid event types when relevant). */
async function asProblem<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof WebhookInputError)) throw error
    const problem = validationProblem([{ campo: `body.${error.campo}`, mensaje: error.message }])
    if (!error.valoresValidos) throw problem
    throw new ProblemError(problem.problem, problem.title, problem.detail, {
      ...problem.extra,
      valoresValidos: error.valoresValidos,
    })
  }
}

/** /api/webhooks… (issue 15): webhook endpoints for integrators, ADMIN only. */
export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), operation: 'webhooks' }
  })
  app.addHook('preValidation', trimBodyStrings)
  const tags = ['webhooks']

  app.post(
    '/',
    {
      schema: {
        tags,
        operationId: 'createWebhook',
        summary: 'Register an endpoint; the answer shows its secret once',
        body: CreateBody,
        response: { 201: WithSecret, ...problems },
      },
    },
    async (request, reply) => {
      const created = await asProblem(() => app.webhooks.crear(request.body, commandContext(request)))
      return reply.code(201).header('location', `/api/webhooks/${created.id}`).send(created)
    },
  )

  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'listWebhooks',
        summary: 'Every endpoint (no secrets)',
        response: { 200: Type.Array(Endpoint), ...problems },
      },
    },
    async () => app.webhooks.list(),
  )

  app.get(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'getWebhook',
        summary: 'One endpoint',
        params: IdParams,
        response: { 200: Endpoint, ...problems },
      },
    },
    async (request) => app.webhooks.get(request.params.id),
  )

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'updateWebhook',
        summary: 'Change url, eventos, descripcion, activo or incluirDatosPersonales',
        params: IdParams,
        body: UpdateBody,
        response: { 200: Endpoint, ...problems },
      },
    },
    async (request) =>
      asProblem(() => app.webhooks.modificar(request.params.id, request.body, commandContext(request))),
  )

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'deleteWebhook',
        summary: 'Remove an endpoint (its history stays in the log)',
        params: IdParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await app.webhooks.eliminar(request.params.id, commandContext(request))
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/:id/rotar-secreto',
    {
      schema: {
        tags,
        operationId: 'rotateWebhookSecret',
        summary: 'New secret (shown once); the old one still signs for 24 h',
        params: IdParams,
        response: { 200: WithSecret, ...problems },
      },
    },
    async (request) => app.webhooks.rotarSecreto(request.params.id, commandContext(request)),
  )

  app.get(
    '/:id/entregas',
    {
      schema: {
        tags,
        operationId: 'listWebhookDeliveries',
        summary: "This instance's delivery log of the endpoint, newest first",
        params: IdParams,
        querystring: DeliveriesQuery,
        response: { 200: Type.Array(Delivery), ...problems },
      },
    },
    async (request) =>
      app.webhooks.entregas(request.params.id, {
        limit: request.query.limit ?? 100,
        ...(request.query.antesDe ? { before: request.query.antesDe } : {}),
      }),
  )

  app.post(
    '/:id/entregas/:eventId/reenviar',
    {
      schema: {
        tags,
        operationId: 'redeliverWebhookEvent',
        summary: 'Send one event again now (same webhook-id)',
        params: DeliveryParams,
        response: { 200: Delivery, ...problems },
      },
    },
    async (request) => app.webhooks.reenviar(request.params.id, request.params.eventId),
  )

  app.post(
    '/:id/reproducir',
    {
      schema: {
        tags,
        operationId: 'replayWebhook',
        summary: 'Send again, in order, every event since `desde`, then carry on',
        params: IdParams,
        body: ReplayBody,
        response: { 202: Type.Object({ solicitud: Type.String(), desde: Type.String() }), ...problems },
      },
    },
    async (request, reply) => {
      const desde = parseInstant(request.body.desde)
      if (desde === null)
        throw validationProblem([
          {
            campo: 'body.desde',
            mensaje: 'no es una fecha u hora que exista (AAAA-MM-DD o AAAA-MM-DDTHH:MM[:SS]Z)',
          },
        ])
      return reply
        .code(202)
        .send(await app.webhooks.reproducir(request.params.id, new Date(desde), commandContext(request)))
    },
  )
}
