import { describe, expect, it } from 'vitest'

import { describeFindings, previewFinding } from '../src/guard/describeFindings.ts'
import { detectPersonalDataInParts } from '../src/guard/detectInParts.ts'
import { detectPersonalData, maskPersonalData } from '../src/guard/personalData.ts'
import { originalRange, readAsSeen } from '../src/guard/readAsSeen.ts'
import { buildPersonalDataCorpus, type LabelledSentence } from './fixtures/personalDataCorpus.ts'
import {
  buildDisguisedCorpus,
  dashCharacters,
  digitZeros,
  disguiseKinds,
  dotCharacters,
  invisibleCharacters,
  spaceCharacters,
  type DisguisedSentence,
} from './fixtures/personalDataDisguises.ts'

const percent = (value: number): string => `${(value * 100).toFixed(2)} %`

/** Whether the guard finds the identifier of a labelled sentence, of its kind, exactly where it is. */
const isFound = (labelled: LabelledSentence): boolean =>
  detectPersonalData(labelled.sentence).some(
    (finding) => finding.kind === labelled.kind && finding.start === labelled.start && finding.end === labelled.end,
  )

describe('reading a text as a person sees it', () => {
  it('reads the digits of every script Intl can write as ASCII digits', () => {
    const systems = Intl.supportedValuesOf('numberingSystem')
    let checked = 0
    for (const numberingSystem of systems) {
      const written = new Intl.NumberFormat('fr', { numberingSystem, useGrouping: false }).format(1234567890)
      // Some systems (Chinese numerals) are letters, not decimal digits: nobody reads them as a number to type.
      if (!Array.from(written).every((character) => /\p{Nd}/u.test(character))) continue
      expect(readAsSeen(written).text, numberingSystem).toBe('1234567890')
      checked++
    }
    expect(checked).toBeGreaterThan(50)
  })

  it('removes invisible characters and unifies spaces, dashes and dots, keeping accents and case', () => {
    for (const invisible of invisibleCharacters) {
      expect(readAsSeen(`0${invisible}6`).text, invisible.codePointAt(0)?.toString(16)).toBe('06')
    }
    for (const space of spaceCharacters) expect(readAsSeen(`06${space}12`).text).toBe('06 12')
    for (const dash of dashCharacters) expect(readAsSeen(`06${dash}12`).text).toBe('06-12')
    for (const dot of dotCharacters) expect(readAsSeen(`06${dot}12`).text).toBe('06.12')
    expect(readAsSeen('Écrivez à ＪＥＡＮ＠ｏｒａｎｇｅ．ｆｒ').text).toBe('Écrivez à JEAN@orange.fr')
    expect(readAsSeen('e\u0301te\u0301 ①②\u00b3 ❶ 𝟎𝟔').text).toBe('été 123 1 06')
    expect(readAsSeen('06 \n\t\u2029 12').text).toBe('06 12')
  })

  it('maps every folded character back to what was typed', () => {
    const typed = 'tél\u00a0: \u0660\u200b\u0666 ٠٠ 12'
    const seen = readAsSeen(typed)
    expect(seen.text).toBe('tél : 06 00 12')
    const start = seen.text.indexOf('06')
    expect(originalRange(seen, start, start + 2)).toEqual({ end: typed.indexOf(' ٠٠'), start: typed.indexOf('\u0660') })
  })

  it('lists real decimal digit sets in the disguise generator', () => {
    for (const zero of digitZeros) {
      for (let value = 0; value < 10; value++) {
        expect(/\p{Nd}/u.test(String.fromCodePoint(zero + value)), zero.toString(16)).toBe(true)
      }
    }
  })
})

