import t from 'tap'
import { DEFAULT_AREAS } from '../src/domain/catalogue.ts'
import { fold } from '../src/domain/decider.ts'
import { createUserDecider, type UserCommand, type UserEvent, type UserState } from '../src/domain/user.ts'
import { throwsDomain } from './support/assert.ts'

const decider = createUserDecider({ areas: DEFAULT_AREAS })

const crear = (over: Partial<Extract<UserCommand, { type: 'crear' }>['data']> = {}): UserCommand => ({
  type: 'crear',
  data: {
    id: 'u-1',
    email: '  Ana.Admin@Example.COM ',
    nombre: ' Ana Admin ',
    rol: 'ADMIN',
    passwordHash: '$argon2id$hash',
    mustChangePassword: true,
    ...over,
  },
})

function apply(commands: UserCommand[], start: UserState = decider.initialState()) {
  const events: UserEvent[] = []
  let state = start
  for (const command of commands) {
    const produced = decider.decide(command, state)
    events.push(...produced)
    state = produced.reduce(decider.evolve, state)
  }
  if (start.status === 'nuevo')
    t.same(fold(decider, events), state, 'the events fold from nothing to the decided state')
  return { state, events }
}

t.test('create: normalised email, trimmed name, active, token version 0', async (t) => {
  const { state, events } = apply([crear()])
  t.match(state, {
    status: 'existe',
    email: 'ana.admin@example.com',
    nombre: 'Ana Admin',
    activo: true,
    tokenVersion: 0,
    mustChangePassword: true,
  })
  t.equal(events[0]!.type, 'UsuarioCreado')
  throwsDomain(t, () => decider.decide(crear(), state), 'conflict', {}, 'create twice')
})

t.test('AREA users need an area from the catalogue', async (t) => {
  throwsDomain(t, () => decider.decide(crear({ rol: 'AREA' }), decider.initialState()), 'unprocessable', {
    campo: 'area',
  })
  throwsDomain(
    t,
    () => decider.decide(crear({ rol: 'AREA', area: 'Sistema' }), decider.initialState()),
    'unprocessable',
    {
      valoresValidos: DEFAULT_AREAS,
    },
  )
  t.match(apply([crear({ rol: 'AREA', area: ' sistemas' })]).state, { area: 'SISTEMAS' })
  t.match(apply([crear({ rol: 'MESA' })]).state, { area: null })
})

t.test('update records before and after, bumps the token version on role or area change', async (t) => {
  const start = apply([crear({ rol: 'MESA' })]).state
  const { state, events } = apply(
    [{ type: 'actualizar', data: { cambios: { nombre: 'Ana M.', telefono: '555' }, otherActiveAdmins: 0 } }],
    start,
  )
  t.match(state, { nombre: 'Ana M.', telefono: '555', tokenVersion: 0 })
  t.same(events[0]!.data, {
    cambios: { nombre: { antes: 'Ana Admin', despues: 'Ana M.' }, telefono: { antes: null, despues: '555' } },
    tokenVersion: 0,
  })
  const moved = apply(
    [{ type: 'actualizar', data: { cambios: { rol: 'AREA', area: 'rrhh' }, otherActiveAdmins: 0 } }],
    start,
  )
  t.match(moved.state, { rol: 'AREA', area: 'RRHH', tokenVersion: 1 })
  throwsDomain(
    t,
    () =>
      decider.decide({ type: 'actualizar', data: { cambios: { rol: 'AREA' }, otherActiveAdmins: 0 } }, start),
    'unprocessable',
    { campo: 'area' },
  )
  t.same(
    apply([{ type: 'actualizar', data: { cambios: { nombre: 'Ana Admin' }, otherActiveAdmins: 0 } }], start)
      .events,
    [],
    'no change, no event',
  )
})

