import type { PersonalDataKind } from './personalDataKinds.ts'

const bullet = '•'
const alphanumeric = /[\p{L}\p{N}]/u

/** How many letters and digits of an IBAN stay visible (country and check digits) and how many bullets follow. */
const ibanVisible = 4
const ibanBullets = 8

/**
 * The mask stored in place of an identifier. Separators are kept so the shape
 * stays recognisable; what stays visible tells the kind without identifying
 * anyone: an IBAN's country and check digits, a phone number's prefix, an
 * email's first letter and top-level domain.
 */
export function maskIdentifier({ kind, text }: { kind: PersonalDataKind; text: string }): string {
  switch (kind) {
    case 'iban':
      return maskIban(text)
    case 'phone':
      return maskAfter(text, phonePrefixLength(text))
    case 'email':
      return maskEmail(text)
    default:
      return maskAfter(text, 0)
  }
}

/** Replaces every letter and digit from `visibleLength` on, keeping separators. */
function maskAfter(text: string, visibleLength: number): string {
  return text.slice(0, visibleLength) + text.slice(visibleLength).replace(/[\p{L}\p{N}]/gu, bullet)
}

function maskIban(text: string): string {
  let masked = ''
  let seen = 0
  for (const character of text) {
    if (!alphanumeric.test(character)) {
      masked += character
      continue
    }
    if (seen >= ibanVisible + ibanBullets) {
      // The length would tell the country's bank format; cut it short.
      return `${masked}…`
    }
    masked += seen < ibanVisible ? character : bullet
    seen++
  }
  return masked
}

/** Characters of a phone number left visible: the international or trunk prefix and the first significant digit. */
function phonePrefixLength(text: string): number {
  const prefix = /^(?:\(?(?:\+|00)[ \u00a0]?(?:33|262|508|590|594|596)\)?[ \u00a0.-]?(?:\(0\)[ \u00a0]?|0)?\d|0\d)/u.exec(text)
  return prefix?.[0].length ?? 0
}

function maskEmail(text: string): string {
  const at = text.lastIndexOf('@')
  const dot = text.lastIndexOf('.')
  return `${text.slice(0, 1)}${bullet.repeat(3)}@${bullet.repeat(3)}${text.slice(dot > at ? dot : text.length)}`
}
