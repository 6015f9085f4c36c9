import { findCafNumbers } from './detectors/cafNumber'
import { findEmails } from './detectors/email'
import { findIbans } from './detectors/iban'
import { findIdentityDocuments } from './detectors/identityDocuments'
import { findNirs } from './detectors/nir'
import { findPhones } from './detectors/phone'
import type { Span } from './detectors/span'
import { findTaxNumbers } from './detectors/taxNumber'
import { maskIdentifier } from './maskIdentifier'
import {
  type PersonalDataFinding,
  type PersonalDataKind,
  personalDataKinds,
  personalDataLabels,
} from './personalDataKinds'

/** Options of {@link detectPersonalData} and {@link maskPersonalData}. */
export type PersonalDataOptions = {
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
 * Findings never overlap: when two detectors claim the same characters, the
 * longer identifier wins, then the more specific kind (an IBAN over a NIR,
 * a NIR over a tax number…). They are returned in reading order.
 *
 * Deliberately not flagged: SIRET and SIREN numbers, which identify
 * businesses (sole traders included) in the public Sirene register, and
 * French numbers starting with 08, which belong to services, not people.
 * Numbers with a key (NIR, tax number, IBAN) are only flagged when the key is
 * right; passport numbers in capitals are flagged on their own; CAF and
 * identity-card numbers only when words naming them are nearby.
 */
export function detectPersonalData(text: string, options: PersonalDataOptions = {}): PersonalDataFinding[] {
  const wanted = new Set(options.kinds ?? personalDataKinds)
  const spans: Span[] = []
  for (const detector of detectors) {
    if (detector.kinds.some((kind) => wanted.has(kind))) {
      spans.push(...detector.find(text).filter((span) => wanted.has(span.kind)))
    }
  }
  return resolveOverlaps(spans).map((span) => ({
    kind: span.kind,
    start: span.start,
    end: span.end,
    text: text.slice(span.start, span.end),
    label: personalDataLabels[span.kind],
  }))
}

/**
 * Replaces every identifier {@link detectPersonalData} finds with a mask that
 * keeps just enough to recognise what it was (`FR76 •••• •••• …`,
 * `06 •• •• •• ••`, `j•••@•••.fr`), for storing a contribution with its
 * personal data removed.
 */
export function maskPersonalData(text: string, options: PersonalDataOptions = {}): MaskedPersonalData {
  const findings = detectPersonalData(text, options)
  let maskedText = ''
  let copiedUpTo = 0
  for (const finding of findings) {
    maskedText += text.slice(copiedUpTo, finding.start) + maskIdentifier(finding)
    copiedUpTo = finding.end
  }
  maskedText += text.slice(copiedUpTo)
  return { maskedText, findings }
}

const rank = new Map(personalDataKinds.map((kind, index) => [kind, index]))

function resolveOverlaps(spans: Span[]): Span[] {
  const byPreference = [...spans].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
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
