import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { type PasswordCost, PRODUCTION_COST } from './commands/passwords.ts'
import { parseCalendar } from './domain/business-calendar.ts'
import { DEFAULT_AREAS, PRIORIDADES, type Prioridad, parseAreaCatalogue } from './domain/catalogue.ts'
import { ensurePrivateDir } from './lib/private-files.ts'
import { DEFAULT_SLA_TARGETS, type SlaPolicy, type SlaTargets } from './domain/sla.ts'
import { EMAIL_PATTERN_SOURCE } from './domain/text.ts'
import { parseWebhookConfig, type WebhookConfig } from './notifications/webhooks/config.ts' // webhooks (issue 15)

/** The service's configuration, from environment variables (README has the table). */
export interface Config {
  nodeEnv: string
  port: number
  host: string
  dataDir: string
  /** null: the embedded SQLite event store under dataDir. */
  eventstoreUrl: string | null
  /** null until resolved by resolveJwtSecret (generated and kept in dataDir outside production). */
  jwtSecret: string | null
  jwtExpiresInSeconds: number
  adminEmail: string | null
  adminPassword: string | null
  areas: string[]
  logLevel: string
  passwordCost: PasswordCost
  /** How long a command waits for the read models before answering (read-your-writes). */
  readYourWritesTimeoutMs: number
  bodyLimitBytes: number
  /**
   * Login: every attempt per IP, failures per (IP, email) pair, and a per-email failure ceiling
   * that only stops clients which have themselves failed on that email (docs/api.md).
   */
  loginRateLimit: {
    perIpPerMinute: number
    failuresPerIpEmailPerMinute: number
    failuresPerEmailPerMinute: number
  }
  /** Anonymous-capable public endpoints, requests per IP per minute. */
  publicRateLimit: { crearPerIpPerMinute: number; consultarPerIpPerMinute: number }
  /** fastify's trustProxy: false (default), true (any proxy) or a comma list of proxy addresses/CIDRs. */
  trustProxy: boolean | string
  /** Slow-client limits (ms): whole request, idle socket, idle keep-alive connection. */
  timeouts: { requestMs: number; connectionMs: number; keepAliveMs: number }
  sla: SlaPolicy
  /** E-mail notifications (src/notifications/, docs/notifications.md). */
  mail: MailConfig
  /** Live change feed (GET /api/eventos): heartbeat, connections per user, slow-client bounds. */
  sse: SseConfig
  /** Webhooks for integrators (issue 15). */
  webhooks: WebhookConfig
}

/** E-mail to requesters and agents: SMTP_URL, MAIL_FROM, PUBLIC_URL, STATUS_LINK_DAYS, SLA_CHECK_SECONDS. */
export interface MailConfig {
  /** null: no e-mail is sent (the start-up log says so). */
  smtpUrl: string | null
  from: string
  /** Where links in e-mails point, without a trailing slash. */
  publicUrl: string
  statusLinkDays: number
  slaCheckSeconds: number
  /** Delays between retries of an e-mail the SMTP server did not take (MAIL_RETRY_MS). */
  retryDelaysMs: number[]
}

