import t from 'tap'
import { EsdbEventStore } from '../src/eventstore/esdb.ts'
import { EsdbDouble } from './support/esdb-double.ts'
import { httpEndToEnd } from './support/http-e2e.ts'

/**
 * The HTTP end-to-end suite with the app wired to the EventStoreDB adapter: on the gRPC test
 * double, or on a real server when EVENTSTORE_TEST_URL is set.
 */
const realUrl = process.env.EVENTSTORE_TEST_URL
const double = realUrl ? null : new EsdbDouble()
let url = realUrl ?? ''
t.before(async () => {
  if (double) url = await double.start()
})
t.teardown(async () => {
  await double?.stop()
})

httpEndToEnd(t, () => EsdbEventStore.connect(url, 5000))
