/**
 * Starts the service: configuration from the environment, the app, listen; on SIGINT/SIGTERM it
 * stops taking requests, lets in-flight ones finish, stops the projections and closes the stores.
 */
import closeWithGrace from 'close-with-grace'
import { ConfigError, loadConfig } from './config.ts'
import { buildApp } from './http/app.ts'

let config: ReturnType<typeof loadConfig>
try {
  config = loadConfig()
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`)
  process.exit(1)
}

const app = await buildApp({ config }).catch((error: unknown) => {
  process.stderr.write(`could not start: ${(error as Error).message}\n`)
  process.exit(1)
})

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
})

await app.listen({ port: config.port, host: config.host })