describe('disguised identifiers', () => {
  it('are found in the text as typed, and the message quotes what was typed', () => {
    const text = 'Appelez le ٠\u200b٦ ١٢ ٣٤ ٥٦ ٧٨ après 18 h'
    const [finding] = detectPersonalData(text)
    expect(finding).toMatchObject({ kind: 'phone', readAs: '06 12 34 56 78', text: '٠\u200b٦ ١٢ ٣٤ ٥٦ ٧٨' })
    expect(describeFindings(detectPersonalData(text), 'en')).toContain('"٠\u200b٦ ١٢ …"')
    expect(maskPersonalData(text).maskedText).toBe('Appelez le 06 •• •• •• •• après 18 h')
    // Only the beginning, whatever the characters: digits outside the BMP are counted, never cut in half.
    const [mathematical] = detectPersonalData('Numéro fiscal 𝟑𝟎𝟐𝟑𝟐𝟏𝟕𝟔𝟎𝟎𝟎𝟓𝟑')
    expect(previewFinding({ text: mathematical?.text ?? '' })).toBe('𝟑𝟎𝟐𝟑𝟐…')
  })

  it('are found as displayed when right-to-left text reorders them', () => {
    // Arabic-Indic groups separated by spaces are shown right to left: stored backwards, they display right.
    expect(detectPersonalData('Tél ٧٨ ٥٦ ٣٤ ١٢ ٠٦ merci').map((finding) => finding.readAs)).toEqual(['06 12 34 56 78'])
    // A right-to-left override displays what follows it backwards.
    const overridden = `écrivez à \u202erf.egnaro@naej\u202c svp`
    expect(detectPersonalData(overridden).map((finding) => `${finding.kind}:${finding.readAs}`)).toEqual([
      'email:jean@orange.fr',
    ])
    expect(maskPersonalData(overridden).maskedText).toBe('écrivez à \u202ej•••@•••.fr\u202c svp')
  })

  it('are found when cut between a title and its text or between two lines, with the fields named', () => {
    const [straddling] = detectPersonalDataInParts([
      { field: 'title', text: 'Mon NIR 1 85 05 78' },
      { field: 'body', text: '006 084 91, que faire ?' },
    ])
    expect(straddling).toMatchObject({ fields: ['title', 'body'], kind: 'nir' })
    expect(straddling?.pieces).toEqual([
      { end: 18, part: 0, start: 8 },
      { end: 10, part: 1, start: 0 },
    ])
    // Cut where there was no space: read once more with the break dropped.
    const [compact] = detectPersonalDataInParts([
      { field: 'title', text: 'Remboursement sur FR7630006000' },
      { field: 'body', text: '011234567890189 svp' },
    ])
    expect(compact).toMatchObject({ fields: ['title', 'body'], kind: 'iban', readAs: 'FR7630006000011234567890189' })
    const [joined] = detectPersonalDataInParts([{ field: 'body', text: 'Écrivez à jean.dupont@\norange.fr svp' }])
    expect(joined).toMatchObject({ fields: ['body'], kind: 'email', readAs: 'jean.dupont@orange.fr' })
  })

  it('do not grow an identifier complete before a break with the next line’s first word', () => {
    const findings = detectPersonalDataInParts([
      { field: 'title', text: 'Question de jeanne.martin@gmail.com' },
      { field: 'body', text: 'Vous pouvez me rappeler au 06 12 34 56 78.' },
    ])
    expect(findings.map((finding) => [finding.kind, finding.readAs, finding.fields])).toEqual([
      ['email', 'jeanne.martin@gmail.com', ['title']],
      ['phone', '06 12 34 56 78', ['body']],
    ])
  })

  it('leave clean texts on several lines alone', () => {
    const parts = [
      { field: 'title', text: 'Montants versés en 2024' },
      { field: 'body', text: 'Janvier : 1 250,00 €\n06 mars : 312 €\n12 avril : 78 €\nTotal 2024 : 1 640 €' },
    ]
    expect(detectPersonalDataInParts(parts)).toEqual([])
  })
})

describe('the disguised corpus', () => {
  const args = { negativeCount: 5000, perKind: 1000, seed: 20_240_605 }
  const corpus = buildPersonalDataCorpus(args)
  const disguised = buildDisguisedCorpus(args)

  it('finds at least 99.5 % of disguised identifiers, of those cut in two, and of named ones with a wrong key', () => {
    const recallOf = (samples: readonly LabelledSentence[]) => samples.filter(isFound).length / samples.length
    const recall = recallOf(disguised.disguised)
    const byDisguise = disguiseKinds.map((kind) => {
      const samples = disguised.disguised.filter((sample: DisguisedSentence) => sample.disguises.includes(kind))
      return { kind, recall: recallOf(samples), total: samples.length }
    })
    const splitRecall =
      disguised.splits.filter((sample) =>
        detectPersonalDataInParts(sample.parts).some((finding) => finding.kind === sample.kind),
      ).length / disguised.splits.length
    const wrongKeyRecall = recallOf(corpus.labelledWrongKeys)
    const disguisedWrongKeyRecall = recallOf(disguised.disguisedWrongKeys)
    console.log(
      `personal-data guard, disguised: recall ${percent(recall)} of ${disguised.disguised.length} ` +
        `(${byDisguise.map((entry) => `${entry.kind} ${percent(entry.recall)}`).join(', ')}); ` +
        `cut in two ${percent(splitRecall)} of ${disguised.splits.length}; ` +
        `named with a wrong key ${percent(wrongKeyRecall)} of ${corpus.labelledWrongKeys.length}, ` +
        `disguised ${percent(disguisedWrongKeyRecall)}`,
    )
    expect(recall).toBeGreaterThanOrEqual(0.995)
    for (const entry of byDisguise) {
      expect(entry.total, entry.kind).toBeGreaterThan(100)
      expect(entry.recall, entry.kind).toBeGreaterThanOrEqual(0.99)
    }
    expect(splitRecall).toBeGreaterThanOrEqual(0.995)
    expect(wrongKeyRecall).toBeGreaterThanOrEqual(0.995)
    expect(disguisedWrongKeyRecall).toBeGreaterThanOrEqual(0.995)
  })

  it('flags at most 0.5 % of clean sentences, disguised or not', () => {
    const rateOf = (sentences: readonly string[]) =>
      sentences.filter((sentence) => detectPersonalData(sentence).length > 0).length / sentences.length
    const clean = rateOf(corpus.negatives)
    const disguisedClean = rateOf(disguised.disguisedNegatives)
    console.log(
      `personal-data guard, false positives: ${percent(clean)} of ${corpus.negatives.length} clean sentences, ` +
        `${percent(disguisedClean)} of the same disguised`,
    )
    expect(clean).toBeLessThanOrEqual(0.005)
    expect(disguisedClean).toBeLessThanOrEqual(0.005)
  })

  it('leaves nothing detectable once a disguised text is masked', () => {
    for (const sample of disguised.disguised) {
      const { maskedText } = maskPersonalData(sample.sentence)
      expect(detectPersonalData(maskedText), maskedText).toEqual([])
      if (isFound(sample)) expect(maskedText).not.toContain(sample.value)
    }
  })
})
