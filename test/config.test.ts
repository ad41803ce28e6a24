import { statSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { ConfigError, loadConfig, parseDuration, resolveJwtSecret } from '../src/config.ts'
import { tempDir } from './support/temp.ts'

t.test('defaults', async (t) => {
  const config = loadConfig({})
  t.match(config, {
    port: 3000,
    host: '127.0.0.1',
    eventstoreUrl: null,
    jwtExpiresInSeconds: 28800,
    logLevel: 'info',
    passwordCost: { memoryKiB: 19456, timeCost: 2 },
  })
  t.same(config.areas, ['MESA', 'INFRAESTRUCTURA', 'SISTEMAS', 'FACTURACION', 'RRHH'])
  t.ok(config.dataDir.endsWith('/data'))
  t.equal(config.mail.publicUrl, 'http://127.0.0.1:3000')
  // On every interface (the Docker image), links cannot name 0.0.0.0.
  t.equal(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).mail.publicUrl, 'http://localhost:8080')
  t.equal(loadConfig({ HOST: '::' }).mail.publicUrl, 'http://localhost:3000')
  t.equal(
    loadConfig({ HOST: '0.0.0.0', PUBLIC_URL: 'https://ayuda.example.com/' }).mail.publicUrl,
    'https://ayuda.example.com',
  )
})

t.test('every bad value is reported at once, clearly', async (t) => {
  const error = (() => {
    try {
      loadConfig({
        PORT: '70000',
        EVENTSTORE_URL: 'http://x',
        JWT_EXPIRES_IN: 'mañana',
        ADMIN_EMAIL: 'a@b.co',
        LOG_LEVEL: 'loud',
        AREAS: ' , ',
        NODE_ENV: 'production',
        PASSWORD_MEMORY_KIB: '1024',
      })
    } catch (e) {
      return e as Error
    }
  })()
  t.type(error, ConfigError)
  for (const fragment of [
    'PORT=70000',
    'EVENTSTORE_URL',
    'JWT_EXPIRES_IN',
    'ADMIN_EMAIL and ADMIN_PASSWORD',
    'LOG_LEVEL',
    'AREAS',
    'JWT_SECRET is required',
    'PASSWORD_MEMORY_KIB below 19456',
  ]) {
    t.match(error!.message, fragment)
  }
})

t.test('values parse', async (t) => {
  const config = loadConfig({
    PORT: '8080',
    EVENTSTORE_URL: 'esdb://localhost:2113?tls=false',
    JWT_EXPIRES_IN: '30m',
    AREAS: 'mesa, soporte',
    JWT_SECRET: 'x'.repeat(32),
  })
  t.match(config, {
    port: 8080,
    eventstoreUrl: 'esdb://localhost:2113?tls=false',
    jwtExpiresInSeconds: 1800,
    areas: ['MESA', 'SOPORTE'],
  })
  t.equal(parseDuration('2d'), 172800)
  t.equal(parseDuration('3600'), 3600)
  t.throws(() => parseDuration('10s'), /between/)
})

t.test('outside production a JWT secret is generated once and kept with mode 0600', async (t) => {
  const dir = tempDir(t)
  const config = loadConfig({ DATA_DIR: dir })
  const first = resolveJwtSecret(config)
  t.ok(first.length >= 48)
  t.equal(resolveJwtSecret(config), first, 'the same on the next start')
  t.equal(statSync(join(dir, 'jwt-secret')).mode & 0o777, 0o600)
})

t.test('SLA policy: targets, pause policy, calendar and holidays; bad values stop the start', async (t) => {
  const config = loadConfig({
    SLA_CRITICA: '30m/2h',
    SLA_PAUSE: 'continue',
    SLA_CALENDAR: 'Mon-Fri 08:00-18:00 America/Bogota',
    SLA_HOLIDAYS: '2026-12-25, 2027-01-01',
  })
  t.same(config.sla.targets.CRITICA, { primeraRespuestaMs: 1_800_000, resolucionMs: 7_200_000 })
  t.same(
    config.sla.targets.MEDIA,
    { primeraRespuestaMs: 8 * 3_600_000, resolucionMs: 72 * 3_600_000 },
    'defaults kept',
  )
  t.equal(config.sla.pausa, 'continue')
  t.match(config.sla.calendar, { open: 480, close: 1080, timeZone: 'America/Bogota' })
  t.ok(config.sla.calendar?.holidays.has('2027-01-01'))
  t.equal(loadConfig({}).sla.calendar, null, '24×7 by default')
  const error = (() => {
    try {
      loadConfig({
        SLA_ALTA: '5h/1h',
        SLA_BAJA: 'mucho',
        SLA_PAUSE: 'quizas',
        SLA_CALENDAR: 'Mon-Fri 08:00-18:00 Nowhere/City',
      })
    } catch (e) {
      return e as Error
    }
  })()
  for (const fragment of ['SLA_ALTA=5h/1h', 'SLA_BAJA=mucho', 'SLA_PAUSE=quizas', 'unknown time zone'])
    t.match(error!.message, fragment)
})
