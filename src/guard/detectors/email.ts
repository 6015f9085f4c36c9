import type { Span } from './span'

/**
 * A local part of letters, digits and the usual punctuation, dot-separated;
 * a domain of dot-separated labels ending with an alphabetic top-level domain.
 * Each label is delimited by dots, which keeps backtracking linear on hostile input.
 */
const emailPattern =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-]+(?:\.[\p{L}\p{N}_%+-]+)*@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,24}(?![\p{L}\p{N}_-]|\.[\p{L}\p{N}])/gu

/** Email addresses, accented ones included. Obfuscated forms (« jean [at] … ») are not recognised. */
export function findEmails(text: string): Span[] {
  return [...text.matchAll(emailPattern)].map((match) => ({
    kind: 'email',
    start: match.index,
    end: match.index + match[0].length,
  }))
}
