import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { DomainError } from '../../domain/errors.ts'
import { trimBodyStrings } from '../input.ts'
import { commandContext } from '../request-context.ts'
import { CreateUserBody, Problem, UpdateUserBody, User, UserIdParams, UserListQuery } from '../schemas.ts'

// Their own problems; 400, 401, 403, … come from the OpenAPI plugin (src/http/openapi.ts).
const problems = { 404: Problem, 409: Problem, 422: Problem }

/** /api/auth/users… (seed 000): ADMIN only. No response ever carries a password or its hash. */
export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Every route here is the 'usuarios' operation: the auth hook refuses other roles before the
  // body is parsed or validated.
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), operation: 'usuarios' }
  })
  app.addHook('preValidation', trimBodyStrings)
  const loadUser = (id: string) => {
    const user = app.readModels.users.user(id)
    if (!user) throw new DomainError('not_found', 'el usuario no existe')
    return user
  }

  app.post(
    '/',
    {
      schema: {
        tags: ['users'],
        operationId: 'createUser',
        summary: 'Create a user (must change the password at first login)',
        body: CreateUserBody,
        response: { 201: User, ...problems },
      },
    },
    async (request, reply) => {
      const result = await app.users.crear(request.body, commandContext(request), {
        mustChangePassword: true,
      })
      await app.settle(result.position)
      return reply
        .code(201)
        .header('location', `/api/auth/users/${result.userId}`)
        .send(loadUser(result.userId))
    },
  )

  app.get(
    '/',
    {
      schema: {
        tags: ['users'],
        operationId: 'listUsers',
        summary: 'List users (filters: rol, area, is_active)',
        querystring: UserListQuery,
        response: { 200: Type.Array(User), ...problems },
      },
    },
    async (request) => {
      const { rol, area, is_active } = request.query
      return app.readModels.users.users({
        ...(rol ? { rol } : {}),
        ...(area ? { area: area.trim().toUpperCase() } : {}),
        ...(is_active ? { is_active: is_active === 'true' } : {}),
      })
    },
  )

  app.get(
    '/:user_id',
    {
      schema: {
        tags: ['users'],
        operationId: 'getUser',
        summary: 'One user',
        params: UserIdParams,
        response: { 200: User, ...problems },
      },
    },
    async (request) => loadUser(request.params.user_id),
  )

  app.patch(
    '/:user_id',
    {
      schema: {
        tags: ['users'],
        operationId: 'updateUser',
        summary: 'Update a user: any of the seed fields; password resets force a change at next login',
        params: UserIdParams,
        body: UpdateUserBody,
        response: { 200: User, ...problems },
      },
    },
    async (request) => {
      const result = await app.users.actualizar(request.params.user_id, request.body, commandContext(request))
      await app.settle(result.position)
      return loadUser(request.params.user_id)
    },
  )

  app.delete(
    '/:user_id',
    {
      schema: {
        tags: ['users'],
        operationId: 'deleteUser',
        summary: 'Delete a user (its history stays in the log)',
        params: UserIdParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      const result = await app.users.eliminar(request.params.user_id, commandContext(request))
      await app.settle(result.position)
      return reply.code(204).send(null)
    },
  )
}
