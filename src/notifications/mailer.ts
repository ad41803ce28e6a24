import { join } from 'node:path'
import { Eta } from 'eta'
import nodemailer from 'nodemailer'

/** One e-mail, ready to hand to the SMTP server. */
export interface MailMessage {
  to: string
  subject: string
  text: string
  html: string
  /** `<…@mesa-de-ayuda>`, derived from the event id: a redelivery carries the same one. */
  messageId: string
}

export interface MailTransport {
  /** Resolves once the SMTP server took the message; throws otherwise (see PermanentMailError). */
  send(message: MailMessage): Promise<void>
  close(): void
}

/** The server refused this message for good (5xx on RCPT TO or DATA): recorded and skipped. */
export class PermanentMailError extends Error {
  override readonly name = 'PermanentMailError'
}

/**
 * SMTP through nodemailer, from SMTP_URL (`smtp://user:pass@host:587`: STARTTLS when the server
 * offers it, as nodemailer does; `smtps://` for TLS from the start). Timeouts are shorter than
 * nodemailer's minutes-long defaults, so a stuck server makes the subscriber retry, not hang.
 */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0])
  return {
    async send(message) {
      try {
        await transporter.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: { 'Auto-Submitted': 'auto-generated' },
        })
      } catch (error) {
        throw isPermanent(error) ? new PermanentMailError(smtpErrorText(error)) : error
      }
    },
    close: () => transporter.close(),
  }
}

/**
 * A 5xx answer to RCPT TO or DATA is about this message (unknown mailbox, content refused), so
 * retrying it cannot help. A 5xx to MAIL FROM or AUTH is about our configuration: retried, so no
 * e-mail is lost while an administrator fixes it. A malformed address never reaches the server.
 */
function isPermanent(error: unknown): boolean {
  const e = error as { responseCode?: number; command?: string; code?: string }
  if (e.code === 'EENVELOPE' && e.command === 'API') return true
  return (
    typeof e.responseCode === 'number' &&
    e.responseCode >= 500 &&
    e.responseCode < 600 &&
    (e.command === 'RCPT TO' || e.command === 'DATA')
  )
}

export function smtpErrorText(error: unknown): string {
  const e = error as { response?: string; message?: string; code?: string }
  return (e.response || e.message || e.code || String(error)).slice(0, 500)
}

// ---------------------------------------------------------------------------------------------
// Templates: one file per kind in ./templates, rendered twice (HTML, escaped; plain text, raw).

const TEMPLATES = join(import.meta.dirname, 'templates')
const html = new Eta({ views: TEMPLATES, autoEscape: true, autoTrim: false, cache: true })
const text = new Eta({ views: TEMPLATES, autoEscape: false, autoTrim: false, cache: true })

export type TemplateName = 'creado' | 'respuesta' | 'estado' | 'reabierto' | 'asignado' | 'area' | 'sla'

export function render(
  template: TemplateName,
  data: Record<string, unknown>,
): { text: string; html: string } {
  return {
    text: text.render(template, { ...data, html: false }).trim() + '\n',
    html: html.render(template, { ...data, html: true }),
  }
}
