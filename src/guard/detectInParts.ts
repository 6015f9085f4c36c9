import { detectPersonalData, type PersonalDataOptions } from './personalData.ts'
import type { PersonalDataFinding } from './personalDataKinds.ts'

/** One text of a submission: a field, or one of several texts a field holds. */
export type TextPart = { field: string; text: string }

/** The stretch of one part that a finding covers. */
export type FindingPiece = { part: number; start: number; end: number }

/** An identifier found in the texts of a submission read together. */
export type PartsFinding = PersonalDataFinding & {
  /** The fields it lies in, in reading order: one, or two when it straddles them. */
  fields: string[]
  /** What it covers in each part, in reading order; offsets into that part's text. */
  pieces: FindingPiece[]
}

/** What separates two parts: a reader sees a line break between a title and its text, or two paragraphs. */
const partBreak = '\n'

/**
 * Finds personal identifiers in the texts of one submission read together,
 * the way a reader sees them one after the other: a question's title then
 * its text, the paragraphs of a guide. An identifier cut in two between the
 * title and the text, or between two paragraphs or lines, is found whole:
 * once with the break read as a space (« 06 12 34 » / « 56 78 »), once with
 * the break dropped, for numbers cut where they had no space
 * (« FR7630006000 » / « 011234567890189 », « jean.dupont@ » / « orange.fr »).
 * The second reading only adds identifiers that straddle a break, and wins
 * over the first where they overlap only when it finds a longer identifier of
 * another kind.
 */
export function detectPersonalDataInParts(
  parts: readonly TextPart[],
  options: Pick<PersonalDataOptions, 'kinds'> = {},
): PartsFinding[] {
  let text = ''
  const offsets: number[] = []
  for (const [index, part] of parts.entries()) {
    if (index > 0) text += partBreak
    offsets.push(text.length)
    text += part.text
  }
  const asSpaces = detectPersonalData(text, { ...options, lineBreaks: 'space' })
  const overlaps = (a: PersonalDataFinding, b: PersonalDataFinding) => a.start < b.end && b.start < a.end
  const joined = detectPersonalData(text, { ...options, lineBreaks: 'join' }).filter(
    (finding) =>
      /[\n\v\f\r\u0085\u2028\u2029]/u.test(finding.text) &&
      // An address complete before the break does not take the next line's first word as more of its domain.
      !asSpaces.some((other) => other.kind === finding.kind && overlaps(finding, other)),
  )
  // Where the two readings disagree, the longer identifier wins (« IBAN fr26…264 » / « 0416… » is an IBAN,
  // not a phone number at the start of the second line); on a tie, the reading with spaces.
  const findings: PersonalDataFinding[] = []
  for (const finding of [...asSpaces, ...joined].sort((a, b) => b.end - b.start - (a.end - a.start))) {
    if (findings.every((other) => finding.end <= other.start || finding.start >= other.end)) findings.push(finding)
  }
  findings.sort((a, b) => a.start - b.start)
  return findings.map((finding) => {
    const pieces: FindingPiece[] = []
    for (const [index, part] of parts.entries()) {
      const partStart = offsets[index] ?? 0
      const start = Math.max(finding.start, partStart)
      const end = Math.min(finding.end, partStart + part.text.length)
      if (start < end) pieces.push({ end: end - partStart, part: index, start: start - partStart })
    }
    const fields = [...new Set(pieces.map((piece) => parts[piece.part]?.field ?? ''))]
    return { ...finding, fields, pieces }
  })
}
