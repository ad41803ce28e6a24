import { execFileSync, spawn } from 'node:child_process'
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

    // A slow request in flight when the signal arrives still gets its answer.
    const inFlight = fetch(`${server.url}/api/tickets/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    server.child.kill('SIGTERM')
    t.equal((await inFlight).status, 200, 'in-flight request answered')
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
  t.match(processes, /node dist\/server\.js/, 'the service runs the compiled JavaScript')
  t.notMatch(processes, /tsx/, 'no TypeScript loader in production')
})
