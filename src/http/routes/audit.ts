import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { type ExportFilter, exportLines } from '../../audit/export.ts'
import { DateOrInstant } from '../schemas.ts'
import { instantsOf } from '../input.ts'

const Filter = Type.Object(
  {
    desde: Type.Optional(DateOrInstant),
    hasta: Type.Optional(DateOrInstant),
    stream: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,200}$' })),
    actor: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
    tipo: Type.Optional(Type.String({ pattern: '^[A-Za-z]{1,64}$' })),
  },
  { additionalProperties: false },
)

/**
 * GET /api/auditoria/eventos (ADMIN): the log's matching events in log order, with their chain
 * hashes, as NDJSON or — with `Accept: text/csv` — CSV. Streamed batch by batch: the answer can
 * be a million events without the process holding them (docs/audit.md).
 */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/eventos',
    {
      config: { operation: 'auditoria' },
      schema: {
        tags: ['auditoria'],
        operationId: 'exportAuditEvents',
        summary:
          'Export events for auditors (NDJSON, or CSV with Accept: text/csv), in log order, with hashes',
        querystring: Filter,
        response: {
          200: {
            description: 'One line per event, in log order (streamed)',
            // On the wire, text; in the handler, the stream that writes it.
            content: {
              'application/x-ndjson': { schema: Type.Unsafe<Readable>({ type: 'string' }) },
              'text/csv': { schema: Type.Unsafe<Readable>({ type: 'string' }) },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { desde, hasta } = instantsOf(request.query, ['desde', 'hasta'])
      const filter: ExportFilter = {
        ...(desde !== undefined ? { desde: new Date(desde).toISOString() } : {}),
        ...(hasta !== undefined ? { hasta: new Date(hasta).toISOString() } : {}),
        ...(request.query.stream ? { stream: request.query.stream } : {}),
        ...(request.query.actor ? { actor: request.query.actor } : {}),
        ...(request.query.tipo ? { tipo: request.query.tipo } : {}),
      }
      const csv = /\btext\/csv\b/.test(request.headers.accept ?? '')
      return reply
        .type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="eventos.${csv ? 'csv' : 'ndjson'}"`)
        .send(Readable.from(exportLines(app.store.log, filter, csv ? 'csv' : 'ndjson')))
    },
  )
}
