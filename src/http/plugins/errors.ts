import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { IdempotencyKeyReusedError } from '../../commands/idempotency.ts'
import { ConcurrentUpdateError } from '../../commands/handler.ts'
import { DomainError } from '../../domain/errors.ts'
import { StoreUnavailableError, WrongExpectedVersionError } from '../../eventstore/port.ts'
import { InvalidCursorError } from '../../projections/queries.ts'
import { ProblemError, type ProblemType, problemBody } from '../problems.ts'

const DOMAIN_PROBLEMS: Record<DomainError['kind'], ProblemType> = {
  invalid_transition: 'transicion-invalida',
  conflict: 'conflicto',
  not_found: 'no-encontrado',
  forbidden: 'prohibido',
  unprocessable: 'no-procesable',
}

/**
 * Turns every error into application/problem+json. Client mistakes get a precise 4xx; anything
 * unexpected is logged with its stack and answered as a bare 500 (no stack trace, no message).
 */
export const errorsPlugin = fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | Error, request, reply) => {
      const send = (
        problem: ProblemType,
        title: string,
        detail?: string,
        extra: Record<string, unknown> = {},
      ) => sendProblem(request, reply, problem, title, detail, extra)

      if (error instanceof ProblemError) {
        for (const [name, value] of Object.entries(error.headers)) reply.header(name, value)
        return send(error.problem, error.title, error.detail, error.extra)
      }
      if (error instanceof DomainError) {
        const { estado, acciones, campo, valoresValidos } = error.details
        return send(DOMAIN_PROBLEMS[error.kind], titleFor(error.kind), error.message, {
          ...(estado !== undefined ? { estado } : {}),
          ...(acciones !== undefined ? { acciones } : {}),
          ...(campo !== undefined ? { campo } : {}),
          ...(valoresValidos !== undefined ? { valoresValidos } : {}),
        })
      }
      if (error instanceof IdempotencyKeyReusedError) {
        return send(
          'idempotency-key-reutilizada',
          'Idempotency-Key ya usada',
          'Esta Idempotency-Key ya se usó con otra petición; use una clave nueva para cada operación distinta',
          { campo: 'headers.idempotency-key' },
        )
      }
      if (error instanceof ConcurrentUpdateError) {
        // Not a failed precondition (no If-Match was sent): the resource kept changing while the
        // command was being applied. Retrying is safe; the current revision says where it stands.
        reply.header('retry-after', '1')
        return send(
          'conflicto',
          'El recurso está cambiando',
          'Otras operaciones lo modificaron mientras se aplicaba esta; vuelva a intentarlo',
          { versionActual: error.actual === 'no_stream' ? null : Number(error.actual) },
        )
      }
      if (error instanceof WrongExpectedVersionError) {
        return send(
          'version-obsoleta',
          'El recurso cambió desde la versión indicada',
          `If-Match no coincide: la versión actual es ${String(error.actual)}`,
          {
            versionActual: error.actual === 'no_stream' ? null : Number(error.actual),
          },
        )
      }
      if (error instanceof InvalidCursorError)
        return send('cursor-invalido', 'Cursor no válido', error.message)
      if (error instanceof StoreUnavailableError) {
        reply.header('retry-after', '5')
        return send('no-disponible', 'Servicio no disponible', 'El almacén de eventos no responde')
      }
      const fastifyError = error as FastifyError
      if (fastifyError.validation) {
        const errores = fastifyError.validation.map((issue) => ({
          campo: fieldOf(
            fastifyError.validationContext,
            issue.instancePath,
            issue.params as Record<string, unknown>,
          ),
          mensaje: issue.message ?? 'no válido',
        }))
        return send(
          'validacion',
          'La petición no es válida',
          errores.map((e) => `${e.campo}: ${e.mensaje}`).join('; '),
          { errores },
        )
      }
      switch (fastifyError.code) {
        case 'FST_ERR_CTP_INVALID_JSON_BODY':
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
          return send('json-invalido', 'El cuerpo no es JSON válido')
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
          return send(
            'tipo-de-contenido',
            'Tipo de contenido no admitido',
            'Envíe Content-Type: application/json',
          )
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return send('cuerpo-demasiado-grande', 'El cuerpo es demasiado grande')
      }
      if (
        typeof fastifyError.statusCode === 'number' &&
        fastifyError.statusCode >= 400 &&
        fastifyError.statusCode < 500
      ) {
        const status = fastifyError.statusCode
        const problem: ProblemType =
          status === 401
            ? 'no-autenticado'
            : status === 404
              ? 'no-encontrado'
              : status === 429
                ? 'demasiadas-peticiones'
                : status === 413
                  ? 'cuerpo-demasiado-grande'
                  : status === 415
                    ? 'tipo-de-contenido'
                    : 'validacion'
        return send(problem, 'La petición no es válida', fastifyError.message)
      }
      request.log.error({ err: error }, 'unhandled error')
      return send('error-interno', 'Error interno')
    })

    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        request,
        reply,
        'no-encontrado',
        'No encontrado',
        `No existe ${request.method} ${request.url.split('?')[0]}`,
      ),
    )
  },
  { name: 'errors' },
)

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: ProblemType,
  title: string,
  detail?: string,
  extra: Record<string, unknown> = {},
) {
  const body = problemBody(problem, title, detail, request.url.split('?')[0] ?? request.url, extra)
  return reply
    .code(body.status)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(body)
}

function titleFor(kind: DomainError['kind']): string {
  switch (kind) {
    case 'invalid_transition':
      return 'Operación no permitida en el estado actual'
    case 'conflict':
      return 'Conflicto con el estado actual'
    case 'not_found':
      return 'No encontrado'
    case 'forbidden':
      return 'Prohibido'
    case 'unprocessable':
      return 'No se puede procesar'
  }
}

function fieldOf(context: string | undefined, path: string, params: Record<string, unknown>): string {
  const base = path.replace(/^\//, '').replaceAll('/', '.')
  const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined
  const field = [base, extra].filter(Boolean).join('.')
  return `${context ?? 'body'}${field ? `.${field}` : ''}`
}
