import Value from 'typebox/value'
import type { TSchema } from 'typebox'
import { DomainError } from '../domain/errors.ts'
import { WrongExpectedVersionError } from '../eventstore/port.ts'

/**
 * Form handling shared by the pages: urlencoded values checked against the very schemas the JSON
 * API validates its bodies with (src/http/schemas.ts), with the messages in Spanish and keyed by
 * field so each one shows next to its input.
 */

export type FieldErrors = Record<string, string>

/** The submitted text fields, trimmed of nothing (the services normalise), empties dropped. */
export function formFields(body: unknown, names: readonly string[]): Record<string, string> {
  const source = (body ?? {}) as Record<string, unknown>
  const fields: Record<string, string> = {}
  for (const name of names) {
    const raw = source[name]
    const value = Array.isArray(raw) ? raw[0] : raw
    if (typeof value === 'string' && value.trim() !== '') fields[name] = value
  }
  return fields
}

export function validate(schema: TSchema, value: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of Value.Errors(schema, value)) {
    const params = issue.params as Record<string, unknown>
    let field = issue.instancePath.replace(/^\//, '').split('/')[0] ?? ''
    if (issue.keyword === 'required') {
      const missing = params.requiredProperties
      field = Array.isArray(missing) ? String(missing[0]) : field
    }
    if (!field || errors[field]) continue
    errors[field] = messageFor(issue.keyword, params)
  }
  return errors
}

function messageFor(keyword: string, params: Record<string, unknown>): string {
  switch (keyword) {
    case 'required':
      return 'Este campo es obligatorio.'
    case 'minLength':
      return `Escriba al menos ${String(params.limit)} caracteres.`
    case 'maxLength':
      return `Escriba como máximo ${String(params.limit)} caracteres.`
    case 'pattern':
    case 'format':
      return 'El formato no es válido.'
    default:
      return 'El valor no es válido.'
  }
}

/** A service failure as the page shows it. */
export interface FormFailure {
  status: number
  /** Shown at the top of the form. */
  message: string
  /** Shown next to one field, when the service named it. */
  fields: FieldErrors
  /** The ticket changed since the page was rendered (If-Match failed). */
  stale?: boolean
  /** Operations the ticket allows now (409). */
  acciones?: readonly string[]
}

/** Domain and store errors as human messages; anything else is not a form failure. */
export function failureOf(error: unknown): FormFailure | null {
  if (error instanceof WrongExpectedVersionError) {
    return {
      status: 409,
      stale: true,
      message:
        'El ticket cambió mientras lo veías. Esto es lo que tiene ahora; revise y vuelva a intentarlo.',
      fields: {},
    }
  }
  if (!(error instanceof DomainError)) return null
  const message = capitalise(error.message)
  const campo = error.details.campo
  const valid = error.details.valoresValidos
  const fieldMessage =
    valid && valid.length > 0 ? `${message}. Valores válidos: ${valid.join(', ')}.` : message
  switch (error.kind) {
    case 'invalid_transition':
    case 'conflict':
      return {
        status: 409,
        message: `${message}.`,
        fields: campo ? { [campo]: fieldMessage } : {},
        ...(error.details.acciones ? { acciones: error.details.acciones } : {}),
      }
    case 'unprocessable':
      return { status: 422, message: `${message}.`, fields: campo ? { [campo]: fieldMessage } : {} }
    case 'forbidden':
      return { status: 403, message: 'Su rol no puede realizar esta operación.', fields: {} }
    case 'not_found':
      return { status: 404, message: 'No encontrado.', fields: {} }
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
