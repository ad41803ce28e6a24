import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import { ForbiddenAddressError, guardedLookup, isForbiddenAddress, type Resolver } from './address-guard.ts'

/** Response bodies are read up to this much, then the connection is dropped. */
export const MAX_RESPONSE_BYTES = 64 * 1024

export interface SendResult {
  /** The HTTP status, or null when no answer came (refused, timeout, forbidden address). */
  status: number | null
  durationMs: number
  /** From Retry-After on 429/503 (seconds or an HTTP date), in ms. */
  retryAfterMs: number | null
  /** The first bytes of the answer (at most MAX_RESPONSE_BYTES). */
  response: string
  error: string | null
}

export interface SenderOptions {
  timeoutMs: number
  allowPrivate: boolean
  resolver: Resolver
  now?: () => number
}

/**
 * POSTs one signed payload. Connections go through agents whose `lookup` refuses forbidden
 * addresses, so the address checked is the address connected to; an IP literal in the URL (which
 * net.connect does not look up) is checked here.
 */
export class WebhookSender {
  readonly #http: http.Agent
  readonly #https: https.Agent

  constructor(private readonly options: SenderOptions) {
    const lookup = guardedLookup(
      options.resolver,
      options.allowPrivate,
    ) as unknown as http.AgentOptions['lookup']
    const agentOptions = { keepAlive: true, maxSockets: 8, lookup }
    this.#http = new http.Agent(agentOptions)
    this.#https = new https.Agent(agentOptions)
  }

  async send(target: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now()
    const elapsed = () => Math.round(performance.now() - started)
    const url = new URL(target)
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
    if (!this.options.allowPrivate && isIP(host) && isForbiddenAddress(host))
      return failure(elapsed(), new ForbiddenAddressError(host).message)
    const secure = url.protocol === 'https:'
    return new Promise<SendResult>((resolve) => {
      let settled = false
      const finish = (result: SendResult) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(result)
      }
      const request = (secure ? https : http).request(url, {
        method: 'POST',
        agent: secure ? this.#https : this.#http,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'mesa-de-ayuda-webhooks/1',
        },
      })
      const timer = setTimeout(() => {
        request.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`))
      }, this.options.timeoutMs)
      request.on('error', (error) => finish(failure(elapsed(), describe(error))))
      request.on('response', (response) => {
        const chunks: Buffer[] = []
        let size = 0
        const done = () =>
          finish({
            status: response.statusCode ?? null,
            durationMs: elapsed(),
            retryAfterMs:
              response.statusCode === 429 || response.statusCode === 503
                ? parseRetryAfter(response.headers['retry-after'], this.options.now?.() ?? Date.now())
                : null,
            response: Buffer.concat(chunks).toString('utf8'),
            error: null,
          })
        response.on('data', (chunk: Buffer) => {
          const room = MAX_RESPONSE_BYTES - size
          if (room > 0) chunks.push(chunk.subarray(0, room))
          size += chunk.length
          // Enough: the answer's status is known; a receiver cannot make us read megabytes.
          if (size >= MAX_RESPONSE_BYTES) {
            done()
            response.destroy()
          }
        })
        response.on('end', done)
        response.on('error', done)
        response.on('aborted', done)
      })
      request.end(body)
    })
  }

  close(): void {
    this.#http.destroy()
    this.#https.destroy()
  }
}

function failure(durationMs: number, error: string): SendResult {
  return { status: null, durationMs, retryAfterMs: null, response: '', error }
}

function describe(error: Error): string {
  if (error instanceof ForbiddenAddressError) return 'dirección no permitida: ' + error.message
  const code = (error as NodeJS.ErrnoException).code
  return code ? `${code}: ${error.message}` : error.message
}

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const text = Array.isArray(value) ? value[0] : value
  if (!text) return null
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}
