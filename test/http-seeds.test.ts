import t from 'tap'
import { httpEndToEnd } from './support/http-e2e.ts'

/** The seed documents' examples over HTTP, on the embedded SQLite store. */
httpEndToEnd(t, async () => undefined)
