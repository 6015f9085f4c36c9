import { isValidIban } from '../checksums.ts'
import { ibanLengths } from '../ibanLengths.ts'
import { ibanLabel, isLabelled } from './context.ts'
import type { Span } from './span.ts'

/** A country code and check digits (« FR76 », « fr76 »). */
const ibanStart = /(?<![\p{L}\p{N}_])([A-Za-z]{2})\d{2}/gu
const alphanumeric = /[A-Za-z0-9]/
const separators = new Set([' ', '\u00a0', '\u202f', '-'])

/**
 * BBANs are mostly digits (the letters are bank codes and a few account
 * characters); a candidate made of words with a digit here and there is text.
 */
const minimumDigitShare = 0.4

/**
 * IBANs of every registered country, in any case, written electronically
 * (« FR7630006000011234567890189 ») or printed in groups of four with one
 * kind of separator (« FR76 3000 6000 … »). The country's registered length
 * says where the IBAN ends, so the word after it is never swallowed; the IBAN
 * must end at a word boundary and pass the mod 97 check, unless words naming
 * it sit right before or after (« IBAN : », « mon RIB »): then its shape is
 * enough.
 */
export function findIbans(text: string): Span[] {
  const spans: Span[] = []
  ibanStart.lastIndex = 0
  let match = ibanStart.exec(text)
  while (match !== null) {
    const length = ibanLengths[(match[1] ?? '').toUpperCase()]
    const bbanStart = match.index + match[0].length
    const bban = length === undefined ? undefined : readBban(text, bbanStart, length - 4)
    if (bban !== undefined && isValidIban(`${match[0]}${bban.characters}`.toUpperCase())) {
      spans.push({ kind: 'iban', start: match.index, end: bban.end })
      ibanStart.lastIndex = bban.end
    } else if (bban !== undefined && isLabelled({ text, start: match.index, end: bban.end, pattern: ibanLabel })) {
      spans.push({ kind: 'iban', start: match.index, end: bban.end, isLabelledOnly: true })
      ibanStart.lastIndex = bban.end
    } else {
      ibanStart.lastIndex = match.index + 1
    }
    match = ibanStart.exec(text)
  }
  return spans
}

/**
 * Reads `count` letters and digits from `from`: all glued together, or in
 * groups of four each preceded by the same separator. Returns them and where
 * they end, or `undefined` when the text does not have that shape or the last
 * character is glued to a longer word.
 */
function readBban(text: string, from: number, count: number): { characters: string; end: number } | undefined {
  const first = text[from]
  const separator = first !== undefined && separators.has(first) ? first : undefined
  let index = from
  let characters = ''
  while (characters.length < count) {
    if (separator !== undefined && characters.length % 4 === 0) {
      if (text[index] !== separator) {
        return undefined
      }
      index++
    }
    const character = text[index]
    if (character === undefined || !alphanumeric.test(character)) {
      return undefined
    }
    characters += character
    index++
  }
  const after = text[index]
  if (after !== undefined && /[\p{L}\p{N}_]/u.test(after)) {
    return undefined
  }
  const digits = characters.replace(/\D/g, '').length
  return digits / count >= minimumDigitShare ? { characters, end: index } : undefined
}
