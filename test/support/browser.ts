import { mkdirSync, rmdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import chromium from '@sparticuz/chromium'
import playwright, {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core'
import type { Test } from 'tap'
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './app.ts'
import { type ServerProcess, serverEnv, startServer } from './server-process.ts'
import { tempDir } from './temp.ts'

/**
 * Browser tests: the real server as its own process on a temp DATA_DIR, and the Chromium that
 * @sparticuz/chromium ships inside its npm package, driven by playwright-core. Without that
 * package's own `args` (they are for serverless hosts: --single-process crashes contexts on
 * close, --disable-web-security would void the CSRF and CSP tests).
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** The binary is decompressed to /tmp on first use; two test files at once must not race on it. */
async function chromiumPath(): Promise<string> {
  const lock = join(tmpdir(), 'mesa-chromium-extract.lock')
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      // A lock left behind by a killed process is stale after a minute.
      const held = statSync(lock, { throwIfNoEntry: false })
      if (held && Date.now() - held.mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true })
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  try {
    return await chromium.executablePath()
  } finally {
    rmdirSync(lock)
  }
}

export interface OpenedPage {
  context: BrowserContext
  page: Page
  /** Every dialog (alert, confirm…) the page tried to open: an XSS test wants none. */
  dialogs: string[]
}

export interface BrowserHarness {
  url: string
  server: ServerProcess
  browser: Browser
  /** A fresh context (own cookies) with one page; closed when the test ends. */
  open(options?: BrowserContextOptions): Promise<OpenedPage>
  /** JSON API call against the same server (set-up and checks, not what is being tested). */
  api(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: any }>
  adminToken: string
  /** Creates a user through the API (must change its password at first login). */
  createUser(
    rol: string,
    area?: string | null,
  ): Promise<{ id: string; email: string; password: string; nombre: string }>
  /** Logs the page in through the login form. */
  login(page: Page, email: string, password: string): Promise<void>
}

let counter = 0

export async function browserHarness(t: Test, env: Record<string, string> = {}): Promise<BrowserHarness> {
  const dir = tempDir(t, 'mesa-web-')
  const [server, executablePath] = await Promise.all([
    startServer(
      serverEnv(dir, {
        JWT_SECRET: 'una-clave-de-pruebas-de-al-menos-32-bytes',
        LOGIN_RATE_PER_IP: '1000',
        LOGIN_FAILURES_PER_IP_EMAIL: '1000',
        ...env,
      }),
    ),
    chromiumPath(),
  ])
  t.teardown(async () => {
    server.child.kill('SIGTERM')
    await server.exited
  })
  const browser = await playwright.chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true })
  t.teardown(() => browser.close())

  const api: BrowserHarness['api'] = async (method, path, body, token) => {
    const response = await fetch(server.url + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    return { status: response.status, json: text ? JSON.parse(text) : null }
  }
  const login = await api('POST', '/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
  if (login.status !== 200) throw new Error(`admin login: ${login.status}`)
  const adminToken = login.json.token as string

  return {
    url: server.url,
    server,
    browser,
    adminToken,
    api,
    async open(options = {}) {
      const context = await browser.newContext({ baseURL: server.url, locale: 'es-ES', ...options })
      t.teardown(() => context.close())
      const page = await context.newPage()
      page.setDefaultTimeout(10_000)
      const dialogs: string[] = []
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      return { context, page, dialogs }
    },
    async createUser(rol, area = null) {
      const n = ++counter
      const user = {
        email: `${rol.toLowerCase()}${n}@example.com`,
        nombre: `${rol === 'AREA' ? 'Especialista' : rol === 'MESA' ? 'Agente' : 'Persona'} ${n}`,
        password: 'temporal1',
      }
      const created = await api(
        'POST',
        '/api/auth/users',
        { ...user, rol, ...(area ? { area } : {}) },
        adminToken,
      )
      if (created.status !== 201)
        throw new Error(`create user: ${created.status} ${JSON.stringify(created.json)}`)
      return { id: created.json.user_id as string, ...user }
    },
    async login(page, email, password) {
      if (!page.url().includes('/app/login')) await page.goto('/app/login')
      await page.getByLabel('Email').fill(email)
      await page.getByLabel('Contraseña', { exact: true }).fill(password)
      await page.getByRole('button', { name: 'Entrar' }).click()
      await page.waitForLoadState()
    },
  }
}
