/**
 * Errors the domain raises when a command cannot be accepted. They carry what the HTTP layer
 * needs to answer (kind → status, the current estado and the operations allowed from it) without
 * the domain knowing anything about HTTP.
 */
export type DomainErrorKind =
  /** The command is not allowed in the aggregate's current state (409). */
  | 'invalid_transition'
  /** The command is allowed in this state but conflicts with what is there (same agent, same area, duplicate email, last admin) (409). */
  | 'conflict'
  /** The aggregate does not exist (404). */
  | 'not_found'
  /** The actor may not do this (403). */
  | 'forbidden'
  /** Well-formed, but impossible in meaning: unknown agent, unknown area, agent of another area (422). */
  | 'unprocessable'

export interface DomainErrorDetails {
  /** The aggregate's current estado, for tickets. */
  estado?: string
  /** Operations allowed from the current estado. */
  acciones?: readonly string[]
  /** The field the problem is about, when there is one. */
  campo?: string
  /** Valid values for that field, when there is a closed list (areas, estados, prioridades). */
  valoresValidos?: readonly string[]
}

export class DomainError extends Error {
  override readonly name = 'DomainError'
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message)
  }
}
