import type { Span } from './span.ts'

/**
 * A local part of letters, digits and the usual punctuation, dot-separated;
 * a domain of dot-separated labels ending with an alphabetic top-level domain.
 * Each label is delimited by dots, which keeps backtracking linear on hostile input.
 */
const emailPattern =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-]+(?:\.[\p{L}\p{N}_%+-]+)*@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,24}(?![\p{L}\p{N}_-]|\.[\p{L}\p{N}])/gu
const localCharacter = /[\p{L}\p{N}._%+-]/u
const domainCharacter = /[\p{L}\p{N}.-]/u

/**
 * Email addresses, accented ones included. Obfuscated forms (« jean [at] … »)
 * are not recognised. The pattern only runs around each « @ », so ordinary
 * prose costs a character scan.
 */
export function findEmails(text: string): Span[] {
  const spans: Span[] = []
  let scannedUpTo = 0
  let at = text.indexOf('@')
  while (at !== -1) {
    if (at >= scannedUpTo) {
      let start = at
      while (start > 0 && localCharacter.test(text[start - 1] ?? '')) {
        start--
      }
      let end = at + 1
      while (end < text.length && domainCharacter.test(text[end] ?? '')) {
        end++
      }
      // One character more, so the pattern sees what follows the address.
      const candidate = text.slice(start, end + 1)
      for (const match of candidate.matchAll(emailPattern)) {
        spans.push({ kind: 'email', start: start + match.index, end: start + match.index + match[0].length })
      }
      scannedUpTo = end
    }
    at = text.indexOf('@', at + 1)
  }
  return spans
}
