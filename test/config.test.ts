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
    passwordCost: { N: 131072, r: 8, p: 1 },
  })
  t.same(config.areas, ['MESA', 'INFRAESTRUCTURA', 'SISTEMAS', 'FACTURACION', 'RRHH'])
  t.ok(config.dataDir.endsWith('/data'))
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
        SCRYPT_N: '1000',
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
    'SCRYPT_N=1000',
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
