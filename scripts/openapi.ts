/**
 * Writes the service's OpenAPI document: the one the running service serves at /docs/json, built
 * from the same app factory on a throwaway data directory (no server listens, nothing is kept).
 *
 *   node --import tsx scripts/openapi.ts [--out file]   JSON to the file (default: stdout)
 *   node --import tsx scripts/openapi.ts --lint         Redocly's recommended rules (redocly.yaml)
 *                                                       on it; exit status non-zero on any error
 *   node --import tsx scripts/openapi.ts --types        regenerate test/support/api-types.ts
 *
 * `npm run lint:openapi` is --lint (part of `npm test`); `npm run openapi:types` is --types.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import openapiTS, { astToString } from 'openapi-typescript'
import { loadConfig } from '../src/config.ts'
import { buildApp } from '../src/http/app.ts'

/** The OpenAPI document of the app as built with default settings. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'mesa-openapi-'))
  try {
    const config = loadConfig({
      DATA_DIR: dir,
      JWT_SECRET: 'openapi-document-only-'.padEnd(40, 'x'),
      // No admin is bootstrapped: the document does not depend on any user.
      ADMIN_EMAIL: 'openapi@example.invalid',
      ADMIN_PASSWORD: 'no-login-ever-happens',
      PASSWORD_MEMORY_KIB: '1024',
    })
    const app = await buildApp({ config, logger: false, printBootstrap: () => {} })
    try {
      return app.swagger() as unknown as Record<string, unknown>
    } finally {
      await app.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const ROOT = join(import.meta.dirname, '..')
export const API_TYPES_PATH = join(ROOT, 'test/support/api-types.ts')

/** The TypeScript types openapi-typescript generates from the document (for openapi-fetch). */
export async function apiTypes(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0])
  return (
    '// Generated from the OpenAPI document by `npm run openapi:types` (openapi-typescript). Do not edit:\n' +
    '// test/openapi-client.test.ts fails when it is out of date.\n' +
    astToString(ast)
  )
}

/** Lints the document with Redocly's CLI; returns its exit status. */
function lint(document: Record<string, unknown>): number {
  const dir = mkdtempSync(join(tmpdir(), 'mesa-openapi-lint-'))
  try {
    const file = join(dir, 'openapi.json')
    writeFileSync(file, JSON.stringify(document, null, 2))
    const result = spawnSync(
      join(ROOT, 'node_modules/.bin/redocly'),
      ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'stylish'],
      {
        stdio: 'inherit',
        // Offline: no telemetry, no update check.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    )
    return result.status ?? 1
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const document = await openApiDocument()
  const outIndex = process.argv.indexOf('--out')
  if (process.argv.includes('--lint')) process.exitCode = lint(document)
  else if (process.argv.includes('--types')) writeFileSync(API_TYPES_PATH, await apiTypes(document))
  else {
    const json = JSON.stringify(document, null, 2) + '\n'
    if (outIndex >= 0 && process.argv[outIndex + 1]) writeFileSync(process.argv[outIndex + 1]!, json)
    else process.stdout.write(json)
  }
}
