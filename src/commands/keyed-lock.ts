/**
 * Runs tasks one at a time per key (per stream), in arrival order. Commands on the same ticket
 * from the same instance then never race each other for a revision: the optimistic-concurrency
 * retry is left for writers on other instances. Keys without waiters are forgotten.
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<unknown>>()

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve()
    const result = previous.then(task, task)
    const tail = result.then(
      () => undefined,
      () => undefined,
    )
    this.#tails.set(key, tail)
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key)
    })
    return result
  }
}
