import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'

/** Structural rules a newcomer relies on, checked on the source itself (docs/architecture.md). */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

/** Relative imports of a module (type-only imports included: a cycle of types is still a tangle). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/^(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm)].map((match) =>
    resolve(dirname(file), match[1]!),
  )
}

const graph = new Map(sourceFiles(SRC).map((file) => [file, importsOf(file)]))

t.test('no import cycle under src/', async (t) => {
  const cycles: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (file: string) => {
    if (state.get(file) === 'done') return
    if (state.get(file) === 'visiting') {
      cycles.push([...stack.slice(stack.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '))
      return
    }
    state.set(file, 'visiting')
    stack.push(file)
    for (const next of graph.get(file) ?? []) visit(next)
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of graph.keys()) visit(file)
  t.same(cycles, [], 'import cycles')
  t.ok(graph.size > 30, `read ${graph.size} modules`)
})

t.test('every relative import names an existing module', async (t) => {
  const missing = [...graph].flatMap(([file, imports]) =>
    imports.filter((target) => !graph.has(target)).map((target) => `${relative(SRC, file)} → ${target}`),
  )
  t.same(missing, [])
})
