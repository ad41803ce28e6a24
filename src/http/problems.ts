/**
 * RFC 9457 problem details. Every error answer of the API is one of these, with a stable `type`
 * a client can switch on.
 */
export const PROBLEM_BASE = 'https://mesa-de-ayuda.dev/problemas/'

export const PROBLEM_TYPES = {
  validacion: 400,
  'peticion-mal-formada': 400,
  'json-invalido': 400,
  'cursor-invalido': 400,
  'no-autenticado': 401,
  'credenciales-invalidas': 401,
  prohibido: 403,
  'cambio-de-password-requerido': 403,
  'no-encontrado': 404,
  'metodo-no-permitido': 405,
  'tiempo-agotado': 408,
  'transicion-invalida': 409,
  conflicto: 409,
  'version-obsoleta': 412,
  'tipo-de-contenido': 415,
  'cuerpo-demasiado-grande': 413,
  'uri-demasiado-larga': 414,
  'no-procesable': 422,
  'idempotency-key-reutilizada': 422,
  'demasiadas-peticiones': 429,
  'cabeceras-demasiado-grandes': 431,
  'error-interno': 500,
  'no-disponible': 503,
} as const
export type ProblemType = keyof typeof PROBLEM_TYPES

export class ProblemError extends Error {
  override readonly name = 'ProblemError'
  readonly status: number
  constructor(
    readonly problem: ProblemType,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title)
    this.status = PROBLEM_TYPES[problem]
  }
}

export function problemBody(
  problem: ProblemType,
  title: string,
  detail: string | undefined,
  instance: string,
  extra: Record<string, unknown> = {},
) {
  return {
    type: PROBLEM_BASE + problem,
    title,
    status: PROBLEM_TYPES[problem],
    ...(detail ? { detail } : {}),
    instance,
    ...extra,
  }
}
