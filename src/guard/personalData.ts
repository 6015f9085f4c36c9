import { findCafNumbers } from './detectors/cafNumber.ts'
import { findEmails } from './detectors/email.ts'
import { findIbans } from './detectors/iban.ts'
import { findIdentityDocuments } from './detectors/identityDocuments.ts'
import { findNirs } from './detectors/nir.ts'
import { findPhones } from './detectors/phone.ts'
import type { Span } from './detectors/span.ts'
import { findTaxNumbers } from './detectors/taxNumber.ts'
import { maskIdentifier } from './maskIdentifier.ts'
import { originalRange, readAsSeen, type ReadOptions } from './readAsSeen.ts'
import { storedRange, visualOrder } from './visualOrder.ts'
import {
  type PersonalDataFinding,
  type PersonalDataKind,
  personalDataKinds,
  personalDataLabels,
} from './personalDataKinds.ts'

/** Options of {@link detectPersonalData} and {@link maskPersonalData}. */
export type PersonalDataOptions = ReadOptions & {
  /**
   * Kinds to look for; the others are ignored.
   * @default every kind
   */
  kinds?: readonly PersonalDataKind[]
}

/** The result of {@link maskPersonalData}. */
export type MaskedPersonalData = {
  /** The text with every identifier replaced by its mask; unchanged when nothing was found. */
  maskedText: string
  /** What was masked, with offsets into the original text. */
  findings: PersonalDataFinding[]
}

const detectors: ReadonlyArray<{ kinds: readonly PersonalDataKind[]; find: (text: string) => Span[] }> = [
  { kinds: ['iban'], find: findIbans },
  { kinds: ['nir'], find: findNirs },
  { kinds: ['email'], find: findEmails },
  { kinds: ['phone'], find: findPhones },
  { kinds: ['tax-number'], find: findTaxNumbers },
  { kinds: ['passport', 'identity-card'], find: findIdentityDocuments },
  { kinds: ['caf-number'], find: findCafNumbers },
]

/**
 * Finds personal identifiers in a text people are about to publish: French
 * social-security numbers, tax numbers, IBANs, French phone numbers, email
 * addresses, passport and identity-card numbers, CAF claimant numbers.
 *
 * The text is read as a person sees it (see {@link readAsSeen}): invisible
 * characters between the digits, digits of other scripts, fullwidth forms,
 * unusual spaces and dashes hide nothing. Offsets and `text` still refer to
 * the text as written; `readAs` is the identifier as it reads.
 *
 * Findings never overlap: when two detectors claim the same characters, the
 * longer identifier wins, then one whose key was checked over one found by
 * its label alone, then the more specific kind (an IBAN over a NIR, a NIR over
 * a tax number…). They are returned in reading order.
 *
 * Deliberately not flagged: SIRET and SIREN numbers, which identify
 * businesses (sole traders included) in the public Sirene register, and
 * French numbers starting with 08, which belong to services, not people.
 * Numbers with a key (NIR, tax number, IBAN) are flagged when the key is
 * right, or when words right before or after name them (« NIR : », « numéro
 * fiscal », « IBAN ») whatever the key; passport numbers in capitals are
 * flagged on their own; CAF and identity-card numbers only when words naming
 * them are nearby.
 */
export function detectPersonalData(text: string, options: PersonalDataOptions = {}): PersonalDataFinding[] {
  const wanted = new Set(options.kinds ?? personalDataKinds)
  const findings = findIn(text, wanted, options).map((found) => toFinding(text, found.span, found.range))
  const visual = visualOrder(text)
  if (visual === undefined) return findings
  // Also as displayed, where right-to-left text reorders the line: the longer finding wins, then the stored order's.
  const displayed = findIn(visual.text, wanted, options).map((found) =>
    toFinding(text, found.span, storedRange(text, visual, found.range.start, found.range.end)),
  )
  const kept: PersonalDataFinding[] = []
  for (const finding of [...findings, ...displayed].sort((a, b) => b.end - b.start - (a.end - a.start))) {
    if (kept.every((other) => finding.end <= other.start || finding.start >= other.end)) kept.push(finding)
  }
  return kept.sort((a, b) => a.start - b.start)
}

/** The spans the detectors find in a text read as seen, with the range of the text each comes from. */
function findIn(
  text: string,
  wanted: ReadonlySet<PersonalDataKind>,
  options: ReadOptions,
): Array<{ span: Span & { readAs: string }; range: { start: number; end: number } }> {
  const seen = readAsSeen(text, options)
  const spans: Span[] = []
  for (const detector of detectors) {
    if (detector.kinds.some((kind) => wanted.has(kind))) {
      spans.push(...detector.find(seen.text).filter((span) => wanted.has(span.kind)))
    }
  }
  return resolveOverlaps(spans).map((span) => ({
    range: originalRange(seen, span.start, span.end),
    span: { ...span, readAs: seen.text.slice(span.start, span.end) },
  }))
}

function toFinding(
  text: string,
  span: Span & { readAs: string },
  range: { start: number; end: number },
): PersonalDataFinding {
  return {
    kind: span.kind,
    start: range.start,
    end: range.end,
    text: text.slice(range.start, range.end),
    readAs: span.readAs,
    ...(span.isLabelledOnly === true ? { isLabelledOnly: true } : {}),
    label: personalDataLabels[span.kind],
  }
}

/**
 * Replaces every identifier {@link detectPersonalData} finds with a mask that
 * keeps just enough to recognise what it was (`FR76 •••• •••• …`,
 * `06 •• •• •• ••`, `j•••@•••.fr`), for storing a contribution with its
 * personal data removed. The mask is drawn from the identifier as it reads,
 * so the characters that disguised it go too.
 */
export function maskPersonalData(text: string, options: PersonalDataOptions = {}): MaskedPersonalData {
  const findings = detectPersonalData(text, options)
  let maskedText = ''
  let copiedUpTo = 0
  for (const finding of findings) {
    maskedText += text.slice(copiedUpTo, finding.start) + maskFinding(finding)
    copiedUpTo = finding.end
  }
  maskedText += text.slice(copiedUpTo)
  return { maskedText, findings }
}

/** The mask stored in place of a finding, drawn from the identifier as it reads. */
export function maskFinding(finding: Pick<PersonalDataFinding, 'kind' | 'readAs'>): string {
  return maskIdentifier({ kind: finding.kind, text: finding.readAs })
}

const rank = new Map(personalDataKinds.map((kind, index) => [kind, index]))

function resolveOverlaps(spans: Span[]): Span[] {
  const byPreference = [...spans].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      Number(a.isLabelledOnly === true) - Number(b.isLabelledOnly === true) ||
      (rank.get(a.kind) ?? 0) - (rank.get(b.kind) ?? 0) ||
      a.start - b.start,
  )
  const kept: Span[] = []
  for (const span of byPreference) {
    if (kept.every((other) => span.end <= other.start || span.start >= other.end)) {
      kept.push(span)
    }
  }
  return kept.sort((a, b) => a.start - b.start)
}
