import { appendChained } from '../audit/append.ts'
import { buildMetadata, type CommandContext, type Runtime } from '../commands/context.ts'
import type { UserCommands } from '../commands/users.ts'
import { DomainError } from '../domain/errors.ts'
import { isWrongExpectedVersion } from '../eventstore/port.ts'
import type { ReadModels } from '../projections/read-models.ts'
import { ERASURE_EVENT, type ErasureData, erasureStream } from './erasure-event.ts'
import { requesterSubject, userSubject } from './personal-data.ts'
import type { PrivateEventStore } from './private-store.ts'

export type ErasureRequest = { email: string; motivo: string } | { user_id: string; motivo: string }

export interface ErasureOutcome {
  /** False when there was nothing left to erase (erased before, or never written). */
  borrado: boolean
  sujeto: ErasureData['sujeto']
  /** Tickets whose requester data was erased. */
  tickets: number
  /** Log position of the DatosPersonalesBorrados event; null when nothing was erased. */
  position: string | null
}

/**
 * The right to erasure by crypto-shredding (docs/audit.md, "Borrado"): record the erasure, then
 * destroy the person's key. In that order, so a crash in between leaves an erasure that a repeat
 * completes (the record is found, the key destroyed), never a key destroyed with no record.
 */
export class ErasureService {
  constructor(
    private readonly store: PrivateEventStore,
    private readonly readModels: ReadModels,
    private readonly users: UserCommands,
    private readonly runtime: Runtime,
    private readonly settle: (position: string | null) => Promise<void>,
  ) {}

  async borrar(request: ErasureRequest, context: CommandContext): Promise<ErasureOutcome> {
    if ('email' in request) {
      const subject = requesterSubject(request.email)
      return this.#shred(subject, context, {
        sujeto: 'SOLICITANTE',
        usuarioId: null,
        tickets: this.readModels.tickets.ticketIdsOfRequester(request.email),
        motivo: request.motivo,
      })
    }
    const userId = request.user_id
    const user = await this.users.load(userId)
    if (user.status === 'nuevo') throw new DomainError('not_found', 'el usuario no existe')
    // The account goes first, by the rules of DELETE (the last active ADMIN stays).
    if (user.status === 'existe') await this.users.eliminar(userId, context)
    return this.#shred(userSubject(userId), context, {
      sujeto: 'USUARIO',
      usuarioId: userId,
      tickets: [],
      motivo: request.motivo,
    })
  }

  async #shred(
    subject: string,
    context: CommandContext,
    erasure: Omit<ErasureData, 'claveId'>,
  ): Promise<ErasureOutcome> {
    const key = await this.store.keys.find(subject)
    if (!key) return { borrado: false, sujeto: erasure.sujeto, tickets: 0, position: null }
    const data: ErasureData = { ...erasure, claveId: key.id }
    let position: string | null = null
    try {
      const stream = erasureStream(key.id)
      const event = {
        id: this.runtime.newId(),
        type: ERASURE_EVENT,
        data,
        metadata: buildMetadata(context, this.runtime.now()),
      }
      const result = await appendChained(this.store, stream, [event], 'no_stream')
      position = result.position
    } catch (error) {
      // Recorded by an earlier attempt that did not get to destroy the key: finish it.
      if (!isWrongExpectedVersion(error)) throw error
    }
    await this.store.keys.destroy(subject)
    this.store.forget(key.id)
    await this.settle(position)
    this.readModels.checkpoint()
    return { borrado: true, sujeto: erasure.sujeto, tickets: erasure.tickets.length, position }
  }
}
