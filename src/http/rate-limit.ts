/**
 * A fixed-window counter per key (login attempts per IP and per email). In memory, per
 * instance: enough to make password guessing slow; a shared limiter is the load balancer's job.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { count: number; resetAt: number }>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit; returns the seconds to wait when over the limit, or 0 when allowed. */
  hit(key: string): number {
    const now = this.now()
    let window = this.#windows.get(key)
    if (!window || window.resetAt <= now) {
      if (this.#windows.size > 100_000) this.#sweep(now)
      window = { count: 0, resetAt: now + this.windowMs }
      this.#windows.set(key, window)
    }
    window.count += 1
    return window.count > this.limit ? Math.ceil((window.resetAt - now) / 1000) : 0
  }

  reset(key: string): void {
    this.#windows.delete(key)
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key)
  }
}
