import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The data directory holds password hashes and requesters' personal data: it is created 0700 and
 * its files 0600 whatever the umask. Existing ones are left as they are (an operator may have
 * chosen a group on purpose) but reported by `widePrivateFiles`.
 */
export function ensurePrivateDir(path: string): void {
  if (existsSync(path)) return
  mkdirSync(path, { recursive: true, mode: 0o700 })
  // mkdir applies the umask; set the mode exactly.
  chmodSync(path, 0o700)
}

/**
 * Creates an empty SQLite file 0600 before SQLite does (SQLite would create it 0644 minus the
 * umask). An empty file is a valid empty database, and SQLite gives its -wal and -shm files the
 * database file's mode.
 */
export function ensurePrivateFile(path: string): void {
  if (path === ':memory:' || path === '' || existsSync(path)) return
  try {
    closeSync(openSync(path, 'wx', 0o600))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return
    throw error
  }
  chmodSync(path, 0o600)
}

/** DATA_DIR itself and the service's files in it whose mode lets the group or others in. */
export function widePrivateFiles(dataDir: string): Array<{ path: string; mode: string }> {
  if (!existsSync(dataDir)) return []
  const wide: Array<{ path: string; mode: string }> = []
  const check = (path: string) => {
    const mode = statSync(path).mode & 0o777
    if (mode & 0o077) wide.push({ path, mode: `0${mode.toString(8)}` })
  }
  check(dataDir)
  for (const name of readdirSync(dataDir)) {
    if (name === 'jwt-secret' || /^(events|readmodels)[\w.-]*\.db(-wal|-shm)?$/.test(name))
      check(join(dataDir, name))
  }
  return wide
}
