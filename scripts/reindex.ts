import { getPayload } from 'payload'

import config from '../payload.config.ts'
import { reindexKnowledge, type ReindexProgress } from 'entraide'

// Rebuilds the search index of payload.config.ts's database (DATABASE_URI)
// from scratch, in batches, with a progress bar: Meilisearch when MEILI_HOST
// is set. The embedded engine lives inside each app process and is rebuilt
// when the app starts; this script then only checks that every public item
// maps to a document (use the admin panel's button, or POST
// /api/entraide/reindex, to rebuild a running app's embedded index).

const barWidth = 30
const isTerminal = process.stderr.isTTY === true
let lastDrawnAt = 0
let lastPercent = -1

const draw = ({ collection, done, total }: ReindexProgress): void => {
  const ratio = total === 0 ? 1 : Math.min(1, done / total)
  const percent = Math.floor(ratio * 100)
  const now = Date.now()
  const isLast = done >= total
  if (isLast ? lastPercent === 100 : isTerminal ? now - lastDrawnAt < 100 : percent < lastPercent + 10) return
  lastDrawnAt = now
  lastPercent = percent
  const filled = Math.round(ratio * barWidth)
  const bar = `${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}`
  const line = `[${bar}] ${String(percent).padStart(3)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')} items  (${collection})`
  process.stderr.write(isTerminal ? `\r${line}` : `${line}\n`)
}

const payload = await getPayload({ config, disableOnInit: true })
try {
  const report = await reindexKnowledge({ onProgress: draw, payload })
  if (isTerminal) process.stderr.write('\n')
  const perType = Object.entries(report.byType)
    .map(([type, count]) => `${count} ${type}`)
    .join(', ')
  const rate = report.durationMs > 0 ? Math.round((report.documents / report.durationMs) * 1000) : report.documents
  console.log(
    `Search index rebuilt on the ${report.engine} engine: ${report.documents} documents (${perType}) in ${(report.durationMs / 1000).toFixed(1)} s, ${rate.toLocaleString('en')} documents/s.`,
  )
  if (report.engine === 'embedded') {
    console.log(
      'Note: the embedded engine lives in each app process and is rebuilt when the app starts. To rebuild a running app’s index, use “Rebuild the search index” in the admin panel (Search queries) or POST /api/entraide/reindex as an editor.',
    )
  }
} catch (error) {
  console.error('The search index could not be rebuilt:', error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await payload.destroy()
}
