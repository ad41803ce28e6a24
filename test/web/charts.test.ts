import t from 'tap'
import { groupedBarChart, stackedBarChart } from '../../src/web/charts.ts'

const EVIL = '<script>alert(1)</script>"&\''

t.test('stacked bars: escaped labels, a title and a desc, one rect per non-zero value', async (t) => {
  const svg = stackedBarChart({
    id: 'g',
    title: `Título ${EVIL}`,
    desc: `Descripción ${EVIL}`,
    categories: [
      { key: '2026-12-01', label: `01/12 ${EVIL}` },
      { key: '2026-12-02', label: '02/12' },
    ],
    series: [
      { key: 'A', label: `Serie ${EVIL}`, color: '#000' },
      { key: 'B', label: 'B', color: '#111' },
    ],
    value: (c, s) => ({ '2026-12-01A': 3, '2026-12-01B': 0, '2026-12-02A': 1, '2026-12-02B': 4 })[c + s] ?? 0,
  })
  t.notMatch(svg, '<script>', 'no markup from labels')
  t.match(svg, '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;')
  t.match(svg, /^<svg [^>]*role="img" aria-labelledby="g-t g-d"/)
  t.match(svg, /<title id="g-t">Título &lt;script/)
  t.match(svg, /<desc id="g-d">Descripción &lt;script/)
  const values = [...svg.matchAll(/data-serie="(\w)" data-periodo="([\d-]+)" data-valor="(\d+)"/g)].map((m) =>
    m.slice(1).join(' '),
  )
  t.same(values, ['A 2026-12-01 3', 'A 2026-12-02 1', 'B 2026-12-02 4'], 'zero values draw nothing')
  // The tallest bar (5) fits under the axis maximum (5): heights are proportional.
  const heights = [...svg.matchAll(/height="([\d.]+)" fill/g)].map((m) => Number(m[1]))
  t.equal(Math.round(heights[1]! + heights[2]!), Math.round(206), 'the full stack spans the plot height')
  t.equal(Math.round((heights[0]! / heights[1]!) * 10) / 10, 3, 'a 3 is three times a 1')
})

t.test('grouped bars: "sin datos" for missing figures; empty charts say so', async (t) => {
  const svg = groupedBarChart({
    id: 'h',
    title: 'SLA',
    desc: 'd',
    rows: [{ key: 'ALTA', label: 'Alta' }],
    series: [
      { key: 'x', label: 'Primera', color: '#000' },
      { key: 'y', label: 'Resolución', color: '#111' },
    ],
    value: (_r, s) => (s === 'x' ? 50 : null),
    unit: ' %',
    max: 100,
  })
  t.match(svg, '<title>Alta · Primera: 50 %</title>')
  t.match(svg, 'Resolución: sin datos')
  const empty = stackedBarChart({
    id: 'e',
    title: 't',
    desc: 'd',
    categories: [],
    series: [],
    value: () => 0,
  })
  t.match(empty, 'Sin tickets en el periodo')
})
