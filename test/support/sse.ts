/** One Server-Sent Event as read off the wire. */
export interface SseEvent {
  id: string | null
  event: string
  data: any
}

/**
 * A client of an SSE endpoint over real HTTP (fetch and its body reader), parsing frames as the
 * EventSource specification does (id, event, data lines; comments counted, not returned).
 */
export class SseClient {
  readonly events: SseEvent[] = []
  comments = 0
  ended = false
  #buffer = ''
  #waiters: Array<() => void> = []

  private constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {}

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const controller = new AbortController()
    const response = await fetch(url, { headers, signal: controller.signal })
    const client = new SseClient(response, controller)
    if (response.ok && response.body) void client.#pump(response.body)
    return client
  }

  async #pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader()
    const decoder = new TextDecoder()
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        this.#buffer += decoder.decode(value, { stream: true })
        this.#parse()
      }
    } catch {
      // aborted or reset: the stream is over either way
    }
    this.ended = true
    this.#wake()
  }

  #parse(): void {
    let end: number
    while ((end = this.#buffer.indexOf('\n\n')) >= 0) {
      const block = this.#buffer.slice(0, end)
      this.#buffer = this.#buffer.slice(end + 2)
      let id: string | null = null
      let event = 'message'
      const data: string[] = []
      let fields = 0
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          this.comments++
          continue
        }
        const colon = line.indexOf(':')
        const name = colon < 0 ? line : line.slice(0, colon)
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
        if (name === 'id') id = value
        else if (name === 'event') event = value
        else if (name === 'data') data.push(value)
        else continue
        fields++
      }
      if (fields > 0 && data.length > 0) this.events.push({ id, event, data: JSON.parse(data.join('\n')) })
    }
    this.#wake()
  }

  #wake(): void {
    const waiters = this.#waiters
    this.#waiters = []
    for (const wake of waiters) wake()
  }

  /** Resolves once `condition` holds (checked on every frame), or rejects after `timeoutMs`. */
  async until(
    condition: (client: SseClient) => boolean,
    timeoutMs = 5000,
    what = 'condition',
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!condition(this)) {
      const left = deadline - Date.now()
      if (left <= 0)
        throw new Error(`SSE: timed out waiting for ${what}; got ${JSON.stringify(this.events.map(summary))}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.#waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  /** Waits for a ticket event matching `match` and returns it. */
  async next(match: (data: any) => boolean, timeoutMs = 5000, what = 'event'): Promise<SseEvent> {
    let found: SseEvent | undefined
    await this.until(
      () =>
        (found = this.events.find((event) => event.event === 'message' && match(event.data))) !== undefined,
      timeoutMs,
      what,
    )
    return found!
  }

  /** Ticket events' (tipo, codigo) pairs, for assertions. */
  tickets(): Array<[string, string]> {
    return this.events.filter((e) => e.event === 'message').map((e) => [e.data.tipo, e.data.codigo])
  }

  close(): void {
    this.controller.abort()
  }
}

const summary = (event: SseEvent) =>
  event.event === 'message'
    ? `${event.data.tipo} ${event.data.codigo}`
    : `${event.event} ${JSON.stringify(event.data)}`
