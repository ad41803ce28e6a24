import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { ROLES, type Rol } from '../../domain/roles.ts'
import { CreateUserBody, UpdateUserBody } from '../../http/schemas.ts'
import type { UserRecord } from '../../projections/users/view.ts'
import { failureOf, type FieldErrors, formFields, validate } from '../forms.ts'

const USER_ID = /^[A-Za-z0-9_-]{1,64}$/
const DATOS = ['nombre', 'email', 'rol', 'area', 'telefono'] as const
/** Success notices after a redirect (?hecho=). */
const DONE: Record<string, string> = {
  creado: 'Usuario creado. Deberá cambiar la contraseña temporal al entrar por primera vez.',
  datos: 'Datos guardados.',
  password: 'Contraseña restablecida. El usuario deberá cambiarla al entrar.',
  desactivado: 'Usuario desactivado: sus sesiones dejan de valer.',
  reactivado: 'Usuario reactivado.',
  eliminado: 'Usuario eliminado. Su historial sigue en el registro.',
}

/** What failed on one of the user page's forms, shown on that form. */
interface FormOutcome {
  form: 'datos' | 'password' | 'activo' | 'eliminar'
  values: Record<string, string>
  errors: FieldErrors
  message?: string
}

/** Trimmed values (the API trims its bodies before validating, src/http/input.ts). */
function trimmed(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]))
}

/**
 * The refusal the domain gives for the last active ADMIN, in words that say what to do instead.
 */
function humane(message: string): string {
  return /último ADMIN/i.test(message)
    ? `${message} Debe quedar al menos una cuenta de administración activa: dé antes el rol ADMIN a otra persona.`
    : message
}

/**
 * /app/usuarios: the admin's user management, over the same commands (app.users) and read model
 * as /api/auth/users. Only roles that may run the 'usuarios' operation reach it (ADMIN).
 */
