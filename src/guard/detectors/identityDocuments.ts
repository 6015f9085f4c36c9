import { contextDistance, identityCardContext, otherReferenceContext, passportContext } from './context.ts'
import { digitWindows } from './digitRuns.ts'
import type { Span } from './span.ts'

/**
 * A quick look, on the raw text, for any word that could name a document;
 * without one, only capital passport numbers can be found, and the costlier
 * scans are skipped.
 */
const anyNaming = /cni|identit|passe?port|id card|national id|carte d.id/i

/** French passport numbers: 2 digits, 2 letters, 5 digits (« 12AB34567 », « 12 AB 34567 »). */
const passportPattern = /(?<![\p{L}\p{N}_])\d{2}[ \u00a0]?[A-Za-z]{2}[ \u00a0]?\d{5}(?![\p{L}\p{N}_])/gu

/** Identity cards issued since 2021: 9 letters or digits. */
const cardPattern = /(?<![\p{L}\p{N}_'’-])[A-Za-z0-9]{9}(?![\p{L}\p{N}_'’-])/gu

/** A label introducing a number just before it: « n° », « no. », « numéro », « : ». */
const labelBefore = /(?:n°|nº|no\.?|num(?:ero|éro)?\.?|number|:)[ \u00a0]*$/iu

type Document = 'passport' | 'identity-card'

/**
 * Whether the word before or after is also written in capitals (4 letters or
 * more), as in « CARTE NATIONALE D'IDENTITÉ »: there a 9-letter capital word
 * is a word, not a number.
 */
function isAmongCapitals(text: string, start: number, end: number): boolean {
  const before = /(\p{Lu}{4,})[^\p{L}\p{N}]{1,3}$/u.exec(text.slice(Math.max(0, start - 24), start))
  const after = /^[^\p{L}\p{N}]{1,3}(\p{Lu}{4,})(?!\p{Ll})/u.exec(text.slice(end, end + 24))
  return before !== null || after !== null
}

/**
 * What the nearest naming words say the number is: one of the documents,
 * another kind of reference (« rendez-vous n° … », « dossier … »), or nothing.
 */
function nearestNaming(text: string, start: number, end: number): Document | 'other-reference' | undefined {
  const distances: Array<[Document | 'other-reference', number | undefined]> = [
    ['passport', contextDistance({ text, start, end, pattern: passportContext })],
    ['identity-card', contextDistance({ text, start, end, pattern: identityCardContext })],
    ['other-reference', contextDistance({ text, start, end, pattern: otherReferenceContext })],
  ]
  let nearest: [Document | 'other-reference', number] | undefined
  for (const [naming, distance] of distances) {
    if (distance !== undefined && (nearest === undefined || distance < nearest[1])) {
      nearest = [naming, distance]
    }
  }
  return nearest?.[0]
}

/** The document a number is named as, ignoring numbers named as other references. */
function nearestDocument(text: string, start: number, end: number): Document | undefined {
  const naming = nearestNaming(text, start, end)
  return naming === 'other-reference' ? undefined : naming
}

/**
 * Passport and identity-card numbers. The passport format is distinctive
 * enough to be flagged on its own when written in capitals; everything else
 * needs words naming the document nearby (« carte d'identité », « CNI »,
 * « passeport »), because 9 letters and digits or 12 digits are also
 * references, words in capitals and other numbers:
 * - the 2021 identity card: 9 capitals and digits, or 9 capitals right after « n° »;
 * - the older identity card: 12 digits whose 3rd–4th digits are the month of issue.
 * When both documents are named, the nearer naming word decides the kind; when
 * a word introducing another reference (« rendez-vous », « dossier ») is
 * nearer still, the number is taken to be that reference.
 */
export function findIdentityDocuments(text: string): Span[] {
  const spans: Span[] = []
  for (const match of text.matchAll(passportPattern)) {
    const start = match.index
    const end = start + match[0].length
    const naming = nearestNaming(text, start, end)
    const isCapitals = match[0] === match[0].toUpperCase()
    if (naming === 'passport' || naming === 'identity-card') {
      spans.push({ kind: naming, start, end })
    } else if (naming === undefined && isCapitals) {
      spans.push({ kind: 'passport', start, end })
    }
  }
  if (!anyNaming.test(text)) {
    return spans
  }
  for (const match of text.matchAll(cardPattern)) {
    const token = match[0]
    const start = match.index
    const end = start + token.length
    if (/^\d+$/.test(token)) {
      continue
    }
    const hasDigit = /\d/.test(token)
    const isCapitals = token === token.toUpperCase()
    const isLowercase = token === token.toLowerCase()
    const isPlausible =
      (hasDigit && (isCapitals || isLowercase)) ||
      (!hasDigit &&
        isCapitals &&
        (labelBefore.test(text.slice(Math.max(0, start - 12), start)) || !isAmongCapitals(text, start, end)))
    const named = isPlausible ? nearestDocument(text, start, end) : undefined
    if (named !== undefined) {
      spans.push({ kind: named, start, end })
    }
  }
  for (const window of digitWindows(text, 12)) {
    const month = Number(window.digits.slice(2, 4))
    if (!window.isWholeRun || month < 1 || month > 12) {
      continue
    }
    if (nearestDocument(text, window.start, window.end) === 'identity-card') {
      spans.push({ kind: 'identity-card', start: window.start, end: window.end })
    }
  }
  return spans
}
