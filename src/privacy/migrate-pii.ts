import { CHAIN_FIELD, chainEvents } from '../audit/chain.ts'
import type { EventMetadata, EventStore, ReadAllOptions, RecordedEvent } from '../eventstore/port.ts'
import { type MigrationReport, migrateEvents } from '../eventstore/migrate.ts'
import type { KeyStore } from './key-store.ts'
import { withoutRequesterName } from './personal-data.ts'
import { PrivateEventStore } from './private-store.ts'

export interface PiiMigrationReport extends MigrationReport {
  /** Personal-data strings sealed by the copy (values sealed already are left as they are). */
  sealed: number
}

/**
 * `npm run audit -- migrate-pii` (docs/audit.md, "Logs written before sealing"): copies a log whose
 * personal data is in plaintext into a new log with it sealed, the way `migrate` copies (same ids,
 * streams, revisions and order). Sealing changes the events, so every stream is chained anew over
 * the sealed form: digests taken of the old log do not apply to the new one (take a new digest).
 */
export async function sealExistingLog(
  source: EventStore,
  target: EventStore,
  keys: KeyStore,
  options: { onProgress?: (done: number) => void } = {},
): Promise<PiiMigrationReport> {
  const sealer = new PrivateEventStore(source, keys)
  /** Each stream's head hash in the new log. */
  const heads = new Map<string, string>()
  let sealed = 0
  const count = (event: { data: unknown; metadata: unknown }) =>
    (JSON.stringify([event.data, event.metadata]).match(/"pii:1:/g) ?? []).length

  async function sealOne(event: RecordedEvent): Promise<RecordedEvent> {
    const { [CHAIN_FIELD]: _old, ...metadata } = event.metadata
    const plain = {
      id: event.id,
      type: event.type,
      data: event.data,
      metadata:
        event.type === 'TicketCreado'
          ? (metadata as EventMetadata)
          : withoutRequesterName(metadata as EventMetadata),
    }
    const [stored] = await sealer.seal(event.stream, [plain])
    const [chained] = chainEvents(event.stream, event.revision, heads.get(event.stream) ?? '', [stored!])
    heads.set(event.stream, (chained!.metadata[CHAIN_FIELD] as { hash: string }).hash)
    sealed += count(chained!) - count(event)
    return { ...event, data: chained!.data, metadata: chained!.metadata }
  }

  const sealingSource = {
    async readAll(readOptions?: ReadAllOptions): Promise<RecordedEvent[]> {
      const batch = await source.readAll(readOptions)
      const out: RecordedEvent[] = []
      for (const event of batch) out.push(await sealOne(event))
      return out
    },
  }
  const report = await migrateEvents(sealingSource, target, options)
  return { ...report, sealed }
}
