import bidiFactory from 'bidi-js'

const bidi = bidiFactory()

/**
 * Characters that can make a line display in another order than it is
 * stored: right-to-left letters, Arabic digits and separators, and the
 * explicit direction controls (embeddings, overrides, isolates, marks).
 * Text without any is displayed as stored.
 */
const reorders = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}\u200f\u061c\u202a-\u202e\u2066-\u2069\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u

/** A text in the order a left-to-right page displays it, and where each of its characters is stored. */
export type VisualText = {
  text: string
  /** For each UTF-16 index of `text`, its index in the stored text. */
  sources: readonly number[]
}

/** Scripts outside the BMP written right to left. */
const astralRightToLeft =
  /[\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Mende_Kikakui}\p{Script=Old_Hungarian}\p{Script=Kharoshthi}\p{Script=Phoenician}\p{Script=Nabataean}\p{Script=Old_Turkic}\p{Script=Sogdian}\p{Script=Yezidi}]/u

/**
 * A stand-in of one UTF-16 unit with the same direction as a character
 * outside the BMP, which the bidirectional implementation reads unit by unit:
 * a right-to-left letter, a mark, an ignorable, a digit, a left-to-right letter
 * or a neutral sign.
 */
function standIn(character: string): string {
  if (astralRightToLeft.test(character)) return '\u05d0'
  if (/\p{M}/u.test(character)) return '\u0300'
  if (/[\p{Cf}\p{Default_Ignorable_Code_Point}]/u.test(character)) return '\u200b'
  if (/\p{Nd}/u.test(character)) return '0'
  return /[\p{L}\p{N}]/u.test(character) ? 'a' : '!'
}

/** Paragraph separators of the bidirectional algorithm: each paragraph is ordered on its own. */
const paragraphEnd = /[\n\r\u001c-\u001e\u0085\u2029]/gu

/**
 * How many characters of right-to-left paragraphs a text gets reordered, at
 * most: reordering costs up to some 30 µs a character on text crowded with
 * direction controls, and a contribution is far shorter than this.
 */
export const maxReorderedCharacters = 30_000

/** The display order of one paragraph, as indices into it. */
function paragraphOrder(paragraph: string): number[] {
  // One unit per character, so that reordering never splits a character in two.
  let proxy = ''
  const characterStarts: number[] = []
  let index = 0
  while (index < paragraph.length) {
    const codePoint = paragraph.codePointAt(index) ?? 0
    const width = codePoint > 0xffff ? 2 : 1
    proxy += width === 2 ? standIn(paragraph.slice(index, index + 2)) : (paragraph[index] ?? '')
    characterStarts.push(index)
    index += width
  }
  const order = bidi.getReorderedIndices(proxy, bidi.getEmbeddingLevels(proxy, 'ltr'))
  const sources: number[] = []
  for (const position of order) {
    const start = characterStarts[position] ?? 0
    const width = (paragraph.codePointAt(start) ?? 0) > 0xffff ? 2 : 1
    for (let unit = 0; unit < width; unit++) sources.push(start + unit)
  }
  return sources
}

/**
 * The text in display order on a left-to-right page (the Unicode
 * bidirectional algorithm, paragraph by paragraph), when that differs from
 * the stored order; else `undefined`. Digits of Arabic scripts separated by
 * spaces are shown group by group from right to left (« ٠٦ ١٢ ٣٤ » reads
 * « ٣٤ ١٢ ٠٦ »), and a right-to-left override reverses what follows it:
 * someone can store a number backwards so that it is displayed the right
 * way round. Only the first {@link maxReorderedCharacters} characters of
 * paragraphs holding right-to-left text are reordered.
 */
export function visualOrder(text: string): VisualText | undefined {
  if (!reorders.test(text)) return undefined
  const sources: number[] = []
  let budget = maxReorderedCharacters
  let isReordered = false
  let paragraphStart = 0
  const ends = [...text.matchAll(paragraphEnd)].map((match) => match.index + match[0].length)
  for (const paragraphStop of [...ends, text.length]) {
    if (paragraphStop <= paragraphStart) continue
    const paragraph = text.slice(paragraphStart, paragraphStop)
    const isRightToLeft = reorders.test(paragraph) && paragraph.length <= budget
    const order = isRightToLeft ? paragraphOrder(paragraph) : []
    if (isRightToLeft) budget -= paragraph.length
    for (let index = 0; index < paragraph.length; index++) {
      const source = isRightToLeft ? (order[index] ?? index) : index
      if (source !== index) isReordered = true
      sources.push(paragraphStart + source)
    }
    paragraphStart = paragraphStop
  }
  if (!isReordered) return undefined
  return { sources, text: sources.map((source) => text[source] ?? '').join('') }
}

const combiningMark = /^\p{M}$/u

/**
 * The stored range holding every character of a displayed range: reordering
 * keeps an identifier's characters together, so this is the identifier as
 * stored, with the combining marks of its last character (reordering puts a
 * right-to-left character's marks before it, outside the displayed range).
 */
export function storedRange(
  stored: string,
  visual: VisualText,
  start: number,
  end: number,
): { start: number; end: number } {
  let first = Number.POSITIVE_INFINITY
  let last = -1
  for (let index = start; index < end; index++) {
    const source = visual.sources[index]
    if (source === undefined) continue
    first = Math.min(first, source)
    last = Math.max(last, source)
  }
  if (last < 0) return { end: start, start }
  let after = last + 1
  while (after < stored.length && combiningMark.test(String.fromCodePoint(stored.codePointAt(after) ?? 0))) {
    after += (stored.codePointAt(after) ?? 0) > 0xffff ? 2 : 1
  }
  return { end: after, start: first }
}
