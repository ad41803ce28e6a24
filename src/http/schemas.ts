import { Type } from 'typebox'
import { ESTADOS, PRIORIDADES } from '../domain/catalogue.ts'
import { closed, Email, Motivo, Nullable, Rol, Telefono, Texto, TextoLibre } from '../domain/fields.ts'

/**
 * Request and response schemas. Field names and constraints are those of the seed documents
 * (000: users; 002: tickets). Bodies reject unknown fields. Catalogue values (area, estado,
 * prioridad) are checked by the domain after trim/upper-case normalisation, so `" sistemas"` works
 * and an unknown value gets a 422 with the valid list.
 */

// ---------------------------------------------------------------------------------------------
// Auth and users (seed 000)

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  closed,
)
export const PasswordBody = Type.Object(
  {
    passwordActual: Type.String({ minLength: 1, maxLength: 1024 }),
    passwordNuevo: Type.String({ minLength: 6, maxLength: 1024 }),
  },
  closed,
)

export const CreateUserBody = Type.Object(
  {
    email: Email,
    nombre: Texto(2, 200),
    password: Type.String({ minLength: 6, maxLength: 1024 }),
    rol: Rol,
    area: Type.Optional(Nullable(Texto(1, 100))),
    telefono: Type.Optional(Nullable(Telefono)),
  },
  closed,
)

export const UpdateUserBody = Type.Object(
  {
    email: Type.Optional(Email),
    nombre: Type.Optional(Texto(2, 200)),
    rol: Type.Optional(Rol),
    area: Type.Optional(Nullable(Texto(1, 100))),
    telefono: Type.Optional(Nullable(Telefono)),
    password: Type.Optional(Type.String({ minLength: 6, maxLength: 1024 })),
    is_active: Type.Optional(Type.Boolean()),
  },
  { ...closed, minProperties: 1 },
)

export const UserIdParams = Type.Object({ user_id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) })

export const UserListQuery = Type.Object(
  {
    rol: Type.Optional(Rol),
    area: Type.Optional(Texto(1, 100)),
    is_active: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  },
  closed,
)

export const User = Type.Object({
  user_id: Type.String(),
  email: Type.String(),
  nombre: Type.String(),
  rol: Rol,
  area: Nullable(Type.String()),
  telefono: Nullable(Type.String()),
  is_active: Type.Boolean(),
  must_change_password: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
})

export const LoginReply = Type.Object({ token: Type.String(), expiresIn: Type.Integer(), user: User })

// ---------------------------------------------------------------------------------------------
// Tickets (seed 002)

export const CrearBody = Type.Object(
  {
    asunto: Texto(3, 200),
    descripcion: TextoLibre(5, 5000),
    nombre: Type.Optional(Texto(2, 200)),
    email: Type.Optional(Email),
    telefono: Type.Optional(Nullable(Telefono)),
    categoria: Type.Optional(Nullable(Texto(2, 100))),
    prioridad: Type.Optional(Nullable(Texto(3, 50))),
    area: Type.Optional(Nullable(Texto(2, 100))),
  },
  closed,
)

export const ConsultarBody = Type.Object({ codigo: Texto(3, 20), email: Email }, closed)

export const TicketIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

/**
 * The shape of a date or an instant; whether it names a real one (no 2024-02-30, no 25:00, no
 * leap second) is decided by parseInstant (src/domain/dates.ts) in the handler, which answers 400
 * naming the parameter.
 */
export const DateOrInstant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$',
  description: 'YYYY-MM-DD (UTC midnight) or an ISO 8601 instant with Z or an offset',
})

export const AsOfQuery = Type.Object({ asOf: Type.Optional(DateOrInstant) }, closed)

const csv = (values: readonly string[]) =>
  Type.String({ pattern: `^(${values.join('|')})(,(${values.join('|')}))*$` })
