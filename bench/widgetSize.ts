import { bundleWidget, sizesOf, widgetBudgetBytes } from '../scripts/buildWidget.ts'

// Size of the standalone widget bundle as shipped (Preact through
// preact/compat) against a baseline built in the same run from the same entry
// with real react-dom, so the figure reads as a ratio whatever the machine.

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`

const shipped = sizesOf(await bundleWidget({ renderer: 'preact' }))
const baseline = sizesOf(await bundleWidget({ renderer: 'react' }))

console.log('Standalone widget bundle (minified IIFE, gzip level 9)')
console.table({
  'baseline (react-dom)': { gzip: kib(baseline.gzip), raw: kib(baseline.raw) },
  'shipped (preact/compat)': { gzip: kib(shipped.gzip), raw: kib(shipped.raw) },
})
console.log(`gzip ratio shipped / baseline: ${(shipped.gzip / baseline.gzip).toFixed(2)}`)
console.log(
  `budget: ${kib(widgetBudgetBytes)} gzip — ${shipped.gzip <= widgetBudgetBytes ? 'within budget' : 'OVER BUDGET'}`,
)
if (shipped.gzip > widgetBudgetBytes) process.exitCode = 1
