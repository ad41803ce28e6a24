/**
 * TEST DOUBLE — never used at run time.
 *
 * An in-process stand-in for an EventStoreDB node's gRPC `Streams` service, built on
 * @grpc/grpc-js with the service definition and messages generated inside
 * @eventstore/db-client. It implements only what our adapter uses:
 *  - Append: expected revision (revision / no_stream / any / stream_exists), wrong-expected-version
 *    answers with current and expected revision, idempotent re-append of the same event ids.
 *  - Read: stream reads (forwards, from start or a revision, count; stream-not-found), $all reads
 *    from start or a position (inclusive, like the server), and $all subscriptions with
 *    event-type / stream-name filters, confirmation, checkpoints across filtered stretches,
 *    caught-up, then live events.
 *  - Delete (soft delete): the stream's events are gone at once, as after a scavenge; the stream
 *    can be written again.
 * Anything else (BatchAppend, Tombstone, ServerFeatures, gossip, TLS, auth, links,
 * backwards reads, stream subscriptions, persistent subscriptions) is not implemented: the
 * client falls back to Append when ServerFeatures answers UNIMPLEMENTED.
 */
import { createRequire } from 'node:module'
import * as grpc from '@grpc/grpc-js'
import type * as SharedPb from '@eventstore/db-client/generated/shared_pb.js'
import type * as StreamsGrpcPb from '@eventstore/db-client/generated/streams_grpc_pb.js'
import type * as StreamsPb from '@eventstore/db-client/generated/streams_pb.js'

// The generated protocol code is CommonJS whose exports ESM cannot name statically: require it.
const require = createRequire(import.meta.url)
const shared = require('@eventstore/db-client/generated/shared_pb.js') as typeof SharedPb
const streamsGrpc = require('@eventstore/db-client/generated/streams_grpc_pb.js') as typeof StreamsGrpcPb
const streams = require('@eventstore/db-client/generated/streams_pb.js') as typeof StreamsPb

interface Stored {
  id: string
  stream: string
  revision: bigint
  type: string
  contentType: string
  data: Uint8Array
  customMetadata: Uint8Array
  created: bigint
  position: bigint
}

type ReadCall = grpc.ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>

const bytes = (value: Uint8Array | string) =>
  typeof value === 'string' ? Buffer.from(value, 'base64') : value
const streamName = (identifier: SharedPb.StreamIdentifier | undefined) =>
  Buffer.from(bytes(identifier?.getStreamName() ?? '')).toString('utf8')

export class EsdbDouble {
  readonly #server = new grpc.Server()
  readonly #all: Stored[] = []
  readonly #streams = new Map<string, Stored[]>()
  readonly #live = new Set<(event: Stored) => void>()
  readonly #calls = new Set<ReadCall>()
  #nextPosition = 1000n
  url = ''

