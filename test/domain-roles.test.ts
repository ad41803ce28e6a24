import t from 'tap'
import { DEFAULT_AREAS, normalizeCode, parseAreaCatalogue } from '../src/domain/catalogue.ts'
import { accessFor, type Caller, mayActOnTicket, OPERATIONS, PERMISSIONS } from '../src/domain/roles.ts'
import { DESIGN_4 as design } from './support/design-4.ts'

t.test('the permission matrix equals DESIGN §4', async (t) => {
  t.same(Object.keys(PERMISSIONS).sort(), [...OPERATIONS].sort())
  t.same(PERMISSIONS, design)
})

t.test('own area: only tickets of the caller’s area', async (t) => {
  const area: Caller = { rol: 'AREA', area: 'SISTEMAS' }
  t.ok(mayActOnTicket('actualizar', area, 'SISTEMAS'))
  t.notOk(mayActOnTicket('actualizar', area, 'RRHH'))
  t.notOk(mayActOnTicket('asignar', area, 'SISTEMAS'))
  t.notOk(
    mayActOnTicket('ver', { rol: 'AREA', area: null }, 'SISTEMAS'),
    'an AREA user without area sees nothing',
  )
  t.ok(mayActOnTicket('asignar', { rol: 'MESA', area: null }, 'RRHH'))
  t.equal(accessFor('crear', { rol: 'ANONIMO', area: null }), 'all')
  t.equal(accessFor('ver', { rol: 'USUARIO', area: null }), 'none')
})

t.test('area catalogue: trimmed, upper-cased, validated', async (t) => {
  t.equal(normalizeCode('  sistemas '), 'SISTEMAS')
  t.same(parseAreaCatalogue(' mesa, Sistemas ,,MESA '), ['MESA', 'SISTEMAS'])
  t.throws(() => parseAreaCatalogue(' , '))
  t.throws(() => parseAreaCatalogue('MESA,ÁREA-1'))
  t.same(DEFAULT_AREAS, ['MESA', 'INFRAESTRUCTURA', 'SISTEMAS', 'FACTURACION', 'RRHH'])
})
