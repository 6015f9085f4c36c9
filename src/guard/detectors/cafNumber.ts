import { isFollowedByUnit } from './characters.ts'
import { cafContext, contextDistance, countedAfter, normalizeForContext } from './context.ts'
import type { Span } from './span.ts'

/** 7 digits, sometimes followed by a key letter (« 1234567 », « 1234567 K »). */
const cafPattern =
  /(?<![\p{L}\p{N}_,.+*/@#-])\d{7}(?:[ \u00a0]?[A-Z](?![\p{L}\p{N}_]))?(?![\p{L}\p{N}_*/@%-]|[.,]\d)/gu

/**
 * CAF claimant numbers (numéro d'allocataire). Seven digits are far too common
 * to flag alone, so words naming the claimant number must appear nearby;
 * amounts (« 1234567 € ») and counts (« 1234567 foyers ») are never taken.
 */
export function findCafNumbers(text: string): Span[] {
  const spans: Span[] = []
  // The naming words, looked for cheaply before any number is.
  if (!/allocat|caf/i.test(text)) {
    return spans
  }
  for (const match of text.matchAll(cafPattern)) {
    const start = match.index
    const end = start + match[0].length
    if (isFollowedByUnit(text, end) || countedAfter.test(normalizeForContext(text.slice(end, end + 20)))) {
      continue
    }
    if (contextDistance({ text, start, end, pattern: cafContext }) !== undefined) {
      spans.push({ kind: 'caf-number', start, end })
    }
  }
  return spans
}
