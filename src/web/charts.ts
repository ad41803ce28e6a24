/**
 * Server-side SVG charts for the console's statistics page: no chart library and no script, so
 * they render with JavaScript off and cost nothing in the page budget. Every label is escaped
 * here (the templates insert the SVG unescaped). Each chart is an <svg role="img"> named by its
 * <title> and <desc>, each bar carries its own <title> (a tooltip and a text for screen readers),
 * and the page shows the same figures as a table beside it.
 */

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}

/** Colours with at least 3:1 contrast against white, told apart by hue (legend beside). */
export const PALETTE = [
  '#0b5cab',
  '#b35c00',
  '#1b6e3a',
  '#a4161a',
  '#6a3d9a',
  '#00707a',
  '#8a5300',
  '#5a6776',
  '#c2185b',
  '#33691e',
]

export interface Series {
  key: string
  label: string
  color: string
}

const WIDTH = 640
const HEIGHT = 260
const LEFT = 44
const RIGHT = 8
const TOP = 10
const BOTTOM = 44

/** Round axis maxima: 1, 2, 5 × 10^n. */
function niceMax(value: number): number {
  if (value <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power
  return 10 * power
}

/** Up to two decimals, no trailing zeros, decimal comma (es-ES). */
const fmt = (n: number) => String(Math.round(n * 100) / 100).replace('.', ',')

function frame(id: string, title: string, desc: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" ` +
    `aria-labelledby="${id}-t ${id}-d" id="${id}" class="grafico-svg">` +
    `<title id="${id}-t">${escapeXml(title)}</title><desc id="${id}-d">${escapeXml(desc)}</desc>` +
    body +
    '</svg>'
  )
}

function yAxis(max: number, unit: string): string {
  const plot = HEIGHT - TOP - BOTTOM
  let out = ''
  for (let i = 0; i <= 4; i++) {
    const value = (max * i) / 4
    const y = TOP + plot - (plot * i) / 4
    out +=
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}" stroke="#cfd6de" stroke-width="1"/>` +
      `<text x="${LEFT - 6}" y="${y + 4}" text-anchor="end" font-size="11" fill="#1d2733">${escapeXml(fmt(value) + unit)}</text>`
  }
  return out
}

/**
 * Vertical stacked bars: one bar per category (a period), one segment per series. Categories
 * with many entries show every n-th label so they never overlap.
 */
export function stackedBarChart(options: {
  id: string
  title: string
  desc: string
  categories: readonly { key: string; label: string }[]
  series: readonly Series[]
  value: (category: string, series: string) => number
}): string {
  const { categories, series, value } = options
  const totals = categories.map((c) => series.reduce((sum, s) => sum + value(c.key, s.key), 0))
  const max = niceMax(Math.max(0, ...totals))
  const plot = HEIGHT - TOP - BOTTOM
  const slot = (WIDTH - LEFT - RIGHT) / Math.max(1, categories.length)
  const barWidth = Math.max(2, Math.min(48, slot * 0.7))
  const labelEvery = Math.max(1, Math.ceil(categories.length / 8))
  let body = yAxis(max, '')
  categories.forEach((category, index) => {
    const x = LEFT + slot * index + (slot - barWidth) / 2
    let top = TOP + plot
    for (const s of series) {
      const n = value(category.key, s.key)
      if (n <= 0) continue
      const h = (plot * n) / max
      top -= h
      body +=
        `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" ` +
        `fill="${s.color}" data-serie="${escapeXml(s.key)}" data-periodo="${escapeXml(category.key)}" data-valor="${n}">` +
        `<title>${escapeXml(`${category.label} · ${s.label}: ${n}`)}</title></rect>`
    }
    if (index % labelEvery === 0)
      body += `<text x="${(x + barWidth / 2).toFixed(1)}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11" fill="#1d2733">${escapeXml(category.label)}</text>`
  })
  if (categories.length === 0)
    body += `<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle" font-size="14" fill="#1d2733">Sin tickets en el periodo</text>`
  return frame(options.id, options.title, options.desc, body)
}

/** Horizontal bars, grouped: one row label, one bar per series (e.g. media and mediana). */
export function groupedBarChart(options: {
  id: string
  title: string
  desc: string
  rows: readonly { key: string; label: string }[]
  series: readonly Series[]
  /** null: no figure (drawn as "sin datos"). */
  value: (row: string, series: string) => number | null
  unit: string
  /** Axis maximum; by default a round number above the largest value. */
  max?: number
}): string {
  const { rows, series, value, unit } = options
  const values = rows.flatMap((r) => series.map((s) => value(r.key, s.key) ?? 0))
  const max = options.max ?? niceMax(Math.max(0, ...values))
  const left = 130
  const plotWidth = WIDTH - left - 60
  const rowHeight = (HEIGHT - TOP - 20) / Math.max(1, rows.length)
  const barHeight = Math.max(6, Math.min(22, (rowHeight * 0.8) / Math.max(1, series.length)))
  let body = ''
  for (let i = 0; i <= 4; i++) {
    const x = left + (plotWidth * i) / 4
    body +=
      `<line x1="${x}" x2="${x}" y1="${TOP}" y2="${HEIGHT - 20}" stroke="#cfd6de" stroke-width="1"/>` +
      `<text x="${x}" y="${HEIGHT - 6}" text-anchor="middle" font-size="11" fill="#1d2733">${escapeXml(fmt((max * i) / 4) + unit)}</text>`
  }
  rows.forEach((row, r) => {
    const y0 = TOP + rowHeight * r + (rowHeight - barHeight * series.length) / 2
    body += `<text x="${left - 8}" y="${(y0 + (barHeight * series.length) / 2 + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="#1d2733">${escapeXml(row.label)}</text>`
    series.forEach((s, k) => {
      const n = value(row.key, s.key)
      const y = y0 + barHeight * k
      if (n === null) {
        body += `<text x="${left + 4}" y="${(y + barHeight / 2 + 4).toFixed(1)}" font-size="11" fill="#5a6776">${escapeXml(`${s.label}: sin datos`)}</text>`
        return
      }
      const w = (plotWidth * Math.min(n, max)) / max
      body +=
        `<rect x="${left}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${(barHeight - 2).toFixed(1)}" fill="${s.color}" ` +
        `data-fila="${escapeXml(row.key)}" data-serie="${escapeXml(s.key)}" data-valor="${n}">` +
        `<title>${escapeXml(`${row.label} · ${s.label}: ${fmt(n)}${unit}`)}</title></rect>` +
        `<text x="${(left + w + 4).toFixed(1)}" y="${(y + barHeight / 2 + 3).toFixed(1)}" font-size="11" fill="#1d2733">${escapeXml(fmt(n) + unit)}</text>`
    })
  })
  return frame(options.id, options.title, options.desc, body)
}
