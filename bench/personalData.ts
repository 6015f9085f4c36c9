/**
 * The personal-data guard, measured two ways on the seeded corpora of the
 * tests (`tests/fixtures/personalDataCorpus.ts`, `personalDataDisguises.ts`):
 *
 * - what it finds: recall on identifiers with a valid key, on the same
 *   identifiers disguised (invisible characters, other digit sets, unusual
 *   spaces and dashes, compatibility forms, reordering…), on identifiers cut
 *   between a title and its text or two paragraphs, on named identifiers with
 *   a wrong key; false positives on clean French sentences, plain and
 *   disguised;
 * - what it costs on contribution-sized messages, against a baseline measured
 *   in the same run: one pass of a plain digit regex over the same texts, the
 *   least any scanner has to do. Wall and CPU time per pass, over repeated
 *   rounds, as median and spread (fastest – slowest round).
 *
 * Run: npm run bench:personal-data
 */
import { detectPersonalDataInParts } from '../src/guard/detectInParts.ts'
import { detectPersonalData } from '../src/guard/personalData.ts'
import { readAsSeen } from '../src/guard/readAsSeen.ts'
import { buildPersonalDataCorpus, type LabelledSentence } from '../tests/fixtures/personalDataCorpus.ts'
import { buildDisguisedCorpus, disguiseKinds } from '../tests/fixtures/personalDataDisguises.ts'

const corpusArgs = { negativeCount: 5000, perKind: 1000, seed: 20_240_605 }
const corpus = buildPersonalDataCorpus(corpusArgs)
const disguised = buildDisguisedCorpus(corpusArgs)

// ---------------------------------------------------------------------------
// What it finds.

const percent = (part: number, total: number): string => `${((part / total) * 100).toFixed(2)} % (${part} / ${total})`

const foundCount = (samples: readonly LabelledSentence[]): number =>
  samples.filter((sample) =>
    detectPersonalData(sample.sentence).some(
      (finding) => finding.kind === sample.kind && finding.start === sample.start && finding.end === sample.end,
    ),
  ).length

const flaggedCount = (sentences: readonly string[]): number =>
  sentences.filter((sentence) => detectPersonalData(sentence).length > 0).length

const splitsFound = disguised.splits.filter((sample) =>
  detectPersonalDataInParts(sample.parts).some((finding) => finding.kind === sample.kind),
).length

console.log('What the guard finds (seed 20240605)')
console.log(`  identifiers with a valid key:        ${percent(foundCount(corpus.positives), corpus.positives.length)}`)
console.log(`  the same, disguised:                  ${percent(foundCount(disguised.disguised), disguised.disguised.length)}`)
for (const kind of disguiseKinds) {
  const samples = disguised.disguised.filter((sample) => sample.disguises.includes(kind))
  console.log(`    with ${`${kind}:`.padEnd(32)} ${percent(foundCount(samples), samples.length)}`)
}
console.log(`  cut between two fields or paragraphs: ${percent(splitsFound, disguised.splits.length)}`)
console.log(
  `  named, with a wrong key:              ${percent(foundCount(corpus.labelledWrongKeys), corpus.labelledWrongKeys.length)}`,
)
console.log(
  `  named, with a wrong key, disguised:   ${percent(foundCount(disguised.disguisedWrongKeys), disguised.disguisedWrongKeys.length)}`,
)
console.log(`  false positives, clean sentences:     ${percent(flaggedCount(corpus.negatives), corpus.negatives.length)}`)
console.log(
  `  false positives, clean and disguised: ${percent(flaggedCount(disguised.disguisedNegatives), disguised.disguisedNegatives.length)}`,
)

// ---------------------------------------------------------------------------
// What it costs.

/** Sentences packed into messages of about 1,500 characters, like a long answer. */
function messagesOf(sentences: readonly string[]): string[] {
  const messages: string[] = []
  let current = ''
  for (const sentence of sentences) {
    current += `${sentence} `
    if (current.length >= 1500) {
      messages.push(current)
      current = ''
    }
  }
  return messages
}

type Timing = { wallMs: number[]; cpuMs: number[] }

const rounds = 15

/** Runs `pass` over and over: 3 warm-up rounds, then `rounds` timed ones, each timed in wall and CPU time. */
function measure(pass: () => number): Timing {
  let checksum = 0
  for (let round = 0; round < 3; round++) checksum += pass()
  const timing: Timing = { cpuMs: [], wallMs: [] }
  for (let round = 0; round < rounds; round++) {
    const cpuBefore = process.cpuUsage()
    const wallBefore = performance.now()
    checksum += pass()
    timing.wallMs.push(performance.now() - wallBefore)
    const cpu = process.cpuUsage(cpuBefore)
    timing.cpuMs.push((cpu.user + cpu.system) / 1000)
  }
  // Printed so that no engine can drop the work as unused.
  if (checksum === -1) console.log(checksum)
  return timing
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

const spread = (values: readonly number[]): string =>
  `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`

const digits = /\d+/g

for (const [name, sentences] of [
  ['plain', [...corpus.positives.map((sample) => sample.sentence), ...corpus.negatives]],
  ['disguised', [...disguised.disguised.map((sample) => sample.sentence), ...disguised.disguisedNegatives]],
] as const) {
  const messages = messagesOf(sentences)
  const kilobytes = messages.reduce((sum, message) => sum + message.length, 0) / 1000
  console.log(`\nCost on ${messages.length} ${name} messages (${kilobytes.toFixed(0)} kB), ${rounds} rounds each`)
  const baseline = measure(() => messages.reduce((sum, message) => sum + [...message.matchAll(digits)].length, 0))
  const reading = measure(() => messages.reduce((sum, message) => sum + readAsSeen(message).text.length, 0))
  const guard = measure(() => messages.reduce((sum, message) => sum + detectPersonalData(message).length, 0))
  const together = measure(() =>
    messages.reduce(
      (sum, message) =>
        sum + detectPersonalDataInParts([{ field: 'title', text: message.slice(0, 120) }, { field: 'body', text: message.slice(120) }]).length,
      0,
    ),
  )
  const rows: Array<[string, Timing]> = [
    ['baseline: digit scan', baseline],
    ['readAsSeen (reading only)', reading],
    ['detectPersonalData', guard],
    ['title + text read together', together],
  ]
  console.log(
    `  ${'per pass'.padEnd(28)} ${'wall ms (median, spread)'.padEnd(28)} ${'CPU ms (median, spread)'.padEnd(28)} × baseline CPU   µs per message`,
  )
  for (const [label, timing] of rows) {
    const wall = `${median(timing.wallMs).toFixed(1)} (${spread(timing.wallMs)})`
    const cpu = `${median(timing.cpuMs).toFixed(1)} (${spread(timing.cpuMs)})`
    const ratio = median(timing.cpuMs) / Math.max(median(baseline.cpuMs), 0.001)
    const perMessage = (median(timing.wallMs) * 1000) / messages.length
    console.log(`  ${label.padEnd(28)} ${wall.padEnd(28)} ${cpu.padEnd(28)} ${`${ratio.toFixed(0)}×`.padEnd(15)} ${perMessage.toFixed(0)}`)
  }
}