/** Live change feed limits (docs/notifications.md, "Feed en vivo"). */
export interface SseConfig {
  heartbeatSeconds: number
  maxPerUser: number
  /** Events queued for one connection whose socket is full before it is dropped. */
  maxQueue: number
  /** How long a full socket may take to drain before the connection is dropped. */
  drainTimeoutMs: number
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = []
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${raw}: must be an integer from ${min} to ${max}`)
      return fallback
    }
    return value
  }
  const nodeEnv = env.NODE_ENV ?? 'development'
  const port = integer('PORT', 3000, 0, 65535)
  const host = env.HOST || '127.0.0.1'
  const dataDir = resolve(env.DATA_DIR || './data')

  let eventstoreUrl: string | null = env.EVENTSTORE_URL || null
  if (
    eventstoreUrl !== null &&
    !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\/.+/.test(eventstoreUrl)
  ) {
    problems.push(
      `EVENTSTORE_URL=${eventstoreUrl}: must start with esdb:// or esdb+discover:// (unset = embedded store)`,
    )
    eventstoreUrl = null
  }

  const jwtSecret = env.JWT_SECRET || null
  if (jwtSecret !== null && Buffer.byteLength(jwtSecret) < 32)
    problems.push('JWT_SECRET must be at least 32 bytes long')
  if (jwtSecret === null && nodeEnv === 'production')
    problems.push('JWT_SECRET is required when NODE_ENV=production')

  let jwtExpiresInSeconds = 8 * 3600
  try {
    jwtExpiresInSeconds = parseDuration(env.JWT_EXPIRES_IN || '8h')
  } catch (error) {
    problems.push(`JWT_EXPIRES_IN=${env.JWT_EXPIRES_IN}: ${(error as Error).message}`)
  }

  const adminEmail = env.ADMIN_EMAIL || null
  const adminPassword = env.ADMIN_PASSWORD || null
  if ((adminEmail === null) !== (adminPassword === null))
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither')
  if (adminEmail !== null && !EMAIL_PATTERN.test(adminEmail))
    problems.push(`ADMIN_EMAIL=${adminEmail}: not a valid email`)
  if (adminPassword !== null && adminPassword.length < 6)
    problems.push('ADMIN_PASSWORD must be at least 6 characters')

  let areas = [...DEFAULT_AREAS] as string[]
  if (env.AREAS) {
    try {
      areas = parseAreaCatalogue(env.AREAS)
    } catch (error) {
      problems.push((error as Error).message)
    }
  }

  const logLevel = env.LOG_LEVEL || 'info'
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL=${logLevel}: one of ${LOG_LEVELS.join(', ')}`)

  // Argon2id cost: lower values make tests fast; production refuses anything below OWASP's profile.
  const passwordCost: PasswordCost = {
    memoryKiB: integer('PASSWORD_MEMORY_KIB', PRODUCTION_COST.memoryKiB, 1024, 4 * 1024 * 1024),
    timeCost: integer('PASSWORD_TIME_COST', PRODUCTION_COST.timeCost, 2, 100),
  }
  if (
    nodeEnv === 'production' &&
    (passwordCost.memoryKiB < PRODUCTION_COST.memoryKiB || passwordCost.timeCost < PRODUCTION_COST.timeCost)
  )
    problems.push(
      `PASSWORD_MEMORY_KIB below ${PRODUCTION_COST.memoryKiB} or PASSWORD_TIME_COST below ${PRODUCTION_COST.timeCost} is for tests only, not production`,
    )

  const sla = parseSlaPolicy(env, problems)
  const webhooks = parseWebhookConfig(env, problems) // webhooks (issue 15)

  let trustProxy: boolean | string = false
  const rawTrustProxy = (env.TRUST_PROXY ?? '').trim()
  if (rawTrustProxy === '' || rawTrustProxy === 'false') trustProxy = false
  else if (rawTrustProxy === 'true') trustProxy = true
  else if (
    rawTrustProxy
      .split(',')
      .every((part) => /^(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?)$/.test(part.trim()))
  )
    trustProxy = rawTrustProxy
  else
    problems.push(
      `TRUST_PROXY=${rawTrustProxy}: use false, true or a comma list of proxy addresses, CIDRs, loopback, linklocal, uniquelocal`,
    )

  const timeouts = {
    requestMs: integer('REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    // An idle socket (a client that stops sending or reading) is closed after this.
    connectionMs: integer('CONNECTION_TIMEOUT_MS', 120_000, 100, 600_000),
    // Longer than the 60 s idle timeout of common load balancers, so they close first (no 502 race).
    keepAliveMs: integer('KEEP_ALIVE_TIMEOUT_MS', 72_000, 100, 600_000),
  }

  // Read before the check below, so a bad value is reported rather than silently replaced.
  const limits = {
    readYourWritesTimeoutMs: integer('READ_YOUR_WRITES_TIMEOUT_MS', 5000, 0, 60000),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024),
    loginRateLimit: {
      perIpPerMinute: integer('LOGIN_RATE_PER_IP', 20, 1, 100000),
      failuresPerIpEmailPerMinute: integer('LOGIN_FAILURES_PER_IP_EMAIL', 5, 1, 100000),
      failuresPerEmailPerMinute: integer('LOGIN_FAILURES_PER_EMAIL', 50, 1, 100000),
    },
    publicRateLimit: {
      crearPerIpPerMinute: integer('PUBLIC_CREAR_RATE_PER_IP', 30, 1, 100000),
      consultarPerIpPerMinute: integer('PUBLIC_CONSULTAR_RATE_PER_IP', 60, 1, 100000),
    },
  }

  const mail = parseMailConfig(env, problems, { host, port, integer })
  // Live change feed (issue 15 §3).
  const sse: SseConfig = {
    heartbeatSeconds: integer('SSE_HEARTBEAT_SECONDS', 15, 1, 3600),
    maxPerUser: integer('SSE_MAX_PER_USER', 5, 1, 1000),
    maxQueue: integer('SSE_MAX_QUEUE', 500, 1, 100_000),
    drainTimeoutMs: integer('SSE_DRAIN_TIMEOUT_MS', 30_000, 100, 600_000),
  }

  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  - ${problems.join('\n  - ')}`)
  return {
    nodeEnv,
    port,
    host,
    dataDir,
    eventstoreUrl,
    jwtSecret,
    jwtExpiresInSeconds,
    adminEmail,
    adminPassword,
    areas,
    logLevel,
    passwordCost,
    ...limits,
    trustProxy,
    timeouts,
    sla,
    webhooks,
    sse,
    mail,
  }
}

