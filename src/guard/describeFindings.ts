import type { PersonalDataFinding, PersonalDataKind } from './personalDataKinds.ts'

/** Languages messages are written in. */
export type GuardLocale = 'fr' | 'en'

/** How many identifiers of one kind are quoted before the list is cut with « … ». */
const quotedPerKind = 3

type Wording = { one: string; many: string }

/** Singular with its article (French needs the gender for the pronoun too), and plural. */
const wordings: Readonly<Record<PersonalDataKind, { fr: Wording & { isFeminine: boolean }; en: Wording }>> = {
  nir: {
    fr: { one: 'un numéro de sécurité sociale', many: 'numéros de sécurité sociale', isFeminine: false },
    en: { one: 'a social security number', many: 'social security numbers' },
  },
  'tax-number': {
    fr: { one: 'un numéro fiscal', many: 'numéros fiscaux', isFeminine: false },
    en: { one: 'a tax number', many: 'tax numbers' },
  },
  iban: {
    fr: { one: 'un IBAN (coordonnées bancaires)', many: 'IBAN (coordonnées bancaires)', isFeminine: false },
    en: { one: 'an IBAN (bank account number)', many: 'IBANs (bank account numbers)' },
  },
  phone: {
    fr: { one: 'un numéro de téléphone', many: 'numéros de téléphone', isFeminine: false },
    en: { one: 'a phone number', many: 'phone numbers' },
  },
  email: {
    fr: { one: 'une adresse e-mail', many: 'adresses e-mail', isFeminine: true },
    en: { one: 'an email address', many: 'email addresses' },
  },
  passport: {
    fr: { one: 'un numéro de passeport', many: 'numéros de passeport', isFeminine: false },
    en: { one: 'a passport number', many: 'passport numbers' },
  },
  'identity-card': {
    fr: { one: "un numéro de carte d'identité", many: "numéros de carte d'identité", isFeminine: false },
    en: { one: 'an identity card number', many: 'identity card numbers' },
  },
  'caf-number': {
    fr: { one: "un numéro d'allocataire CAF", many: "numéros d'allocataire CAF", isFeminine: false },
    en: { one: 'a CAF claimant number', many: 'CAF claimant numbers' },
  },
}

const nbsp = '\u00a0'

/**
 * The beginning of an identifier as its author typed it, enough to find it in
 * their text (« 1 85 05 … »): a third of its letters and digits, between 3 and
 * 8. A line break inside (an identifier cut between a title and its text)
 * is quoted as a space.
 */
export function previewFinding(finding: Pick<PersonalDataFinding, 'text'>): string {
  // By code point, so that digits outside the BMP (𝟎𝟔…) count and are never cut in half.
  const characters = Array.from(finding.text.replace(/[\n\v\f\r\u0085\u2028\u2029]+/gu, ' '))
  const isCounted = (character: string | undefined) => /[\p{L}\p{N}]/u.test(character ?? '')
  const total = characters.filter(isCounted).length
  const shown = Math.min(8, Math.max(3, Math.ceil(total / 3)))
  let seen = 0
  let index = 0
  while (index < characters.length && seen < shown) {
    if (isCounted(characters[index])) {
      seen++
    }
    index++
  }
  // The marks and invisible characters typed right after the last character shown belong with it.
  while (index < characters.length && /[\p{M}\p{Cf}\p{Default_Ignorable_Code_Point}]/u.test(characters[index] ?? '')) {
    index++
  }
  if (index >= characters.length) {
    return characters.join('')
  }
  const isAtSeparator = /[\s\p{Z}.\p{Pd}]/u.test(characters[index] ?? '')
  return `${characters.slice(0, index).join('')}${isAtSeparator ? ' ' : ''}…`
}

function quote(text: string, locale: GuardLocale): string {
  return locale === 'fr' ? `«${nbsp}${text}${nbsp}»` : `"${text}"`
}

function joinList(items: readonly string[], locale: GuardLocale): string {
  const last = items[items.length - 1]
  if (items.length <= 1 || last === undefined) {
    return items.join('')
  }
  return `${items.slice(0, -1).join(', ')} ${locale === 'fr' ? 'et' : 'and'} ${last}`
}

/** « un numéro fiscal (« 30 23 2… ») » or « 2 numéros de téléphone (« 06 12 … », « 07 98 … ») ». */
function describeKind(kind: PersonalDataKind, found: readonly PersonalDataFinding[], locale: GuardLocale): string {
  const wording = wordings[kind][locale]
  const quoted = found.slice(0, quotedPerKind).map((finding) => quote(previewFinding(finding), locale))
  if (found.length > quotedPerKind) {
    quoted.push('…')
  }
  const name = found.length === 1 ? wording.one : `${found.length} ${wording.many}`
  return `${name} (${quoted.join(', ')})`
}

/**
 * A message telling the author what personal data their text contains and
 * where, so they can remove it: each kind is named and the beginning of each
 * identifier quoted (« Votre message contient un numéro de sécurité sociale
 * (« 1 85 05 … ») : retirez-le avant de publier. »). Returns an empty string
 * when there is nothing to report. The quoted beginnings are the author's own
 * data: show the message to them only, never to logs or other people.
 */
export function describeFindings(findings: readonly PersonalDataFinding[], locale: GuardLocale): string {
  const first = findings[0]
  if (first === undefined) {
    return ''
  }
  const byKind = new Map<PersonalDataKind, PersonalDataFinding[]>()
  for (const finding of findings) {
    byKind.set(finding.kind, [...(byKind.get(finding.kind) ?? []), finding])
  }
  const parts = [...byKind].map(([kind, found]) => describeKind(kind, found, locale))
  const list = joinList(parts, locale)
  if (findings.length === 1) {
    return locale === 'fr'
      ? `Votre message contient ${list}${nbsp}: retirez-${wordings[first.kind].fr.isFeminine ? 'la' : 'le'} avant de publier.`
      : `Your message contains ${list}: remove it before publishing.`
  }
  return locale === 'fr'
    ? `Votre message contient des données personnelles${nbsp}: ${list}. Retirez-les avant de publier.`
    : `Your message contains personal data: ${list}. Remove them before publishing.`
}
