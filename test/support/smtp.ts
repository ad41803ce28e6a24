import { createServer, type AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import type { Test } from 'tap'

/** One message the test SMTP server took, parsed. */
export interface Received {
  to: string
  messageId: string
  subject: string
  text: string
  html: string
  parsed: ParsedMail
}

export interface SmtpSinkOptions {
  /** A status for RCPT TO (e.g. 550) for some addresses; undefined accepts. */
  rcptCode?: (address: string) => number | undefined
  /**
   * Called once a message's data has fully arrived (it is already in `messages`), before the
   * server answers: the answer waits for the returned promise.
   */
  beforeAnswer?: (message: Received) => Promise<void> | void
}

/**
 * A real SMTP server in the test process (smtp-server; no TLS, any login accepted), keeping every
 * message it receives, parsed with mailparser, in arrival order.
 */
export class SmtpSink {
  readonly messages: Received[] = []
  #server: SMTPServer | null = null
  port = 0

  constructor(private readonly options: SmtpSinkOptions = {}) {}

  get url(): string {
    return `smtp://prueba:secreto@127.0.0.1:${this.port}`
  }

  async listen(port = 0): Promise<this> {
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'prueba' }),
      onRcptTo: (address, _session, callback) => {
        const code = this.options.rcptCode?.(address.address)
        if (code === undefined) return callback()
        const error = new Error(`${code} buzón inexistente <${address.address}>`) as Error & {
          responseCode: number
        }
        error.responseCode = code
        callback(error)
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (parsed) => {
            const message: Received = {
              to: session.envelope.rcptTo.map((r) => r.address).join(','),
              messageId: parsed.messageId ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              parsed,
            }
            this.messages.push(message)
            await this.options.beforeAnswer?.(message)
            callback()
          })
          .catch((error: Error) => callback(error))
      },
      logger: false,
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    server.on('error', () => {})
    this.port = (server.server.address() as AddressInfo).port
    this.#server = server
    return this
  }

  async close(): Promise<void> {
    const server = this.#server
    this.#server = null
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Messages to one address, in arrival order. */
  to(address: string): Received[] {
    return this.messages.filter((m) => m.to === address)
  }
}

/** A started sink, closed when the test ends. */
export async function smtpSink(t: Test, options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const sink = await new SmtpSink(options).listen()
  t.teardown(() => sink.close())
  return sink
}

/** A port nothing listens on (yet). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export async function until(
  check: () => boolean | Promise<boolean>,
  ms = 10_000,
  what = 'condition',
): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The status link in a requester e-mail's text, as a path for app.inject(). */
export function statusLinkOf(message: Received, publicUrl: string): string {
  const match = /(http:\/\/\S+\/consultar\/enlace\?t=\S+)/.exec(message.text)
  if (!match) throw new Error(`no status link in:\n${message.text}`)
  if (!match[1]!.startsWith(publicUrl)) throw new Error(`link ${match[1]} does not start with ${publicUrl}`)
  return match[1]!.slice(publicUrl.length)
}
