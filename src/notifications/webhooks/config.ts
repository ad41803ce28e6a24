/** Webhook settings (README's configuration table), read by loadConfig. */
export interface WebhookConfig {
  /** Private, loopback, link-local… addresses allowed as targets (tests, on-premise receivers). */
  allowPrivate: boolean
  /** Whole-attempt timeout: connect, send, answer. */
  timeoutMs: number
  /** Delays before each retry (the Standard Webhooks schedule by default); attempts = length + 1. */
  retryScheduleMs: number[]
  /** How long a delivery lease lasts without renewal before another instance may take over. */
  leaseTtlMs: number
  /** Whether this instance delivers webhooks at all (the admin API works either way). */
  enabled: boolean
}

/** Standard Webhooks' recommended schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const STANDARD_SCHEDULE_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
]

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }

/** "5s,5m,30m" → ms; "" → the standard schedule. */
export function parseSchedule(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim())
  return parts.map((part) => {
    const match = /^(\d+)(ms|s|m|h)$/.exec(part)
    if (!match) throw new Error(`'${part}' is not a delay like 500ms, 5s, 5m or 2h`)
    const ms = Number(match[1]) * UNITS[match[2]!]!
    if (ms > 48 * 3_600_000) throw new Error(`'${part}' is longer than 48 h`)
    return ms
  })
}

export function parseWebhookConfig(env: NodeJS.ProcessEnv, problems: string[]): WebhookConfig {
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    if (raw === 'true') return true
    if (raw === 'false') return false
    problems.push(`${name}=${raw}: must be true or false`)
    return fallback
  }
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
  let retryScheduleMs = STANDARD_SCHEDULE_MS
  if (env.WEBHOOK_RETRY_SCHEDULE) {
    try {
      retryScheduleMs = parseSchedule(env.WEBHOOK_RETRY_SCHEDULE)
    } catch (error) {
      problems.push(`WEBHOOK_RETRY_SCHEDULE=${env.WEBHOOK_RETRY_SCHEDULE}: ${(error as Error).message}`)
    }
  }
  return {
    allowPrivate: flag('WEBHOOK_ALLOW_PRIVATE', false),
    timeoutMs: integer('WEBHOOK_TIMEOUT_MS', 15_000, 50, 120_000),
    retryScheduleMs,
    leaseTtlMs: integer('WEBHOOK_LEASE_TTL_MS', 30_000, 200, 600_000),
    enabled: flag('WEBHOOKS_ENABLED', true),
  }
}
