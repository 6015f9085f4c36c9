import { hasValidNirKey } from '../checksums.ts'
import { isLabelled, nirLabel } from './context.ts'
import type { Span } from './span.ts'

/** Between the fields of a NIR people put nothing, spaces, dots or dashes (« … 084 - 36 »). */
const S = '(?:[ \\u00a0\\u202f]{0,2}[.-][ \\u00a0\\u202f]{0,2}|[ \\u00a0\\u202f]{1,2})?'

/**
 * Sex, year, month, place of birth (department + commune, or a 3-digit overseas
 * department + 2-digit commune), order number, and the key, which people
 * sometimes leave out. Separators may only fall between these fields, which
 * is how the number is printed on the Carte Vitale.
 */
const nirPattern = new RegExp(
  `(?<![\\p{L}\\p{N}_,+*/])([1-478])${S}(\\d{2})${S}(\\d{2})${S}` +
    `(?:(\\d{2}|2[ABab])${S}(\\d{3})|(9[78]\\d)${S}(\\d{2}))` +
    `${S}(\\d{3})(?:${S}(\\d{2}))?(?![\\p{L}\\p{N}_*/])`,
  'gu',
)

/**
 * Months INSEE allows: real months, and the conventional values given to
 * people whose civil status is incomplete (20, 30–42, 50 and above).
 */
function isNirMonth(month: number): boolean {
  return (month >= 1 && month <= 12) || month === 20 || (month >= 30 && month <= 42) || month >= 50
}

/**
 * French social-security numbers (NIR). The sex digit may be 1 or 2, or 3, 4,
 * 7, 8 for the provisional numbers given while a file is being registered;
 * Corsica's 2A and 2B are accepted with the official substitution in the key.
 * On its own, a number needs a valid key, month and department. Named as a
 * social-security number (« NIR : », « n° de sécu ») it is taken whatever
 * its key, and even without one: the person meant to give it.
 */
export function findNirs(text: string): Span[] {
  const spans: Span[] = []
  nirPattern.lastIndex = 0
  let match = nirPattern.exec(text)
  while (match !== null) {
    const compact = match.slice(1).filter((part) => part !== undefined).join('').toUpperCase()
    const month = Number(compact.slice(3, 5))
    const department = compact.slice(5, 7)
    const start = match.index
    const end = start + match[0].length
    if (compact.length === 15 && isNirMonth(month) && department !== '00' && hasValidNirKey(compact)) {
      spans.push({ kind: 'nir', start, end })
    } else if (isLabelled({ text, start, end, pattern: nirLabel })) {
      spans.push({ kind: 'nir', start, end, isLabelledOnly: true })
    } else {
      // A failed candidate may hide a valid one that starts a little further.
      nirPattern.lastIndex = start + 1
    }
    match = nirPattern.exec(text)
  }
  return spans
}
