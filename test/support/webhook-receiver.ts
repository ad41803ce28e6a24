import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Test } from 'tap'
import { Webhook } from 'standardwebhooks'

export interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
  at: number
}

/** What the receiver answers to its n-th request (0-based); by default 204. */
export type Responder = (received: Received, n: number, response: ServerResponse) => void | 'hang'

/**
 * A real HTTP receiver on 127.0.0.1 in the test process: records every request, answers as the
 * test says, and verifies Standard Webhooks signatures with the `standardwebhooks` library.
 */
export async function webhookReceiver(t: Test) {
  const received: Received[] = []
  let responder: Responder = (_r, _n, response) => void response.writeHead(204).end()
  const hanging = new Set<ServerResponse>()
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const entry: Received = {
        path: request.url ?? '/',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      }
      received.push(entry)
      if (responder(entry, received.length - 1, response) === 'hang') hanging.add(response)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  const port = (server.address() as AddressInfo).port
  return {
    port,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    on(path: string) {
      return received.filter((entry) => entry.path === path)
    },
    respond(next: Responder) {
      responder = next
    },
  }
}

/** The payload, verified with `secret` (throws WebhookVerificationError when it does not verify). */
export function verified(secret: string, entry: Received): { type: string; timestamp: string; data: any } {
  return new Webhook(secret).verify(entry.body, {
    'webhook-id': String(entry.headers['webhook-id']),
    'webhook-timestamp': String(entry.headers['webhook-timestamp']),
    'webhook-signature': String(entry.headers['webhook-signature']),
  }) as { type: string; timestamp: string; data: any }
}

export async function until(
  check: () => boolean | Promise<boolean>,
  ms = 10_000,
  what = 'condition',
): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
