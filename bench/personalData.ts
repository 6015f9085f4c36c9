/**
 * Cost of the personal-data guard on contribution-sized texts, against a
 * baseline measured in the same run: one pass of a plain digit regex over the
 * same texts, the least any scanner has to do.
 *
 * Run: npx tsx bench/personalData.ts
 */
import { detectPersonalData } from '../src/guard/personalData'
import { buildPersonalDataCorpus } from '../tests/fixtures/personalDataCorpus'

const corpus = buildPersonalDataCorpus({ seed: 7, perKind: 250, negativeCount: 4000 })
const sentences = [...corpus.positives.map((labelled) => labelled.sentence), ...corpus.negatives]

/** Messages of about 1,500 characters, like a long answer. */
const messages: string[] = []
let current = ''
for (const sentence of sentences) {
  current += `${sentence} `
  if (current.length >= 1500) {
    messages.push(current)
    current = ''
  }
}
const totalCharacters = messages.reduce((sum, message) => sum + message.length, 0)

function time(run: () => number, rounds: number): { msPerRound: number; checksum: number } {
  let checksum = 0
  for (let round = 0; round < 3; round++) {
    checksum += run()
  }
  const startedAt = performance.now()
  for (let round = 0; round < rounds; round++) {
    checksum += run()
  }
  return { msPerRound: (performance.now() - startedAt) / rounds, checksum }
}

const digits = /\d+/g
const baseline = time(() => messages.reduce((sum, message) => sum + [...message.matchAll(digits)].length, 0), 20)
const guard = time(() => messages.reduce((sum, message) => sum + detectPersonalData(message).length, 0), 20)

const perMessageMs = guard.msPerRound / messages.length
console.log(`${messages.length} messages, ${(totalCharacters / 1000).toFixed(0)} kB`)
console.log(`baseline (digit scan): ${baseline.msPerRound.toFixed(2)} ms per pass`)
console.log(
  `detectPersonalData:    ${guard.msPerRound.toFixed(2)} ms per pass, ${(perMessageMs * 1000).toFixed(0)} µs per 1.5 kB message`,
)
console.log(`ratio guard / baseline: ${(guard.msPerRound / baseline.msPerRound).toFixed(1)}×`)
