import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifySchema, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { Type } from 'typebox'
import { PROBLEM_TYPES } from './problems.ts'
import { Problem } from './schemas.ts'

/**
 * The OpenAPI document (GET /docs/json, the UI at /docs), as client generators read it (issue 18):
 * every operation has an operationId, a summary, its security and every answer it can give.
 *
 * Routes declare what is theirs: operationId, summary, the success bodies and the problems their
 * own logic raises (404, 409, 412, 422, …). What the framework does to every route of a kind is
 * added here, from the same route options that make it happen, so the document cannot drift from
 * the behaviour:
 *   - security from `config.auth` (the auth plugin's switch): none → `[]`, optional → anonymous
 *     or bearer, required → bearer;
 *   - 401 where a token is read, 403 where one is required (must change password, role);
 *   - 400, 408, 431 and 500 everywhere (malformed request, too slow, headers too large, unexpected
 *     error), 413 and 415 where there is a body, 414 where there are path parameters (fastify's
 *     maxParamLength), 429 where `config.rateLimit` is set;
 *   - every 4xx/5xx is `application/problem+json` with the shared `Problem` schema (a component,
 *     so generated clients get one named type).
 */

const PROBLEM_ID = 'Problem'
const API_PATH = /^\/(api\/|health$|ready$)/

/** "400: validacion, json-invalido, …": the problem types a status can carry, for its description. */
function describeStatus(status: number): string {
  const types = Object.entries(PROBLEM_TYPES)
    .filter(([, s]) => s === status)
    .map(([type]) => type)
  return types.length > 0 ? `Problem (type: ${types.join(', ')})` : 'Problem'
}

function problemResponse(status: number) {
  return {
    description: describeStatus(status),
    content: { 'application/problem+json': { schema: Type.Ref(PROBLEM_ID) } },
  }
}

type AuthMode = 'none' | 'optional' | 'required'

function securityFor(auth: AuthMode) {
  if (auth === 'none') return []
  // An empty requirement object means "no credentials": anonymous, or with a bearer token.
  if (auth === 'optional') return [{}, { bearer: [] }]
  return [{ bearer: [] }]
}

/** The statuses fastify and our plugins can answer on this route, whatever its handler does. */
function frameworkStatuses(route: RouteOptions, schema: FastifySchema, auth: AuthMode): number[] {
  // Any request: a malformed one (400), one that does not arrive in time (408), headers over the
  // limit (431) are answered as problems by the connection handler; an unexpected error is a 500.
  const statuses = [400, 408, 431, 500]
  if (schema.body) statuses.push(413, 415)
  if (schema.params) statuses.push(414)
  if (auth !== 'none') statuses.push(401)
  if (auth === 'required') statuses.push(403)
  if ((route.config as { rateLimit?: unknown } | undefined)?.rateLimit) statuses.push(429)
  return statuses
}

function describeRoute(route: RouteOptions): void {
  if (!API_PATH.test(route.url)) return
  const schema: FastifySchema & { hide?: boolean } = route.schema ?? {}
  if (schema.hide) return
  const config = (route.config ?? {}) as { auth?: AuthMode }
  const auth = config.auth ?? 'required'
  const responses: Record<string, unknown> = { ...((schema.response as Record<string, unknown>) ?? {}) }
  for (const status of frameworkStatuses(route, schema, auth)) responses[status] ??= Problem
  // The routes name the Problem schema; here it becomes the problem+json content of the answer.
  for (const [status, response] of Object.entries(responses)) {
    if (response === Problem) responses[status] = problemResponse(Number(status))
  }
  route.schema = { ...schema, security: securityFor(auth), response: responses } as FastifySchema
}

export const openApiPlugin = fp(
  async (app) => {
    app.addSchema({ ...Problem, $id: PROBLEM_ID })
    app.addHook('onRoute', describeRoute)
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'Mesa de Ayuda API',
          version: '1.0.0',
          description:
            'Help desk tickets and users (seed documents 000 and 002). Errors are RFC 9457 problem details.',
          license: { name: 'UNLICENSED' },
        },
        // Relative: the service that serves this document (PUBLIC_URL in production).
        servers: [{ url: '/', description: 'This service' }],
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
      },
      // Shared schemas keep their $id as their component name (`Problem`), not `def-0`.
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) =>
          typeof json.$id === 'string' ? json.$id : `def-${i}`,
      },
    })
    app.addHook('onRoute', (route) => {
      // The docs and their assets are public.
      if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), auth: 'none' }
    })
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      uiConfig: { docExpansion: 'list' },
    })
  },
  { name: 'openapi', dependencies: ['auth'] },
)
