import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

export interface AxeViolation {
  id: string
  impact: string
  help: string
  targets: string[]
}

/**
 * Runs axe-core in the page and returns its serious and critical violations. axe is injected as
 * an inline script, so the page's context must be opened with `bypassCSP: true` (the app's CSP
 * allows no inline script — which is the point of it).
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE })
  const violations = await page.evaluate(async () => {
    // Runs in the page (no DOM types in this project's compiler settings).
    const window = globalThis as any
    const result = await window.axe.run(window.document, { resultTypes: ['violations'] })
    return (result.violations as any[]).map((v) => ({
      id: String(v.id),
      impact: String(v.impact),
      help: String(v.help),
      targets: (v.nodes as any[]).slice(0, 5).map((n) => JSON.stringify(n.target)),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** Whether the page scrolls sideways at its current viewport width. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => {
    const window = globalThis as any
    return { scrollWidth: window.document.documentElement.scrollWidth, innerWidth: window.innerWidth }
  })
}
