import { type ChildProcessByStdio, spawn } from 'node:child_process'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './app.ts'

const serverEntry = join(import.meta.dirname, '..', '..', 'src', 'server.ts')

export interface ServerProcess {
  child: ChildProcessByStdio<null, Readable, Readable>
  url: string
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Starts the real server (`src/server.ts`) on a random port and waits until it listens (killing
 * it if it does not within `startTimeoutMs`).
 */
export async function startServer(
  env: Record<string, string>,
  { startTimeoutMs = 30_000 } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start:\n${output}`))
    }, startTimeoutMs)
    const check = () => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout.on('data', check)
    child.stderr.on('data', check)
    void exited.then(() => reject(new Error(`server exited:\n${output}`)))
  })
  return { child, url, output: () => output, exited }
}

/** The environment of a test server on `dir`: the test admin, cheap password hashing, and `extra`. */
export function serverEnv(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return { DATA_DIR: dir, ADMIN_EMAIL, ADMIN_PASSWORD, PASSWORD_MEMORY_KIB: '1024', ...extra }
}

/** Logs in over real HTTP (the test admin by default); the bearer token. */
export async function loginOver(
  url: string,
  email = ADMIN_EMAIL,
  password = ADMIN_PASSWORD,
): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { token: string }).token
}
