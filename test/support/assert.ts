import type { Test } from 'tap'
import { DomainError, type DomainErrorDetails, type DomainErrorKind } from '../../src/domain/errors.ts'

/** Asserts that `fn` throws a DomainError of `kind` whose details match `details`. */
export function throwsDomain(
  t: Test,
  fn: () => unknown,
  kind: DomainErrorKind,
  details: Partial<Record<keyof DomainErrorDetails, unknown>> = {},
  message = `throws ${kind}`,
): void {
  let caught: unknown
  try {
    fn()
  } catch (error) {
    caught = error
  }
  t.type(caught, DomainError, message)
  t.match(caught, { kind, details }, message)
}

/** The same for a promise. */
export async function rejectsDomain(
  t: Test,
  promise: Promise<unknown>,
  kind: DomainErrorKind,
  details: Partial<Record<keyof DomainErrorDetails, unknown>> = {},
  message = `rejects with ${kind}`,
): Promise<void> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  )
  t.type(caught, DomainError, message)
  t.match(caught, { kind, details }, message)
}
