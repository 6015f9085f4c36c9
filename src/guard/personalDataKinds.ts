/** The kinds of personal identifiers the guard recognises. */
export type PersonalDataKind =
  | 'nir'
  | 'tax-number'
  | 'iban'
  | 'phone'
  | 'email'
  | 'passport'
  | 'identity-card'
  | 'caf-number'

/** A human name for a kind, in the two languages the interface speaks. */
export type PersonalDataLabel = { fr: string; en: string }

/** One identifier found in a text. Offsets are UTF-16 indices into the text that was scanned. */
export type PersonalDataFinding = {
  kind: PersonalDataKind
  /** Index of the first character of the identifier. */
  start: number
  /** Index just past the last character (`text.slice(start, end)` is the identifier). */
  end: number
  /** The identifier exactly as written, separators and any invisible characters included. */
  text: string
  /**
   * The identifier as a reader sees it: ASCII digits, invisible characters
   * removed, spaces and dashes unified. Equal to `text` for plainly typed ones.
   */
  readAs: string
  /**
   * `true` when the number was taken for what the words before or after it
   * call it (« NIR : … », « IBAN … ») although its key is wrong; absent when
   * its key or format alone identifies it.
   */
  isLabelledOnly?: boolean
  label: PersonalDataLabel
}

/** Every kind, in the order detectors prefer when two findings cover the same characters. */
export const personalDataKinds: readonly PersonalDataKind[] = [
  'iban',
  'nir',
  'email',
  'phone',
  'tax-number',
  'identity-card',
  'passport',
  'caf-number',
]

/** Labels shown to people; kept short so they read well inside a sentence. */
export const personalDataLabels: Readonly<Record<PersonalDataKind, PersonalDataLabel>> = {
  nir: { fr: 'numéro de sécurité sociale', en: 'social security number' },
  'tax-number': { fr: 'numéro fiscal', en: 'tax number' },
  iban: { fr: 'IBAN (coordonnées bancaires)', en: 'IBAN (bank account number)' },
  phone: { fr: 'numéro de téléphone', en: 'phone number' },
  email: { fr: 'adresse e-mail', en: 'email address' },
  passport: { fr: 'numéro de passeport', en: 'passport number' },
  'identity-card': { fr: "numéro de carte d'identité", en: 'identity card number' },
  'caf-number': { fr: "numéro d'allocataire CAF", en: 'CAF claimant number' },
}
