/**
 * DatosPersonalesBorrados (issue 17 §3): an erasure, recorded on its own stream
 * `privacidad-<key id>` before the key is destroyed. It says which key and which tickets, who
 * and why (motivo, the actor in the metadata) — never whose data it was.
 */
export const ERASURE_EVENT = 'DatosPersonalesBorrados'
export const erasureStream = (keyId: string) => `privacidad-${keyId}`

export interface ErasureData {
  /** SOLICITANTE: a requester, all their tickets; USUARIO: an account. */
  sujeto: 'SOLICITANTE' | 'USUARIO'
  claveId: string
  /** The account erased (USUARIO), else null. */
  usuarioId: string | null
  /** The tickets whose requester block was erased (SOLICITANTE), else empty. */
  tickets: string[]
  motivo: string
}
