import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { IdempotencyKeyReusedError } from '../../commands/idempotency.ts'
import { ConcurrentUpdateError } from '../../commands/handler.ts'
import { DomainError } from '../../domain/errors.ts'
import { StoreUnavailableError, WrongExpectedVersionError } from '../../eventstore/port.ts'
import { InvalidCursorError } from '../../projections/tickets/cursor.ts'
import { TicketNotFoundError } from '../../services/tickets.ts'
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
      if (error instanceof TicketNotFoundError)
        return send('no-encontrado', 'No encontrado', 'El ticket no existe')
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

/**
 * fastify's `frameworkErrors`: errors raised while routing, before any hook or handler runs (a
 * path parameter over maxParamLength, a URL that does not decode). fastify's own answer would be
 * plain JSON.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  switch (error.code) {
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return sendProblem(
        request,
        reply,
        'uri-demasiado-larga',
        'La ruta es demasiado larga',
        'Un parámetro de la ruta supera los 100 caracteres',
      )
    case 'FST_ERR_BAD_URL':
      return sendProblem(
        request,
        reply,
        'peticion-mal-formada',
        'URL no válida',
        'La ruta no es una URL bien codificada',
      )
    default:
      request.log.error({ err: error }, 'framework error')
      return sendProblem(request, reply, 'error-interno', 'Error interno')
  }
}

/**
 * fastify's `clientErrorHandler`: the HTTP parser refused the request (malformed request line or
 * header, headers over the size limit, the request not received within REQUEST_TIMEOUT_MS).
 * There is no request object, only the socket: a complete HTTP/1.1 answer is written by hand
 * and the connection closed, as Node's own handler does, but as problem+json.
 */
export function clientErrorHandler(this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  // A reset connection, or one already gone: nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [problem, title, detail]: [ProblemType, string, string] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? ['tiempo-agotado', 'Tiempo agotado', 'La petición no llegó completa a tiempo']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            'cabeceras-demasiado-grandes',
            'Cabeceras demasiado grandes',
            'Las cabeceras superan el tamaño admitido',
          ]
        : ['peticion-mal-formada', 'Petición HTTP mal formada', 'El servidor no pudo interpretar la petición']
  this.log.debug({ code: error.code }, 'client error')
  // Never write into the middle of an answer already under way on this socket.
  const pending = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage
  if (socket.writable && !pending?.headersSent) {
    const { instance: _instance, ...body } = problemBody(problem, title, detail, '')
    const json = JSON.stringify(body)
    const status = body.status
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        json,
    )
  }
  socket.destroy(error)
}

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
