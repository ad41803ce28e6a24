import t from 'tap'
import { throwsDomain } from './support/assert.ts'
import { type Estado, ESTADOS } from '../src/domain/catalogue.ts'
import { DomainError } from '../src/domain/errors.ts'
import { TICKET_OPERATIONS, type TicketOperation } from '../src/domain/roles.ts'
import type { TicketCommand, TicketState } from '../src/domain/ticket.ts'
import { ACTUALIZAR_TARGETS, allowedFrom, operationsAllowedFrom } from '../src/domain/ticket-machine.ts'
import {
  actualizar,
  asignar,
  crear,
  decider,
  mesaAgent,
  mesaAreaAgent,
  motivo,
  otherMesaAgent,
  run,
  sistemasAgent,
  ticketIn,
} from './support/tickets.ts'

/**
 * DESIGN §5, copied literally. The code's table (allowedFrom) must equal it, and every cell is
 * exercised below against the decider: allowed pairs give the right event and estado, forbidden
 * ones the right error.
 */
const DESIGN_5: Record<TicketOperation, { from: Estado[]; event: string }> = {
  asignar: { from: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO', 'PAUSADO'], event: 'TicketAsignado' },
  transferir: { from: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO'], event: 'TicketTransferido' },
  actualizar: { from: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO', 'RESUELTO'], event: 'TicketActualizado' },
  reclasificar: { from: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO', 'PAUSADO'], event: 'TicketReclasificado' },
  pausar: { from: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO'], event: 'TicketPausado' },
  reabrir: { from: ['PAUSADO', 'RESUELTO', 'CERRADO'], event: 'TicketReabierto' },
  cancelar: { from: ['ABIERTO', 'ASIGNADO', 'EN_PROCESO', 'PAUSADO'], event: 'TicketCancelado' },
  archivar: { from: ['RESUELTO', 'CERRADO', 'CANCELADO'], event: 'TicketArchivado' },
}
const DESIGN_ACTUALIZAR: Partial<Record<Estado, Estado[]>> = {
  ABIERTO: ['ABIERTO', 'EN_PROCESO', 'RESUELTO'],
  ASIGNADO: ['ASIGNADO', 'EN_PROCESO', 'RESUELTO'],
  EN_PROCESO: ['EN_PROCESO', 'RESUELTO'],
  RESUELTO: ['RESUELTO', 'CERRADO'],
}

/** The result column of DESIGN §5 for each allowed pair. */
function expectedResult(operation: TicketOperation, before: TicketState & { exists: true }): Estado {
  switch (operation) {
    case 'asignar':
      return before.estado === 'ABIERTO' ? 'ASIGNADO' : before.estado
    case 'transferir':
      return 'ASIGNADO' // the command below transfers with an agent
    case 'actualizar':
      return before.estado === 'RESUELTO' ? 'CERRADO' : 'RESUELTO'
    case 'reclasificar':
      return before.estado
    case 'pausar':
      return 'PAUSADO'
    case 'reabrir':
      return before.estado === 'PAUSADO' ? before.estadoAntesDePausa! : 'EN_PROCESO'
    case 'cancelar':
      return 'CANCELADO'
    case 'archivar':
      return 'ARCHIVADO'
  }
}

function commandFor(operation: TicketOperation, state: TicketState & { exists: true }): TicketCommand {
  switch (operation) {
    case 'asignar':
      return asignar(state.agente?.id === mesaAgent.id ? otherMesaAgent : mesaAgent)
    case 'transferir':
      return {
        type: 'transferir',
        data: { nuevaArea: 'SISTEMAS', agenteId: sistemasAgent.id, agente: sistemasAgent, motivo: 'x' },
      }
    case 'actualizar':
      return actualizar(state.estado === 'RESUELTO' ? 'CERRADO' : 'RESUELTO')
    case 'reclasificar':
      return {
        type: 'reclasificar',
        data: { nuevaPrioridad: 'CRITICA', nuevaCategoria: 'Infraestructura', motivo: 'x' },
      }
    case 'cancelar':
      return { type: 'cancelar', data: { motivo: 'x', rol: 'USUARIO' } }
    default:
      return { type: operation, data: motivo } as TicketCommand
  }
}

t.test('the code table equals DESIGN §5', async (t) => {
  for (const operation of TICKET_OPERATIONS) {
    t.same([...allowedFrom(operation)].sort(), [...DESIGN_5[operation].from].sort(), operation)
  }
  t.same(ACTUALIZAR_TARGETS, DESIGN_ACTUALIZAR)
})

for (const operation of TICKET_OPERATIONS) {
  for (const estado of ESTADOS) {
    const allowed = DESIGN_5[operation].from.includes(estado)
    t.test(`${operation} from ${estado}: ${allowed ? 'allowed' : 'forbidden'}`, async (t) => {
      const before = ticketIn(estado) as TicketState & { exists: true }
      const command = commandFor(operation, before)
      if (allowed) {
        const events = decider.decide(command, before)
        t.equal(events.length, 1)
        const expectedType =
          operation === 'reabrir' && estado === 'PAUSADO' ? 'TicketReanudado' : DESIGN_5[operation].event
        t.equal(events[0]!.type, expectedType)
        const after = events.reduce(decider.evolve, before as TicketState)
        t.equal(after.exists && after.estado, expectedResult(operation, before))
        t.same((events[0]!.data as { estado: unknown }).estado, {
          antes: estado,
          despues: after.exists && after.estado,
        })
      } else {
        const error = (() => {
          try {
            decider.decide(command, before)
          } catch (e) {
            return e
          }
        })()
        t.type(error, DomainError)
        t.equal((error as DomainError).kind, 'invalid_transition')
        t.equal((error as DomainError).details.estado, estado)
        t.same((error as DomainError).details.acciones, operationsAllowedFrom(estado))
      }
    })
  }
}

t.test('actualizar: every target estado, allowed and forbidden, from every estado it accepts', async (t) => {
  for (const from of Object.keys(DESIGN_ACTUALIZAR) as Estado[]) {
    for (const target of ESTADOS) {
      const before = ticketIn(from)
      const legal = DESIGN_ACTUALIZAR[from]!.includes(target)
      if (legal) {
        const { state } = run([actualizar(target)], before)
        t.equal(state.exists && state.estado, target, `${from} → ${target}`)
      } else {
        throwsDomain(
          t,
          () => decider.decide(actualizar(target), before),
          'invalid_transition',
          {},
          `${from} ↛ ${target}`,
        )
      }
    }
  }
})

t.test('crear: ABIERTO, area MESA and prioridad MEDIA by default', async (t) => {
  const state = ticketIn('ABIERTO')
  t.match(state, {
    exists: true,
    estado: 'ABIERTO',
    area: 'MESA',
    prioridad: 'MEDIA',
    agente: null,
    categoria: 'General',
  })
  throwsDomain(t, () => decider.decide(crear, state), 'conflict', {}, 'crear twice')
})

t.test('crear normalises area and prioridad, rejects unknown ones with the valid list', async (t) => {
  const base = crear as TicketCommand & { type: 'crear' }
  const { state } = run([{ ...base, data: { ...base.data, area: '  sistemas ', prioridad: 'alta' } }])
  t.match(state, { area: 'SISTEMAS', prioridad: 'ALTA' })
  throwsDomain(t, () => run([{ ...base, data: { ...base.data, area: 'Sistemass' } }]), 'unprocessable', {
    campo: 'area',
    valoresValidos: ['MESA', 'INFRAESTRUCTURA', 'SISTEMAS', 'FACTURACION', 'RRHH'],
  })
  throwsDomain(t, () => run([{ ...base, data: { ...base.data, prioridad: 'URGENTE' } }]), 'unprocessable', {
    campo: 'prioridad',
  })
})

t.test('operations on a ticket that does not exist: not_found', async (t) => {
  throwsDomain(
    t,
    () => decider.decide({ type: 'pausar', data: motivo }, decider.initialState()),
    'not_found',
    {},
  )
})

t.test('asignar: the same agent again is a conflict', async (t) => {
  const state = ticketIn('ASIGNADO')
  throwsDomain(t, () => decider.decide(asignar(mesaAgent), state), 'conflict', { estado: 'ASIGNADO' })
})

t.test('agent rules: existing, active, agent role, same area for AREA agents', async (t) => {
  const state = ticketIn('ABIERTO')
  throwsDomain(
    t,
    () => decider.decide({ type: 'asignar', data: { agenteId: 'nadie', agente: null, motivo: 'x' } }, state),
    'unprocessable',
    { campo: 'agenteId' },
  )
  throwsDomain(t, () => decider.decide(asignar({ ...mesaAgent, activo: false }), state), 'unprocessable', {})
  throwsDomain(t, () => decider.decide(asignar({ ...mesaAgent, rol: 'USUARIO' }), state), 'unprocessable', {})
  throwsDomain(
    t,
    () => decider.decide(asignar(sistemasAgent), state),
    'unprocessable',
    {},
    'SISTEMAS agent on a MESA ticket',
  )
  t.doesNotThrow(() => decider.decide(asignar(mesaAreaAgent), state), 'MESA-area agent on a MESA ticket')
  t.doesNotThrow(
    () => decider.decide(asignar({ ...mesaAgent, rol: 'ADMIN' }), state),
    'ADMIN may take any ticket',
  )
})

t.test('transferir: same area is a conflict; without agent the ticket is open and unassigned', async (t) => {
  const state = ticketIn('EN_PROCESO')
  throwsDomain(
    t,
    () => decider.decide({ type: 'transferir', data: { nuevaArea: ' mesa', motivo: 'x' } }, state),
    'conflict',
    { campo: 'nuevaArea' },
  )
  const { state: after, events } = run(
    [{ type: 'transferir', data: { nuevaArea: 'infraestructura', motivo: 'x' } }],
    state,
  )
  t.match(after, { estado: 'ABIERTO', area: 'INFRAESTRUCTURA', agente: null })
  t.same((events[0]!.data as { area: unknown }).area, { antes: 'MESA', despues: 'INFRAESTRUCTURA' })
  throwsDomain(
    t,
    () =>
      decider.decide(
        {
          type: 'transferir',
          data: { nuevaArea: 'RRHH', agenteId: sistemasAgent.id, agente: sistemasAgent, motivo: 'x' },
        },
        state,
      ),
    'unprocessable',
    {},
    'an AREA agent must belong to the new area',
  )
})

t.test('actualizar moving the area drops an AREA assignee who could not see it', async (t) => {
  const assigned = run([asignar(mesaAreaAgent)], ticketIn('ABIERTO')).state
  const { state, events } = run([actualizar('ASIGNADO', 'SISTEMAS')], assigned)
  t.match(state, { area: 'SISTEMAS', agente: null, estado: 'ABIERTO' })
  t.same((events[0]!.data as { agente: unknown }).agente, {
    antes: { id: mesaAreaAgent.id, nombre: mesaAreaAgent.nombre, rol: 'AREA', area: 'MESA' },
    despues: null,
  })
  const mesaAssigned = ticketIn('ASIGNADO')
  t.match(
    run([actualizar('EN_PROCESO', 'RRHH')], mesaAssigned).state,
    { area: 'RRHH', agente: { id: mesaAgent.id } },
    'a MESA agent sees every area',
  )
})

t.test('reabrir after pausar resumes the estado the pause left', async (t) => {
  for (const from of ['ABIERTO', 'ASIGNADO', 'EN_PROCESO'] as const) {
    const paused = run([{ type: 'pausar', data: motivo }], ticketIn(from)).state
    t.match(paused, { estado: 'PAUSADO', estadoAntesDePausa: from })
    t.match(run([{ type: 'reabrir', data: motivo }], paused).state, {
      estado: from,
      estadoAntesDePausa: null,
    })
  }
})

t.test('reclasificar keeps the estado and records before and after', async (t) => {
  const { state, events } = run(
    [
      {
        type: 'reclasificar',
        data: { nuevaPrioridad: 'critica', nuevaCategoria: ' Infraestructura ', motivo: 'x' },
      },
    ],
    ticketIn('PAUSADO'),
  )
  t.match(state, { estado: 'PAUSADO', prioridad: 'CRITICA', categoria: 'Infraestructura' })
  t.match(events[0]!.data, {
    prioridad: { antes: 'MEDIA', despues: 'CRITICA' },
    categoria: { antes: 'General', despues: 'Infraestructura' },
  })
})
