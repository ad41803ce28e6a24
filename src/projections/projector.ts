import type { RecordedEvent } from '../eventstore/port.ts'

/**
 * A projector folds events into its read model's tables. The runner calls it inside the batch
 * transaction that also writes its checkpoint, so a batch is applied exactly once.
 */
export interface Projector {
  readonly name: string
  apply(event: RecordedEvent): void
  /** Optional: the same as apply for each event, in order, but free to do it more cheaply. */
  applyBatch?(events: readonly RecordedEvent[]): void
}