/** SMTP_URL, MAIL_FROM, PUBLIC_URL, STATUS_LINK_DAYS, SLA_CHECK_SECONDS, MAIL_RETRY_MS. */
function parseMailConfig(
  env: NodeJS.ProcessEnv,
  problems: string[],
  base: {
    host: string
    port: number
    integer: (name: string, fallback: number, min: number, max: number) => number
  },
): MailConfig {
  const urlOf = (name: string, raw: string, protocols: string[]): URL | null => {
    try {
      const url = new URL(raw)
      if (protocols.includes(url.protocol) && url.hostname !== '') return url
    } catch {
      // reported below
    }
    // The value itself is not repeated: an SMTP URL carries a password.
    problems.push(`${name}: not a valid ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL`)
    return null
  }
  let smtpUrl: string | null = env.SMTP_URL || null
  if (smtpUrl !== null && !urlOf('SMTP_URL', smtpUrl, ['smtp:', 'smtps:'])) smtpUrl = null
  const from = env.MAIL_FROM || 'Mesa de Ayuda <no-responder@mesa-de-ayuda.local>'
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from
  if (!EMAIL_PATTERN.test(address.trim()))
    problems.push(`MAIL_FROM=${from}: not an e-mail address (or "Name <address>")`)
  // Listening on every interface (0.0.0.0, as in the Docker image) names no host a reader can
  // open: links then default to localhost, and PUBLIC_URL should be set (docs/notifications.md).
  const linkHost = ['0.0.0.0', '::', '[::]'].includes(base.host) ? 'localhost' : base.host
  let publicUrl =
    env.PUBLIC_URL || `http://${linkHost.includes(':') ? `[${linkHost}]` : linkHost}:${base.port}`
  if (env.PUBLIC_URL && !urlOf('PUBLIC_URL', env.PUBLIC_URL, ['http:', 'https:']))
    publicUrl = 'http://invalid'
  publicUrl = publicUrl.replace(/\/+$/, '')
  const retryDelaysMs: number[] = []
  for (const part of (env.MAIL_RETRY_MS || '1000,2000,5000,10000,30000,60000').split(',')) {
    const value = Number(part.trim())
    if (!Number.isInteger(value) || value < 1 || value > 3_600_000) {
      problems.push(`MAIL_RETRY_MS=${env.MAIL_RETRY_MS}: a comma list of delays in ms (1 to 3600000)`)
      break
    }
    retryDelaysMs.push(value)
  }
  return {
    smtpUrl,
    from,
    publicUrl,
    statusLinkDays: base.integer('STATUS_LINK_DAYS', 30, 1, 365),
    slaCheckSeconds: base.integer('SLA_CHECK_SECONDS', 60, 1, 86_400),
    retryDelaysMs,
  }
}

