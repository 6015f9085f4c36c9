import { ibanLengths } from './ibanLengths.ts'

/**
 * Remainder of a decimal string modulo `divisor`, digit by digit, so numbers
 * longer than 2^53 (IBANs reach 30+ digits once letters are expanded) stay exact.
 */
export function remainderOfDigits(digits: string, divisor: number): number {
  let remainder = 0
  for (const digit of digits) {
    remainder = (remainder * 10 + digit.charCodeAt(0) - 48) % divisor
  }
  return remainder
}

/**
 * The 2-digit key of a NIR (French social-security number): 97 − (first 13 digits mod 97).
 * Corsican departments use INSEE's substitution before the division: 2A → 19, 2B → 18.
 * @param body the first 13 characters of the NIR, without separators, uppercase
 */
export function nirKey(body: string): number {
  const department = body.slice(5, 7)
  const substitute = department === '2A' ? '19' : department === '2B' ? '18' : department
  return 97 - remainderOfDigits(body.slice(0, 5) + substitute + body.slice(7), 97)
}

/**
 * Whether a compact, uppercase NIR (15 characters) carries the right key.
 */
export function hasValidNirKey(nir: string): boolean {
  return nir.length === 15 && Number(nir.slice(13)) === nirKey(nir.slice(0, 13))
}

/**
 * Whether a compact 13-digit French tax number (numéro fiscal, SPI) carries the
 * right key: its last 3 digits are the first 10 digits modulo 511.
 */
export function hasValidTaxNumberKey(taxNumber: string): boolean {
  return (
    /^[0-3]\d{12}$/.test(taxNumber) &&
    remainderOfDigits(taxNumber.slice(0, 10), 511) === Number(taxNumber.slice(10))
  )
}

/** Letters count as 10 (A) to 35 (Z) in the ISO 7064 mod 97-10 check of IBANs. */
function expandLetters(value: string): string {
  let digits = ''
  for (const character of value) {
    const code = character.charCodeAt(0)
    digits += code >= 65 && code <= 90 ? String(code - 55) : character
  }
  return digits
}

/**
 * Whether a compact, uppercase IBAN has its country's registered length and
 * passes the ISO 7064 mod 97-10 check.
 */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) {
    return false
  }
  if (ibanLengths[iban.slice(0, 2)] !== iban.length) {
    return false
  }
  const checkDigits = Number(iban.slice(2, 4))
  // 00, 01 and 99 can never be produced by the check-digit computation.
  if (checkDigits < 2 || checkDigits > 98) {
    return false
  }
  return remainderOfDigits(expandLetters(iban.slice(4) + iban.slice(0, 4)), 97) === 1
}
