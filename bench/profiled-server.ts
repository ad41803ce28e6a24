/**
 * The service under the V8 CPU profiler, for `BENCH_CPU_PROF=<dir> npm run bench`.
 * `node --cpu-prof` writes its profile only on a normal exit, but the service re-raises SIGTERM
 * after its graceful shutdown (close-with-grace), so the profile is taken here instead and
 * written when SIGTERM arrives. Open the .cpuprofile in Chrome DevTools (Performance tab).
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import { join } from 'node:path'

const dir = process.env.BENCH_CPU_PROF ?? '.'
const session = new Session()
session.connect()
session.post('Profiler.enable')
session.post('Profiler.start')
process.prependListener('SIGTERM', () => {
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(join(dir, `service-${process.pid}.cpuprofile`), JSON.stringify(result.profile))
  })
})

await import('../src/server.ts')
