import type { Span } from './span.ts'

/**
 * National format: 0 then 1–7 or 9, then four pairs. The separator after the
 * first pair may be missing (« 0692 12 34 56 » in La Réunion); between the
 * other pairs there is a separator everywhere or nowhere, which keeps dates
 * such as « 01.02.2023 12 » out. People mix separators (« 06 12-34.56 78 »)
 * and read them alike, so any of them will do.
 */
const national =
  /(?<![\p{L}\p{N}_+,*/])0[1-79][ \u00a0\u202f.-]?\d{2}(?:(?:[ \u00a0\u202f.-]\d{2}){3}|\d{6})(?![\p{L}\p{N}_*/]|[.,]\d)/gu

/** « 06/12/34/56/78 »: slashes only when all four are there, so dates stay out. */
const nationalWithSlashes = /(?<![\p{L}\p{N}_+,*/])0[1-79](?:\/\d{2}){4}(?![\p{L}\p{N}_*/]|[.,]\d)/gu

/**
 * International format for France and its overseas departments: +33, 0033,
 * (+33), with or without the « (0) » or a stray 0, then the 9 digits of the
 * national number without its leading 0, grouped in any way.
 */
const international =
  /(?<![\p{L}\p{N}_])(?:\(\+|\+|00)[ \u00a0]?(?:33|262|508|590|594|596)\)?[ \u00a0.-]?(?:\(0\)[ \u00a0]?|0)?[1-79](?:[ \u00a0\u202f.-]?\d){8}(?![\p{L}\p{N}_*/]|[.,]\d)/gu

/**
 * French phone numbers. Numbers starting with 08 are left out on purpose:
 * they are freephone and shared-cost service numbers (« 0 800 … », « 08 06 … »)
 * that no private person holds, and citing a service's number is useful.
 */
export function findPhones(text: string): Span[] {
  const spans: Span[] = []
  for (const pattern of [international, national, nationalWithSlashes]) {
    for (const match of text.matchAll(pattern)) {
      spans.push({ kind: 'phone', start: match.index, end: match.index + match[0].length })
    }
  }
  return spans
}