t.test('admin password reset: must change, tokens invalidated; own change clears the flag', async (t) => {
  const start = apply([crear({ rol: 'MESA', mustChangePassword: false })]).state
  const reset = apply(
    [{ type: 'actualizar', data: { cambios: { passwordHash: 'new' }, otherActiveAdmins: 0 } }],
    start,
  )
  t.match(reset.state, { passwordHash: 'new', mustChangePassword: true, tokenVersion: 1 })
  t.match(reset.events[0], { type: 'UsuarioPasswordCambiado', data: { porAdmin: true } })
  const own = apply([{ type: 'cambiarPassword', data: { passwordHash: 'mine' } }], reset.state)
  t.match(own.state, { passwordHash: 'mine', mustChangePassword: false, tokenVersion: 2 })
})

t.test('deactivate and reactivate', async (t) => {
  const start = apply([crear({ rol: 'MESA' })]).state
  const off = apply(
    [{ type: 'actualizar', data: { cambios: { activo: false }, otherActiveAdmins: 0 } }],
    start,
  )
  t.match(off.state, { activo: false, tokenVersion: 1 })
  t.equal(off.events[0]!.type, 'UsuarioDesactivado')
  const on = apply(
    [{ type: 'actualizar', data: { cambios: { activo: true }, otherActiveAdmins: 0 } }],
    off.state,
  )
  t.match(on.state, { activo: true })
  t.equal(on.events[0]!.type, 'UsuarioReactivado')
  t.same(
    apply([{ type: 'actualizar', data: { cambios: { activo: true }, otherActiveAdmins: 0 } }], on.state)
      .events,
    [],
    'already active',
  )
})

t.test('one PATCH with several changes gives several events, atomically', async (t) => {
  const start = apply([crear({ rol: 'MESA' })]).state
  const { events } = apply(
    [
      {
        type: 'actualizar',
        data: { cambios: { nombre: 'Otro', passwordHash: 'h2', activo: false }, otherActiveAdmins: 0 },
      },
    ],
    start,
  )
  t.same(
    events.map((event) => event.type),
    ['UsuarioActualizado', 'UsuarioPasswordCambiado', 'UsuarioDesactivado'],
  )
})

t.test('the last active ADMIN cannot be deleted, deactivated or demoted', async (t) => {
  const admin = apply([crear()]).state
  const alone = { otherActiveAdmins: 0 }
  throwsDomain(t, () => decider.decide({ type: 'eliminar', data: alone }, admin), 'conflict')
  throwsDomain(
    t,
    () => decider.decide({ type: 'actualizar', data: { cambios: { activo: false }, ...alone } }, admin),
    'conflict',
  )
  throwsDomain(
    t,
    () => decider.decide({ type: 'actualizar', data: { cambios: { rol: 'MESA' }, ...alone } }, admin),
    'conflict',
  )
  const withAnother = { otherActiveAdmins: 1 }
  t.equal(decider.decide({ type: 'eliminar', data: withAnother }, admin)[0]!.type, 'UsuarioEliminado')
  t.equal(
    decider.decide({ type: 'actualizar', data: { cambios: { rol: 'MESA' }, ...withAnother } }, admin).length,
    1,
  )
  t.ok(
    decider.decide({ type: 'actualizar', data: { cambios: { nombre: 'Ana' }, ...alone } }, admin),
    'other changes are fine',
  )
})

t.test('delete: the user is gone; further commands are not_found', async (t) => {
  const start = apply([crear({ rol: 'USUARIO' })]).state
  const { state } = apply([{ type: 'eliminar', data: { otherActiveAdmins: 0 } }], start)
  t.match(state, { status: 'eliminado', id: 'u-1' })
  throwsDomain(
    t,
    () => decider.decide({ type: 'eliminar', data: { otherActiveAdmins: 0 } }, state),
    'not_found',
  )
  throwsDomain(
    t,
    () => decider.decide({ type: 'cambiarPassword', data: { passwordHash: 'x' } }, state),
    'not_found',
  )
  throwsDomain(
    t,
    () => decider.decide({ type: 'cambiarPassword', data: { passwordHash: 'x' } }, decider.initialState()),
    'not_found',
  )
})
