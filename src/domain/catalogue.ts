import { DomainError } from './errors.ts'

/** Areas a help desk starts with; the catalogue is configurable (AREAS). */
export const DEFAULT_AREAS = ['MESA', 'INFRAESTRUCTURA', 'SISTEMAS', 'FACTURACION', 'RRHH'] as const

export const PRIORIDADES = ['BAJA', 'MEDIA', 'ALTA', 'CRITICA'] as const
export type Prioridad = (typeof PRIORIDADES)[number]

export const ESTADOS = [
  'ABIERTO',
  'ASIGNADO',
  'EN_PROCESO',
  'PAUSADO',
  'RESUELTO',
  'CERRADO',
  'CANCELADO',
  'ARCHIVADO',
] as const
export type Estado = (typeof ESTADOS)[number]

/**
 * Case and surrounding blanks are the usual way routing breaks (seed 000 warns about it), so every
 * catalogue value is trimmed and upper-cased before it is compared.
 */
export function normalizeCode(value: string): string {
  return value.trim().toUpperCase()
}

/** Returns the catalogue's spelling of `value`, or throws an unprocessable error listing the valid values. */
export function pickFromCatalogue<T extends string>(
  campo: string,
  value: string,
  catalogue: readonly T[],
): T {
  const normalized = normalizeCode(value)
  const found = catalogue.find((entry) => entry === normalized)
  if (found === undefined) {
    throw new DomainError('unprocessable', `${campo} '${value}' no es válido`, {
      campo,
      valoresValidos: catalogue,
    })
  }
  return found
}

/** Parses an AREAS setting ("MESA, sistemas ,RRHH") into a normalised, de-duplicated catalogue. */
export function parseAreaCatalogue(setting: string): string[] {
  const areas = [
    ...new Set(
      setting
        .split(',')
        .map(normalizeCode)
        .filter((area) => area.length > 0),
    ),
  ]
  if (areas.length === 0) throw new Error('AREAS must name at least one area')
  for (const area of areas) {
    if (!/^[A-Z0-9_]{2,100}$/.test(area)) {
      throw new Error(`AREAS: '${area}' must be 2–100 characters of A–Z, 0–9 or _`)
    }
  }
  return areas
}