export const userRoutes: FastifyPluginAsync = async (app) => {
  const web = app.web

  app.addHook('preHandler', async (request, reply) => {
    const session = request.webSession
    if (session && !web.may('usuarios', session.caller))
      return reply.page(
        'error',
        { title: 'Sin acceso', message: 'Solo la administración puede gestionar los usuarios.' },
        403,
      )
  })

  const notFound = (reply: FastifyReply) =>
    reply.page('error', { title: 'No encontrado', message: 'El usuario no existe.' }, 404)
  const loadUser = (request: FastifyRequest): UserRecord | null => {
    const { id } = request.params as { id: string }
    return USER_ID.test(id) ? web.user(id) : null
  }

  // ------------------------------------------------------------------------------------------
  // List

  app.get('/', async (request, reply) => {
    const filters = formFields(request.query, ['rol', 'area', 'activo', 'q', 'hecho'])
    const errors: FieldErrors = {}
    if (filters.rol && !(ROLES as readonly string[]).includes(filters.rol)) errors.rol = 'Elija un rol.'
    if (filters.area && !web.areas.includes(filters.area)) errors.area = 'Elija un área del catálogo.'
    if (filters.activo && filters.activo !== 'true' && filters.activo !== 'false')
      errors.activo = 'Elija activo o inactivo.'
    if (filters.q && filters.q.length > 100) errors.q = 'Escriba como máximo 100 caracteres.'
    const users = web.users({
      ...(filters.rol && !errors.rol ? { rol: filters.rol } : {}),
      ...(filters.area && !errors.area ? { area: filters.area } : {}),
      ...(filters.activo && !errors.activo ? { is_active: filters.activo === 'true' } : {}),
      ...(filters.q && !errors.q ? { q: filters.q.trim() } : {}),
    })
    return reply.page('console/usuarios', {
      title: 'Usuarios',
      filters,
      errors,
      users,
      roles: ROLES,
      areas: web.areas,
      done: filters.hecho ? (DONE[filters.hecho] ?? null) : null,
    })
  })

  // ------------------------------------------------------------------------------------------
  // Create

  const showNew = (
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldErrors,
    message?: string,
    status = 200,
  ) =>
    reply.page(
      'console/usuario-nuevo',
      { title: 'Nuevo usuario', values, errors, message, roles: ROLES, areas: web.areas },
      status,
    )

  app.get('/nuevo', async (_request, reply) => showNew(reply, { rol: 'MESA' }, {}))

  app.post('/', { preHandler: app.csrfProtection }, async (request, reply) => {
    const session = request.webSession!
    const values = trimmed(formFields(request.body, [...DATOS, 'password']))
    const body = {
      ...values,
      ...(values.area ? {} : { area: null }),
      ...(values.telefono ? {} : { telefono: null }),
    }
    const errors = validate(CreateUserBody, body)
    if (Object.keys(errors).length > 0)
      return showNew(reply, values, errors, 'Revise los campos marcados.', 400)
    try {
      const id = await web.createUser(
        {
          nombre: values.nombre!,
          email: values.email!,
          password: values.password!,
          rol: values.rol as Rol,
          area: values.area ?? null,
          telefono: values.telefono ?? null,
        },
        web.context(session, request.id),
      )
      return reply.redirect(`/app/usuarios/${id}?hecho=creado`, 303)
    } catch (error) {
      const failure = failureOf(error)
      if (!failure) throw error
      return showNew(reply, values, failure.fields, humane(failure.message), failure.status)
    }
  })

  // ------------------------------------------------------------------------------------------
  // One user

  const showUser = (
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserRecord,
    outcome: FormOutcome | null = null,
    status = 200,
  ) => {
    const hecho = (request.query as Record<string, unknown>).hecho
    return reply.page(
      'console/usuario',
      {
        title: user.nombre,
        u: user,
        outcome,
        values: outcome?.form === 'datos' ? outcome.values : user,
        errors: outcome?.errors ?? {},
        done: outcome === null && typeof hecho === 'string' ? (DONE[hecho] ?? null) : null,
        roles: ROLES,
        areas: web.areas,
        self: request.webSession!.user.user_id === user.user_id,
      },
      status,
    )
  }

  /** Runs a change; on a refusal, the page again with the message on the form that sent it. */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserRecord,
    form: FormOutcome['form'],
    values: Record<string, string>,
    run: () => Promise<void>,
    done: string,
  ) {
    try {
      await run()
    } catch (error) {
      const failure = failureOf(error)
      if (!failure) throw error
      const fresh = web.user(user.user_id)
      if (!fresh || failure.status === 404) return notFound(reply)
      return showUser(
        request,
        reply,
        fresh,
        { form, values, errors: failure.fields, message: humane(failure.message) },
        failure.status,
      )
    }
    return reply.redirect(`/app/usuarios/${user.user_id}?hecho=${done}`, 303)
  }

  app.get('/:id', async (request, reply) => {
    const user = loadUser(request)
    return user ? showUser(request, reply, user) : notFound(reply)
  })

  app.post('/:id', { preHandler: app.csrfProtection }, async (request, reply) => {
    const session = request.webSession!
    const user = loadUser(request)
    if (!user) return notFound(reply)
    const values = trimmed(formFields(request.body, DATOS))
    // The form sends every field: an empty área or teléfono clears it.
    const patch = { ...values, area: values.area ?? null, telefono: values.telefono ?? null }
    const errors = validate(UpdateUserBody, patch)
    if (Object.keys(errors).length > 0)
      return showUser(
        request,
        reply,
        user,
        { form: 'datos', values, errors, message: 'Revise los campos marcados.' },
        400,
      )
    return change(
      request,
      reply,
      user,
      'datos',
      values,
      () =>
        web.updateUser(
          user.user_id,
          {
            ...(values.nombre !== undefined ? { nombre: values.nombre } : {}),
            ...(values.email !== undefined ? { email: values.email } : {}),
            ...(values.rol !== undefined ? { rol: values.rol as Rol } : {}),
            area: patch.area,
            telefono: patch.telefono,
          },
          web.context(session, request.id),
        ),
      'datos',
    )
  })

  app.post('/:id/password', { preHandler: app.csrfProtection }, async (request, reply) => {
    const session = request.webSession!
    const user = loadUser(request)
    if (!user) return notFound(reply)
    const values = formFields(request.body, ['password'])
    const errors = validate(UpdateUserBody, { password: values.password })
    if (errors.password || !values.password)
      return showUser(
        request,
        reply,
        user,
        {
          form: 'password',
          values: {},
          errors: { password: errors.password ?? 'Este campo es obligatorio.' },
          message: 'Revise la contraseña temporal.',
        },
        400,
      )
    return change(
      request,
      reply,
      user,
      'password',
      {},
      () => web.updateUser(user.user_id, { password: values.password! }, web.context(session, request.id)),
      'password',
    )
  })

  app.post('/:id/activo', { preHandler: app.csrfProtection }, async (request, reply) => {
    const session = request.webSession!
    const user = loadUser(request)
    if (!user) return notFound(reply)
    const { activo } = formFields(request.body, ['activo'])
    if (activo !== 'true' && activo !== 'false')
      return showUser(
        request,
        reply,
        user,
        { form: 'activo', values: {}, errors: {}, message: 'Solicitud no válida: recargue la página.' },
        400,
      )
    return change(
      request,
      reply,
      user,
      'activo',
      {},
      () => web.updateUser(user.user_id, { is_active: activo === 'true' }, web.context(session, request.id)),
      activo === 'true' ? 'reactivado' : 'desactivado',
    )
  })

  // Deleting asks first: the GET shows what will go, the POST does it.
  app.get('/:id/eliminar', async (request, reply) => {
    const user = loadUser(request)
    if (!user) return notFound(reply)
    return reply.page('console/usuario-eliminar', {
      title: `Eliminar a ${user.nombre}`,
      u: user,
      message: null,
    })
  })

  app.post('/:id/eliminar', { preHandler: app.csrfProtection }, async (request, reply) => {
    const session = request.webSession!
    const user = loadUser(request)
    if (!user) return notFound(reply)
    const { confirmar } = formFields(request.body, ['confirmar'])
    if (confirmar !== 'si')
      return reply.page(
        'console/usuario-eliminar',
        { title: `Eliminar a ${user.nombre}`, u: user, message: 'Marque la casilla para confirmar.' },
        400,
      )
    try {
      await web.deleteUser(user.user_id, web.context(session, request.id))
    } catch (error) {
      const failure = failureOf(error)
      if (!failure) throw error
      if (failure.status === 404) return notFound(reply)
      return reply.page(
        'console/usuario-eliminar',
        { title: `Eliminar a ${user.nombre}`, u: user, message: humane(failure.message) },
        failure.status,
      )
    }
    return reply.redirect('/app/usuarios?hecho=eliminado', 303)
  })
}
