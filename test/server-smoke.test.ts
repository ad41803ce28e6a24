import { execFileSync, spawn } from 'node:child_process'
import { request } from 'node:http'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { ADMIN_PASSWORD } from './support/app.ts'
import { loginOver, serverEnv, startServer } from './support/server-process.ts'
import { tempDir } from './support/temp.ts'

t.test(
  'a really listening server: serves, logs without secrets, shuts down gracefully, keeps its data',
  async (t) => {
    const dir = tempDir(t)
    const server = await startServer(serverEnv(dir))
    t.teardown(() => server.child.kill('SIGKILL'))
    const health = await fetch(`${server.url}/health`)
    t.equal(health.status, 200)
    const token = await loginOver(server.url)
    const created = await fetch(`${server.url}/api/tickets/crear`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        asunto: 'Prueba real',
        descripcion: 'Servidor escuchando de verdad',
        nombre: 'Ana',
        email: 'ana@example.com',
      }),
    })
    t.equal(created.status, 201)
    const { id } = (await created.json()) as { id: string }

    // A slow request in flight when the signal arrives still gets its answer: its headers and half
    // its body are on the server before SIGTERM, the rest after. (A request sent just before the
    // signal on an idle keep-alive connection may find it closed: that is not in flight.)
    const inFlight = slowPost(`${server.url}/api/tickets/crear`, {
      asunto: 'En vuelo',
      descripcion: 'Llega mientras el servidor se apaga',
      nombre: 'Ana',
      email: 'ana@example.com',
    })
    await inFlight.headersSent
    await new Promise((resolve) => setTimeout(resolve, 200))
    server.child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 200))
    inFlight.finish()
    t.equal(await inFlight.status, 201, 'in-flight request answered')
    const { code } = await server.exited
    t.equal(code, 0, 'clean exit')
    const logs = server.output()
    t.match(logs, /shutting down/)
    t.notMatch(logs, new RegExp(ADMIN_PASSWORD), 'no password in logs')
    t.notMatch(logs, new RegExp(token.split('.')[2]!), 'no token in logs')
    t.match(logs, /"reqId"/, 'request ids in logs')

    const again = await startServer(serverEnv(dir))
    t.teardown(() => again.child.kill('SIGKILL'))
    const detail = await fetch(`${again.url}/api/tickets/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    t.equal(detail.status, 200, 'the data and the JWT secret survived the restart')
    again.child.kill('SIGTERM')
    t.equal((await again.exited).code, 0)
  },
)

t.test('a bad configuration stops the start with a clear message', async (t) => {
  const dir = tempDir(t)
  const error = await startServer({ ...serverEnv(dir), PORT: 'abc', NODE_ENV: 'production' }).catch(
    (e: Error) => e,
  )
  t.type(error, Error)
  t.match((error as Error).message, /PORT=abc: must be an integer/)
  t.match((error as Error).message, /JWT_SECRET is required when NODE_ENV=production/)
})

t.test('npm start (the README command) compiles to dist/ and serves from it', async (t) => {
  const dir = tempDir(t)
  // detached: npm starts node as its own child; the whole group is killed at the end.
  const child = spawn('npm', ['start', '--silent'], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, ...serverEnv(dir), PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  t.teardown(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {}
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not listen:\n${output}`)), 120_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
  })
  t.equal((await fetch(`${url}/health`)).status, 200)
  t.ok(existsSync(join(import.meta.dirname, '..', 'dist', 'server.js')), 'compiled entry point')
  const processes = execFileSync('ps', ['-o', 'args=', '-g', String(child.pid)]).toString()
  t.match(processes, /node (--\S+ )*dist\/server\.js/, 'the service runs the compiled JavaScript')
  t.notMatch(processes, /tsx/, 'no TypeScript loader in production')
})

/** A JSON POST sent in two halves: `finish()` sends the second; `status` is the answer's status. */
function slowPost(url: string, body: unknown) {
  const bytes = Buffer.from(JSON.stringify(body))
  const half = Math.floor(bytes.length / 2)
  const req = request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
  })
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    req.on('error', reject)
  })
  const headersSent = new Promise<void>((resolve) => req.write(bytes.subarray(0, half), () => resolve()))
  return { headersSent, status, finish: () => req.end(bytes.subarray(half)) }
}
