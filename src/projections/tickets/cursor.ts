/**
 * Keyset cursors of the dashboard: the sort's name and the last item's sort keys, base64url JSON.
 * Opaque to clients; checked against the sort they are used with.
 */

/** A cursor that does not decode, or belongs to another sort: the client's mistake (400). */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError'
}

export function encodeCursor(sort: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([sort, ...values])).toString('base64url')
}

export function decodeCursor(cursor: string, sort: string, length: number): unknown[] {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new InvalidCursorError('cursor is not valid')
  }
  if (!Array.isArray(decoded) || decoded[0] !== sort || decoded.length !== length + 1) {
    throw new InvalidCursorError('cursor does not belong to this query')
  }
  const values = decoded.slice(1)
  if (!values.every((value) => typeof value === 'string' || typeof value === 'number')) {
    throw new InvalidCursorError('cursor is not valid')
  }
  return values
}