  async start(): Promise<string> {
    this.#server.addService(streamsGrpc.StreamsService as unknown as grpc.ServiceDefinition, {
      append: (
        call: grpc.ServerReadableStream<StreamsPb.AppendReq, StreamsPb.AppendResp>,
        callback: grpc.sendUnaryData<StreamsPb.AppendResp>,
      ) => this.#append(call, callback),
      read: (call: ReadCall) => this.#read(call),
      delete: (
        call: grpc.ServerUnaryCall<StreamsPb.DeleteReq, StreamsPb.DeleteResp>,
        callback: grpc.sendUnaryData<StreamsPb.DeleteResp>,
      ) => this.#delete(call, callback),
    })
    const port = await new Promise<number>((resolve, reject) =>
      this.#server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    )
    this.url = `esdb://127.0.0.1:${port}?tls=false`
    return this.url
  }

  async stop(): Promise<void> {
    this.dropSubscriptions()
    await new Promise<void>((resolve) => this.#server.tryShutdown(() => resolve()))
    this.#server.forceShutdown()
  }

  /** Ends every open subscription as a lost connection would (the client must resubscribe). */
  dropSubscriptions(): void {
    for (const call of this.#calls)
      call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'connection lost' })
    this.#calls.clear()
    this.#live.clear()
  }

  /** A system event such as the server writes on its own ($stats…), to exercise filters. */
  appendSystemEvent(): void {
    this.#store('$stats-127.0.0.1:2113', [
      {
        id: crypto.randomUUID(),
        type: '$statsCollected',
        contentType: 'application/json',
        data: Buffer.from('{}'),
        customMetadata: new Uint8Array(),
      },
    ])
  }

  #append(
    call: grpc.ServerReadableStream<StreamsPb.AppendReq, StreamsPb.AppendResp>,
    callback: grpc.sendUnaryData<StreamsPb.AppendResp>,
  ): void {
    let options: StreamsPb.AppendReq.Options | undefined
    const proposed: Array<Omit<Stored, 'stream' | 'revision' | 'created' | 'position'>> = []
    call.on('data', (request: StreamsPb.AppendReq) => {
      if (request.hasOptions()) options = request.getOptions()
      if (request.hasProposedMessage()) {
        const message = request.getProposedMessage()!
        const metadata = message.getMetadataMap()
        proposed.push({
          id: message.getId()!.getString(),
          type: metadata.get('type') ?? '',
          contentType: metadata.get('content-type') ?? 'application/octet-stream',
          data: bytes(message.getData()),
          customMetadata: bytes(message.getCustomMetadata()),
        })
      }
    })
    call.on('end', () => {
      if (!options)
        return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'no options' } as grpc.ServiceError)
      const stream = streamName(options.getStreamIdentifier())
      const existing = this.#streams.get(stream) ?? []
      const current = existing.length === 0 ? null : BigInt(existing.length - 1)
      const Case = streams.AppendReq.Options.ExpectedStreamRevisionCase
      const expectedCase = options.getExpectedStreamRevisionCase()
      const expected = expectedCase === Case.REVISION ? BigInt(options.getRevision()) : null

      // Idempotence (the server's rule): the same ids, already written right where expected.
      const first = proposed[0] ? existing.findIndex((event) => event.id === proposed[0]!.id) : -1
      if (first >= 0) {
        const same = proposed.every((event, i) => existing[first + i]?.id === event.id)
        const where =
          expectedCase === Case.ANY ||
          expectedCase === Case.STREAM_EXISTS ||
          (expectedCase === Case.NO_STREAM && first === 0) ||
          (expected !== null && BigInt(first) === expected + 1n)
        if (same && where) return callback(null, this.#success(existing[first + proposed.length - 1]!))
      }
      const ok =
        expectedCase === Case.ANY ||
        (expectedCase === Case.NO_STREAM && current === null) ||
        (expectedCase === Case.STREAM_EXISTS && current !== null) ||
        (expected !== null && current === expected)
      if (!ok) {
        const wrong = new streams.AppendResp.WrongExpectedVersion()
        if (current === null) wrong.setCurrentNoStream(new shared.Empty())
        else wrong.setCurrentRevision(current.toString())
        if (expected !== null) wrong.setExpectedRevision(expected.toString())
        else if (expectedCase === Case.NO_STREAM) wrong.setExpectedNoStream(new shared.Empty())
        else if (expectedCase === Case.STREAM_EXISTS) wrong.setExpectedStreamExists(new shared.Empty())
        else wrong.setExpectedAny(new shared.Empty())
        return callback(null, new streams.AppendResp().setWrongExpectedVersion(wrong))
      }
      const written = this.#store(stream, proposed)
      callback(null, this.#success(written[written.length - 1]!))
    })
  }

  #store(
    stream: string,
    proposed: Array<Omit<Stored, 'stream' | 'revision' | 'created' | 'position'>>,
  ): Stored[] {
    const existing = this.#streams.get(stream) ?? []
    const written = proposed.map((event, index) => {
      this.#nextPosition += 137n
      return {
        ...event,
        stream,
        revision: BigInt(existing.length + index),
        created: BigInt(Date.now()) * 10_000n,
        position: this.#nextPosition,
      }
    })
    for (const event of written) {
      existing.push(event)
      this.#all.push(event)
    }
    this.#streams.set(stream, existing)
    for (const deliver of this.#live) for (const event of written) deliver(event)
    return written
  }

  #delete(
    call: grpc.ServerUnaryCall<StreamsPb.DeleteReq, StreamsPb.DeleteResp>,
    callback: grpc.sendUnaryData<StreamsPb.DeleteResp>,
  ): void {
    const name = streamName(call.request.getOptions()?.getStreamIdentifier())
    this.#streams.delete(name)
    for (let index = this.#all.length - 1; index >= 0; index--)
      if (this.#all[index]!.stream === name) this.#all.splice(index, 1)
    const position = new streams.DeleteResp.Position()
      .setCommitPosition(this.#nextPosition.toString())
      .setPreparePosition(this.#nextPosition.toString())
    callback(null, new streams.DeleteResp().setPosition(position))
  }

  /** Whether any stored event's bytes contain `text` (an erasure test's grep). */
  holds(text: string): boolean {
    const needle = Buffer.from(text)
    return this.#all.some(
      (event) =>
        Buffer.from(event.data).includes(needle) ||
        Buffer.from(event.customMetadata).includes(needle) ||
        event.stream.includes(text),
    )
  }

  #success(last: Stored): StreamsPb.AppendResp {
    const position = new streams.AppendResp.Position()
      .setCommitPosition(last.position.toString())
      .setPreparePosition(last.position.toString())
    return new streams.AppendResp().setSuccess(
      new streams.AppendResp.Success().setCurrentRevision(last.revision.toString()).setPosition(position),
    )
  }

  #read(call: ReadCall): void {
    const options = call.request.getOptions()!
    const count = Number(options.getCount() || Number.MAX_SAFE_INTEGER)
    if (options.hasStream()) {
      const streamOptions = options.getStream()!
      const name = streamName(streamOptions.getStreamIdentifier())
      const events = this.#streams.get(name)
      if (!events) {
        const notFound = new streams.ReadResp.StreamNotFound().setStreamIdentifier(
          streamOptions.getStreamIdentifier(),
        )
        call.write(new streams.ReadResp().setStreamNotFound(notFound))
        call.end()
        return
      }
      const from = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : 0
      for (const event of events.slice(from, from + count)) call.write(this.#event(event))
      call.end()
      return
    }

    const allOptions = options.getAll()!
    const from = allOptions.hasPosition() ? BigInt(allOptions.getPosition()!.getCommitPosition()) : null
    const matches = this.#filter(options)
    if (!options.hasSubscription()) {
      // $all reads are inclusive of their start position, and include system events.
      let sent = 0
      for (const event of this.#all) {
        if (from !== null && event.position < from) continue
        if (!matches(event)) continue
        if (sent++ >= count) break
        call.write(this.#event(event))
      }
      call.end()
      return
    }

    // Subscription: confirmation, history after the position, checkpoints, caught-up, live.
    this.#calls.add(call)
    call.on('cancelled', () => this.#calls.delete(call))
    call.write(
      new streams.ReadResp().setConfirmation(
        new streams.ReadResp.SubscriptionConfirmation().setSubscriptionId(crypto.randomUUID()),
      ),
    )
    let skipped: Stored | null = null
    const checkpoint = (event: Stored) =>
      call.write(
        new streams.ReadResp().setCheckpoint(
          new streams.ReadResp.Checkpoint()
            .setCommitPosition(event.position.toString())
            .setPreparePosition(event.position.toString()),
        ),
      )
    for (const event of this.#all) {
      if (from !== null && event.position <= from) continue
      if (matches(event)) call.write(this.#event(event))
      else skipped = event
    }
    if (skipped) checkpoint(skipped)
    call.write(new streams.ReadResp().setCaughtUp(new streams.ReadResp.CaughtUp()))
    const deliver = (event: Stored) => {
      if (matches(event)) call.write(this.#event(event))
      else checkpoint(event)
    }
    this.#live.add(deliver)
    call.on('cancelled', () => this.#live.delete(deliver))
    call.on('close', () => this.#live.delete(deliver))
  }

  #filter(options: StreamsPb.ReadReq.Options): (event: Stored) => boolean {
    if (!options.hasFilter()) return () => true
    const filter = options.getFilter()!
    const expression = filter.hasEventType() ? filter.getEventType()! : filter.getStreamIdentifier()!
    const field = (event: Stored) => (filter.hasEventType() ? event.type : event.stream)
    const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : null
    const prefixes = expression.getPrefixList()
    return (event) =>
      (regex ? regex.test(field(event)) : true) &&
      (prefixes.length === 0 || prefixes.some((prefix) => field(event).startsWith(prefix)))
  }

  #event(event: Stored): StreamsPb.ReadResp {
    const recorded = new streams.ReadResp.ReadEvent.RecordedEvent()
      .setId(new shared.UUID().setString(event.id))
      .setStreamIdentifier(new shared.StreamIdentifier().setStreamName(Buffer.from(event.stream)))
      .setStreamRevision(event.revision.toString())
      .setCommitPosition(event.position.toString())
      .setPreparePosition(event.position.toString())
      .setData(event.data)
      .setCustomMetadata(event.customMetadata)
    recorded
      .getMetadataMap()
      .set('type', event.type)
      .set('content-type', event.contentType)
      .set('created', event.created.toString())
    return new streams.ReadResp().setEvent(
      new streams.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.toString()),
    )
  }
}