export const DashboardQuery = Type.Object(
  {
    estado: Type.Optional(csv(ESTADOS)),
    prioridad: Type.Optional(csv(PRIORIDADES)),
    area: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_]{2,100}(,[A-Za-z0-9_]{2,100})*$' })),
    agenteId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
    categoria: Type.Optional(Texto(1, 100)),
    q: Type.Optional(Texto(1, 100)),
    incluirArchivados: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
    sla: Type.Optional(csv(['EN_TIEMPO', 'EN_RIESGO', 'VENCIDO', 'CUMPLIDO'])),
    orden: Type.Optional(
      Type.Union([
        Type.Literal('vencimiento'),
        Type.Literal('recientes'),
        Type.Literal('antiguos'),
        Type.Literal('prioridad'),
        Type.Literal('actualizados'),
      ]),
    ),
    limit: Type.Optional(
      Type.String({ pattern: '^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$', description: '1–200, default 50' }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  closed,
)

const Agente = Nullable(Type.Object({ id: Type.String(), nombre: Type.String(), rol: Type.String() }))
const Solicitante = Type.Object({
  nombre: Type.String(),
  email: Type.String(),
  telefono: Nullable(Type.String()),
})
const EstadoT = Type.Union([
  Type.Literal('ABIERTO'),
  Type.Literal('ASIGNADO'),
  Type.Literal('EN_PROCESO'),
  Type.Literal('PAUSADO'),
  Type.Literal('RESUELTO'),
  Type.Literal('CERRADO'),
  Type.Literal('CANCELADO'),
  Type.Literal('ARCHIVADO'),
])

const SlaStatusT = Type.Union([
  Type.Literal('EN_TIEMPO'),
  Type.Literal('EN_RIESGO'),
  Type.Literal('VENCIDO'),
  Type.Literal('CUMPLIDO'),
])
const Clock = Type.Object({
  estado: SlaStatusT,
  vence: Nullable(
    Type.String({
      description: 'Due instant: past if breached, future if running, null if stopped short of it',
    }),
  ),
  fraccion: Type.Number({ description: 'Working time consumed / target' }),
  objetivoMin: Type.Integer(),
  cumplidoEn: Nullable(Type.String()),
  corriendo: Type.Boolean(),
})
export const Sla = Type.Object({
  estado: SlaStatusT,
  vence: Nullable(Type.String()),
  fraccion: Type.Number(),
  primeraRespuesta: Clock,
  resolucion: Clock,
  pausadoMin: Type.Integer(),
})

const summaryFields = {
  id: Type.String(),
  codigo: Type.String(),
  asunto: Type.String(),
  estado: EstadoT,
  prioridad: Type.String(),
  categoria: Type.String(),
  area: Type.String(),
  agenteId: Nullable(Type.String()),
  agente: Agente,
  solicitante: Solicitante,
  creadoEn: Type.String(),
  actualizadoEn: Type.String(),
  revision: Type.Integer(),
  sla: Sla,
}

export const TicketSummary = Type.Object(summaryFields)

export const TicketDetail = Type.Object({
  ...summaryFields,
  descripcion: Type.String(),
  estadoAntesDePausa: Nullable(Type.String()),
  solicitanteId: Nullable(Type.String()),
  primeraRespuestaEn: Nullable(Type.String()),
  resueltoEn: Nullable(Type.String()),
  cerradoEn: Nullable(Type.String()),
  canceladoEn: Nullable(Type.String()),
  canceladoPor: Nullable(Type.String()),
  archivadoEn: Nullable(Type.String()),
  reaperturas: Type.Integer(),
  transferencias: Type.Integer(),
  motivos: Type.Record(Type.String(), Nullable(Type.String())),
  respuestas: Type.Array(
    Type.Object({
      respuesta: Type.String(),
      autor: Type.Object({ id: Nullable(Type.String()), nombre: Type.String(), rol: Type.String() }),
      fecha: Type.String(),
    }),
    {
      description:
        'Every response, oldest first; in the answer to an operation, the latest 20 only (GET the ticket for all)',
    },
  ),
  totalRespuestas: Type.Integer({ description: 'Responses in all; more than respuestas.length when capped' }),
  acciones: Type.Array(Type.String(), { description: 'Operations the caller may perform on the ticket now' }),
})

export const CrearReply = Type.Object({
  id: Type.String(),
  codigo: Type.String(),
  estado: EstadoT,
  asunto: Type.String(),
  prioridad: Type.String(),
  categoria: Type.String(),
  area: Type.String(),
  creadoEn: Type.String(),
})

export const PublicTicket = Type.Object({
  codigo: Type.String(),
  asunto: Type.String(),
  estado: EstadoT,
  prioridad: Type.String(),
  area: Type.String(),
  creadoEn: Type.String(),
  actualizadoEn: Type.String(),
  respuestas: Type.Array(Type.Object({ respuesta: Type.String(), fecha: Type.String() }), {
    description: 'The latest 50 responses, oldest first',
  }),
  totalRespuestas: Type.Integer({ description: 'Responses in all; more than respuestas.length when capped' }),
})

export const DashboardReply = Type.Object({
  items: Type.Array(TicketSummary),
  nextCursor: Nullable(Type.String()),
  total: Type.Integer(),
  resumen: Type.Record(Type.String(), Type.Integer()),
})

export const HistoryReply = Type.Array(
  Type.Object({
    revision: Type.Integer(),
    tipo: Type.String(),
    fecha: Type.String(),
    actor: Type.Object({ id: Nullable(Type.String()), rol: Type.String(), nombre: Type.String() }),
    datos: Type.Unknown(),
    requestId: Type.Optional(Type.String()),
    correlationId: Type.Optional(Type.String()),
    verificacion: Type.Object(
      {
        hash: Nullable(
          Type.String({
            description: "The event's chain hash (docs/audit.md); null if written before chaining",
          }),
        ),
        estado: Type.Union([Type.Literal('intacta'), Type.Literal('sin-cadena'), Type.Literal('rota')], {
          description:
            'intacta: its hash checks; sin-cadena: written before chaining (vouched for by the first chained event); rota: at or after the first break',
        }),
      },
      { description: 'Tamper evidence of this event, recomputed on every request' },
    ),
  }),
)

export const ChainReply = Type.Object({
  eventos: Type.Integer(),
  /** Revisions 0…N-1 written before chaining. */
  sinCadenaHasta: Type.Integer(),
  intacta: Type.Boolean(),
  ruptura: Nullable(Type.Object({ revision: Type.Integer(), motivo: Type.String() })),
  hash: Type.String({ description: 'The recomputed hash of the last event checked' }),
})

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
)

export const StatisticsQuery = Type.Object(
  {
    desde: Type.Optional(DateOrInstant),
    hasta: Type.Optional(DateOrInstant),
    area: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_]{2,100}$' })),
  },
  closed,
)
const Compliance = Type.Object({
  cumplidos: Type.Integer(),
  vencidos: Type.Integer(),
  enRiesgo: Type.Integer(),
  enTiempo: Type.Integer(),
  cumplimiento: Nullable(Type.Number()),
})
const Durations = Type.Object({
  n: Type.Integer(),
  mediaHoras: Nullable(Type.Number()),
  medianaHoras: Nullable(Type.Number()),
})
const Counts = Type.Record(Type.String(), Type.Integer())
export const StatisticsReply = Type.Object({
  desde: Nullable(Type.String()),
  hasta: Nullable(Type.String()),
  area: Nullable(Type.String()),
  total: Type.Integer(),
  porEstado: Counts,
  porArea: Counts,
  porPrioridad: Counts,
  porCategoria: Counts,
  sla: Type.Object({ primeraRespuesta: Compliance, resolucion: Compliance }),
  tiempos: Type.Object({ primeraRespuesta: Durations, resolucion: Durations }),
  tasaReapertura: Nullable(Type.Number()),
  tasaCancelacion: Nullable(Type.Number()),
})
