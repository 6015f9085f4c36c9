import { hasValidTaxNumberKey } from '../checksums.ts'
import { isLabelled, taxNumberLabel } from './context.ts'
import { digitWindows } from './digitRuns.ts'
import type { Span } from './span.ts'

/**
 * French tax numbers (numéro fiscal, SPI): 13 digits starting with 0–3 whose
 * last 3 digits are the first 10 modulo 511, written compact or in groups
 * (« 30 23 217 600 053 »). The key alone lets 1 in 511 random 13-digit numbers
 * through, so no context words are needed. Named as a tax number (« numéro
 * fiscal », « SPI ») a whole run of 13 such digits is taken whatever its key.
 */
export function findTaxNumbers(text: string): Span[] {
  const spans: Span[] = []
  for (const window of digitWindows(text, 13)) {
    if (hasValidTaxNumberKey(window.digits)) {
      spans.push({ kind: 'tax-number', start: window.start, end: window.end })
    } else if (
      window.isWholeRun &&
      /^[0-3]/.test(window.digits) &&
      isLabelled({ text, start: window.start, end: window.end, pattern: taxNumberLabel })
    ) {
      spans.push({ kind: 'tax-number', start: window.start, end: window.end, isLabelledOnly: true })
    }
  }
  return spans
}