/**
 * SLA policy: SLA_<PRIORIDAD>=<first response>/<resolution> (e.g. SLA_CRITICA=1h/4h), SLA_PAUSE,
 * SLA_CALENDAR and SLA_HOLIDAYS. Problems are added to `problems`.
 */
function parseSlaPolicy(env: NodeJS.ProcessEnv, problems: string[]): SlaPolicy {
  const targets = { ...DEFAULT_SLA_TARGETS } as Record<Prioridad, SlaTargets>
  for (const prioridad of PRIORIDADES) {
    const raw = env[`SLA_${prioridad}`]
    if (!raw) continue
    const [first, resolution, extra] = raw.split('/')
    try {
      if (!first || !resolution || extra !== undefined)
        throw new Error('use <first response>/<resolution>, e.g. 4h/24h')
      const primeraRespuestaMs = parseSlaDuration(first) * 1000
      const resolucionMs = parseSlaDuration(resolution) * 1000
      if (primeraRespuestaMs > resolucionMs) throw new Error('first response cannot be later than resolution')
      targets[prioridad] = { primeraRespuestaMs, resolucionMs }
    } catch (error) {
      problems.push(`SLA_${prioridad}=${raw}: ${(error as Error).message}`)
    }
  }
  const pausa = env.SLA_PAUSE || 'stop'
  if (pausa !== 'stop' && pausa !== 'continue') problems.push(`SLA_PAUSE=${pausa}: must be stop or continue`)
  let calendar: SlaPolicy['calendar'] = null
  try {
    calendar = parseCalendar(env.SLA_CALENDAR ?? '', env.SLA_HOLIDAYS ?? '')
  } catch (error) {
    problems.push((error as Error).message)
  }
  return { targets, pausa: pausa === 'continue' ? 'continue' : 'stop', calendar }
}

/** "30m", "4h", "2d" (SLA targets: 1 minute to 365 days). */
function parseSlaDuration(text: string): number {
  const match = /^(\d+)\s*([mhd])$/.exec(text.trim())
  if (!match) throw new Error(`'${text}' is not a duration like 30m, 4h or 2d`)
  const seconds = Number(match[1]) * ({ m: 60, h: 3600, d: 86400 } as Record<string, number>)[match[2]!]!
  if (seconds < 60 || seconds > 365 * 86400)
    throw new Error(`'${text}' must be between 1 minute and 365 days`)
  return seconds
}

/** The API's e-mail check (src/domain/text.ts): ADMIN_EMAIL must be an address the API accepts. */
export const EMAIL_PATTERN = new RegExp(EMAIL_PATTERN_SOURCE, 'u')

/** "8h", "30m", "45s", "2d" or plain seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim())
  if (!match) throw new Error('use a number of seconds or a number followed by s, m, h or d')
  const value =
    Number(match[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[match[2]!]!
  if (value < 60 || value > 30 * 86400) throw new Error('must be between 1 minute and 30 days')
  return value
}

/**
 * Outside production a missing JWT_SECRET is generated once and kept in DATA_DIR (mode 0600),
 * so tokens survive restarts without any set-up.
 */
export function resolveJwtSecret(config: Config): string {
  if (config.jwtSecret) return config.jwtSecret
  ensurePrivateDir(config.dataDir)
  const path = join(config.dataDir, 'jwt-secret')
  if (!existsSync(path))
    writeFileSync(path, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' })
  chmodSync(path, 0o600)
  return readFileSync(path, 'utf8').trim()
}
