import { DomainError } from '../domain/errors.ts'
import type { Rol } from '../domain/roles.ts'
import {
  createUserDecider,
  normalizeEmail,
  type UserChanges,
  type UserCommand,
  type UserEvent,
  type UserState,
} from '../domain/user.ts'
import type { EventMetadata, EventStore } from '../eventstore/port.ts'
import { buildMetadata, type CommandContext, eventIdsFor, type Runtime } from './context.ts'
import { type HandleResult, handleCommand, loadState } from './handler.ts'
import { earlierAppend } from './idempotency.ts'
import { uuidFromName } from './ids.ts'
import { KeyedLock } from './keyed-lock.ts'
import { hashPassword, type PasswordCost, PRODUCTION_COST, verifyPassword } from './passwords.ts'
import { emailReservationStream, release, reserve } from './reservations.ts'
import { userStream } from './streams.ts'

export interface NewUserInput {
  email: string
  nombre: string
  password: string
  rol: Rol
  area?: string | null
  telefono?: string | null
}

/** PATCH /api/auth/users/{user_id}: every field optional (seed 000). */
export interface UserPatch {
  email?: string
  nombre?: string
  rol?: Rol
  area?: string | null
  telefono?: string | null
  password?: string
  is_active?: boolean
}

export interface UserCommandsOptions {
  passwordCost?: PasswordCost
  /**
   * Active ADMINs other than `userId`, for the last-admin rule. Read from the users read model:
   * two admins demoting each other at the very same moment could both pass (see docs/decisions.md).
   */
  countOtherActiveAdmins(userId: string): number | Promise<number>
  /**
   * Waits until the read model behind countOtherActiveAdmins has applied `position`. Called
   * before the admin lock is released, so the next check in this instance sees this change.
   */
  settle?(position: string): Promise<void>
}

export type UserResult = HandleResult<UserState, UserEvent> & { userId: string }

export class UserCommands {
  readonly decider: ReturnType<typeof createUserDecider>
  readonly #cost: PasswordCost
  /** One user command at a time per user, and one last-admin check at a time overall (see #adminGuard). */
  readonly #locks = new KeyedLock()

  constructor(
    private readonly store: EventStore,
    private readonly runtime: Runtime,
    areas: readonly string[],
    private readonly options: UserCommandsOptions,
  ) {
    this.decider = createUserDecider({ areas })
    this.#cost = options.passwordCost ?? PRODUCTION_COST
  }

