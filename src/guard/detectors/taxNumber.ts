import { hasValidTaxNumberKey } from '../checksums'
import { digitWindows } from './digitRuns'
import type { Span } from './span'

/**
 * French tax numbers (numéro fiscal, SPI): 13 digits starting with 0–3 whose
 * last 3 digits are the first 10 modulo 511, written compact or in groups
 * (« 30 23 217 600 053 »). The key alone lets 1 in 511 random 13-digit numbers
 * through, so no context words are needed.
 */
export function findTaxNumbers(text: string): Span[] {
  return digitWindows(text, 13)
    .filter((window) => hasValidTaxNumberKey(window.digits))
    .map((window) => ({ kind: 'tax-number', start: window.start, end: window.end }))
}