  async crear(
    input: NewUserInput,
    context: CommandContext,
    flags: { mustChangePassword: boolean },
  ): Promise<UserResult> {
    const userId = context.idempotencyKey
      ? uuidFromName('user', context.actor.id ?? 'sistema', context.idempotencyKey)
      : this.runtime.newId()
    const stream = userStream(userId)
    const eventId = eventIdsFor(context, `crear:${userId}`, this.runtime)
    const metadata = buildMetadata(context, this.runtime.now())

    const alreadyThere = (await this.store.readStream(stream, { maxCount: 1 })).length > 0
    let command: UserCommand | null = null
    if (!alreadyThere) {
      const email = normalizeEmail(input.email)
      const passwordHash = await hashPassword(input.password, this.#cost)
      command = {
        type: 'crear',
        data: {
          id: userId,
          email,
          nombre: input.nombre,
          rol: input.rol,
          area: input.area ?? null,
          telefono: input.telefono ?? null,
          passwordHash,
          mustChangePassword: flags.mustChangePassword,
        },
      }
      // Decide once before reserving the email: an invalid command must not hold the email.
      this.decider.decide(command, this.decider.initialState())
      await this.#reserveEmail(email, userId, metadata)
    }
    const result = await handleCommand(
      this.store,
      this.decider,
      stream,
      () => {
        if (command === null) throw new DomainError('conflict', 'Idempotency-Key ya usada para otro usuario')
        return command
      },
      { eventId, metadata },
    )
    return { ...result, userId }
  }

  /**
   * Changes that can touch the last-admin rule run one at a time in this instance, and wait for
   * the read model to count them before the next one is checked.
   */
  #adminGuard(task: () => Promise<UserResult>): Promise<UserResult> {
    return this.#locks.run('admins', async () => {
      const result = await task()
      if (result.position !== null) await this.options.settle?.(result.position)
      return result
    })
  }

  actualizar(userId: string, patch: UserPatch, context: CommandContext): Promise<UserResult> {
    return this.#adminGuard(() => this.#actualizar(userId, patch, context))
  }

  eliminar(userId: string, context: CommandContext): Promise<UserResult> {
    return this.#adminGuard(() => this.#eliminar(userId, context))
  }

  async #actualizar(userId: string, patch: UserPatch, context: CommandContext): Promise<UserResult> {
    const metadata = buildMetadata(context, this.runtime.now())
    const eventId = eventIdsFor(context, `actualizar:${userId}`, this.runtime)
    // A repeat goes straight to its first answer: no email is reserved or released again, and a
    // reused key with another change is refused before it can hold a new email.
    if (await this.#earlier(userId, eventId, metadata, context)) {
      return this.#firstAnswer(userId, eventId, metadata)
    }
    const before = await this.load(userId)
    if (before.status !== 'existe') throw new DomainError('not_found', 'el usuario no existe')
    // The API says is_active (seed 000); the domain, like its events, says activo.
    const { password: _password, is_active, ...fields } = patch
    const cambios: UserChanges = { ...fields, ...(is_active !== undefined ? { activo: is_active } : {}) }
    if (patch.password !== undefined) cambios.passwordHash = await hashPassword(patch.password, this.#cost)
    const newEmail = patch.email === undefined ? null : normalizeEmail(patch.email)
    const otherActiveAdmins = await this.options.countOtherActiveAdmins(userId)
    if (newEmail !== null && newEmail !== before.email) {
      // Decide once before reserving the new email: an invalid change must not hold it.
      this.decider.decide({ type: 'actualizar', data: { cambios, otherActiveAdmins } }, before)
      await this.#reserveEmail(newEmail, userId, metadata)
    }
    const result = await handleCommand(
      this.store,
      this.decider,
      userStream(userId),
      { type: 'actualizar', data: { cambios, otherActiveAdmins } },
      { eventId, metadata },
    )
    if (newEmail !== null && newEmail !== before.email && !result.replayed) {
      await release(this.store, emailReservationStream(before.email), userId, metadata)
    }
    return { ...result, userId }
  }

  /** The user changes their own password (POST /api/auth/password): the current one must match. */
  async cambiarPassword(
    userId: string,
    actual: string,
    nuevo: string,
    context: CommandContext,
  ): Promise<UserResult> {
    const eventId = eventIdsFor(context, `password:${userId}`, this.runtime)
    const metadata = buildMetadata(context, this.runtime.now())
    // A repeat of a change already made gets its first answer: the "current" password it sends
    // is no longer current, so checking it again would refuse the client's own retry.
    const repeat = await this.#earlier(userId, eventId, metadata, context)
    const state = await this.load(userId)
    if (state.status !== 'existe') throw new DomainError('not_found', 'el usuario no existe')
    if (repeat) return this.#firstAnswer(userId, eventId, metadata)
    if (!(await verifyPassword(actual, state.passwordHash))) {
      throw new DomainError('unprocessable', 'la contraseña actual no es correcta', {
        campo: 'passwordActual',
      })
    }
    if (actual === nuevo) {
      throw new DomainError('unprocessable', 'la contraseña nueva debe ser distinta de la actual', {
        campo: 'passwordNuevo',
      })
    }
    const passwordHash = await hashPassword(nuevo, this.#cost)
    const result = await handleCommand(
      this.store,
      this.decider,
      userStream(userId),
      { type: 'cambiarPassword', data: { passwordHash } },
      { eventId, metadata },
    )
    return { ...result, userId }
  }

  async #eliminar(userId: string, context: CommandContext): Promise<UserResult> {
    const metadata = buildMetadata(context, this.runtime.now())
    const otherActiveAdmins = await this.options.countOtherActiveAdmins(userId)
    const result = await handleCommand(
      this.store,
      this.decider,
      userStream(userId),
      { type: 'eliminar', data: { otherActiveAdmins } },
      { eventId: eventIdsFor(context, `eliminar:${userId}`, this.runtime), metadata },
    )
    const email = (result.events[0]?.data as { email?: string } | undefined)?.email
    if (email) await release(this.store, emailReservationStream(email), userId, metadata)
    return { ...result, userId }
  }

  /** The answer a repeated request got the first time, rebuilt from the log (nothing is decided). */
  async #firstAnswer(
    userId: string,
    eventId: (index: number) => string,
    metadata: EventMetadata,
  ): Promise<UserResult> {
    const result = await handleCommand(
      this.store,
      this.decider,
      userStream(userId),
      () => {
        throw new Error('unreachable: the repeat is found in the stream')
      },
      { eventId, metadata },
    )
    return { ...result, userId }
  }

  /** Whether this keyed request was applied before (throws when the key came with another request). */
  async #earlier(
    userId: string,
    eventId: (index: number) => string,
    metadata: EventMetadata,
    context: CommandContext,
  ): Promise<boolean> {
    if (!context.idempotencyKey) return false
    return (await earlierAppend(this.store, userStream(userId), eventId(0), metadata)) !== null
  }

  async load(userId: string): Promise<UserState> {
    return loadState(this.store, this.decider, userStream(userId))
  }

  #reserveEmail(email: string, userId: string, metadata: EventMetadata): Promise<void> {
    return reserve(
      this.store,
      emailReservationStream(email),
      userId,
      metadata,
      async (owner) => {
        const state = await this.load(owner)
        if (state.status === 'nuevo') return 'absent'
        return state.status === 'existe' && state.email === email ? 'holds' : 'released'
      },
      `el email ${email}`,
    )
  }
}
