/**
 * Text helpers shared by the engines and the document mapping: accent folding,
 * tokenizing, French stop words, plain text out of Lexical, and highlighting.
 */

const nonAscii = /[^\u0000-\u007f]/
const combiningMarks = /\p{M}+/gu
const foldedLetters = /[œæßøłđ]/g
const foldedLetterReplacements: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd' }
const wordPattern = /[\p{L}\p{N}]+/gu
const wordCharacter = /[\p{L}\p{N}\p{M}]/u

/**
 * Lower-cases and removes accents (`Impôts` → `impots`, `œuvre` → `oeuvre`),
 * so that readers who type without accents find accented text. Indexing and
 * querying both go through it, before anything else looks at the words.
 */
export const foldText = (value: string): string => {
  const lower = value.toLowerCase()
  if (!nonAscii.test(lower)) return lower
  return lower
    .normalize('NFD')
    .replace(combiningMarks, '')
    .replace(foldedLetters, (letter) => foldedLetterReplacements[letter] ?? letter)
}

/**
 * Splits text into folded words. Everything that is not a letter or a digit
 * separates words, so elisions split too: `d'identité` → `d`, `identite`.
 */
export const tokenize = (value: string): string[] => foldText(value).match(wordPattern) ?? []

/**
 * French stop words: articles, pronouns, prepositions and elided forms that
 * carry no meaning in a search. Words that can (`pas`, `plus`, `est` as in
 * Grand Est) are deliberately left out. Listed as written; engines fold them.
 */
export const frenchStopWords: readonly string[] = [
  'a', 'à', 'afin', 'ai', 'au', 'aux', 'avec', 'c', 'ça', 'ce', 'ceci', 'cela', 'celle', 'celles', 'celui', 'ces', 'cet',
  'cette', 'ceux', 'chez', 'd', 'dans', 'de', 'des', 'donc', 'dont', 'du', 'elle', 'elles', 'en', 'et', 'eux', 'il',
  'ils', 'j', 'je', 'l', 'la', 'le', 'les', 'leur', 'leurs', 'lui', 'm', 'ma', 'mais', 'me', 'mes', 'moi', 'mon', 'n',
  'ne', 'nos', 'notre', 'nous', 'on', 'ou', 'où', 'par', 'pour', 'qu', 'que', 'quel', 'quelle', 'quelles', 'quels',
  'qui', 'quoi', 's', 'sa', 'se', 'ses', 'si', 'son', 'sur', 't', 'ta', 'te', 'tes', 'toi', 'ton', 'tu', 'un', 'une',
  'vos', 'votre', 'vous', 'y',
]

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

// Lexical node types that start a new line. Any direct child of the root is a
// block too, so block types added by other features are separated as well.
const blockTypes = new Set([
  'paragraph',
  'heading',
  'quote',
  'list',
  'listitem',
  'code',
  'table',
  'tablerow',
  'tablecell',
  'horizontalrule',
])

// Deeper trees are not produced by the editor; stopping bounds the work on hostile input.
const maxLexicalDepth = 64

/**
 * The plain text of a Payload Lexical rich-text value: paragraphs, headings,
 * list items and other blocks on their own lines, line breaks kept, inline
 * nodes (links, marks) flattened. Unknown node types are read through their
 * `children` when they have some and skipped otherwise; malformed values give
 * `''`. A string is taken as text already.
 */
export const lexicalToPlainText = (value: unknown): string => {
  if (typeof value === 'string') return value.trim()
  if (!isRecord(value) || !isRecord(value.root)) return ''
  const lines: string[] = []
  let line = ''
  const endLine = (): void => {
    const trimmed = line
      .split('\n')
      .map((part) => part.trim())
      .join('\n')
      .trim()
    if (trimmed.length > 0) lines.push(trimmed)
    line = ''
  }
  const visit = (node: unknown, depth: number, isBlock: boolean): void => {
    if (!isRecord(node) || depth > maxLexicalDepth) return
    const type = typeof node.type === 'string' ? node.type : ''
    if (type === 'linebreak') {
      line += '\n'
      return
    }
    if (typeof node.text === 'string') {
      line += node.text
      return
    }
    if (!Array.isArray(node.children)) return
    const startsLine = isBlock || blockTypes.has(type)
    if (startsLine) endLine()
    for (const child of node.children) visit(child, depth + 1, type === 'root' || type === 'list')
    if (startsLine) endLine()
  }
  visit(value.root, 0, true)
  endLine()
  return lines.join('\n')
}

/** A piece of a highlighted string: matched words have `isMatch`. */
export type HighlightSegment = { text: string; isMatch: boolean }

/**
 * Splits a highlighted value (`SearchHit.formatted`) on its tags, so a UI can
 * render matches as elements without ever parsing the text as HTML.
 */
export const splitHighlighted = (
  formatted: string,
  { preTag = '<mark>', postTag = '</mark>' }: { preTag?: string; postTag?: string } = {},
): HighlightSegment[] => {
  const segments: HighlightSegment[] = []
  let cursor = 0
  while (cursor < formatted.length) {
    const start = formatted.indexOf(preTag, cursor)
    if (start === -1) break
    const end = formatted.indexOf(postTag, start + preTag.length)
    if (end === -1) break
    if (start > cursor) segments.push({ text: formatted.slice(cursor, start), isMatch: false })
    segments.push({ text: formatted.slice(start + preTag.length, end), isMatch: true })
    cursor = end + postTag.length
  }
  if (cursor < formatted.length) segments.push({ text: formatted.slice(cursor), isMatch: false })
  return segments
}

type WordSpan = { start: number; end: number; folded: string }

// Folded form of each non-ASCII character met so far (null: not part of a word).
const foldedCharacters = new Map<string, string | null>()

const foldCharacter = (character: string): string | null => {
  let folded = foldedCharacters.get(character)
  if (folded === undefined) {
    folded = wordCharacter.test(character) ? foldText(character) : null
    // Bounded, so hostile text cannot grow it without limit.
    if (foldedCharacters.size < 20_000) foldedCharacters.set(character, folded)
  }
  return folded
}

// The words of `text` with their offsets and folded form, in one pass over
// the characters (folding word by word costs several times more). Stops
// after `maxWords` words.
const wordSpans = (text: string, maxWords = Number.POSITIVE_INFINITY): WordSpan[] => {
  const spans: WordSpan[] = []
  let start = -1
  let folded = ''
  let index = 0
  while (index < text.length) {
    const code = text.charCodeAt(index)
    let width = 1
    let piece: string | null
    if (code < 128) {
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) piece = text.charAt(index)
      else if (code >= 65 && code <= 90) piece = String.fromCharCode(code + 32)
      else piece = null
    } else {
      width = (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1
      piece = foldCharacter(text.slice(index, index + width))
    }
    if (piece !== null) {
      if (start < 0) {
        start = index
        folded = ''
      }
      folded += piece
    } else if (start >= 0) {
      spans.push({ start, end: index, folded })
      start = -1
      if (spans.length >= maxWords) return spans
    }
    index += width
  }
  if (start >= 0) spans.push({ start, end: text.length, folded })
  return spans
}

// How many characters of the original word cover `foldedLength` folded
// characters: folding can shorten (é) or lengthen (œ) a word.
const originalLength = (word: string, foldedLength: number): number => {
  let folded = 0
  let index = 0
  for (const character of word) {
    if (folded >= foldedLength) break
    folded += foldText(character).length
    index += character.length
  }
  return index
}

export type FormatOptions = {
  /**
   * How many leading folded characters of a word match the query: the whole
   * word for exact and typo matches, the typed prefix for a prefix match, 0 for
   * none. Omitted when nothing can match (no query).
   */
  matchLength?: (foldedWord: string) => number
  highlight?: { preTag: string; postTag: string }
  crop?: { length: number; marker: string }
  /**
   * Expressions (folded words, stop words left out) that match only as a
   * whole: their words are highlighted where they follow each other, with
   * only words `isStopWord` accepts between them, and nowhere else.
   */
  phrases?: { words: readonly (readonly string[])[]; isStopWord: (foldedWord: string) => boolean }
}

// Marks the words of each phrase where they follow each other (stop words between them allowed).
const markPhrases = (spans: readonly WordSpan[], matched: number[], phrases: NonNullable<FormatOptions['phrases']>): void => {
  for (const phrase of phrases.words) {
    const [first] = phrase
    if (first === undefined) continue
    for (let start = 0; start < spans.length; start += 1) {
      if (spans[start]?.folded !== first) continue
      const covered = [start]
      let index = start + 1
      let matchedWords = 1
      while (matchedWords < phrase.length && index < spans.length) {
        const folded = spans[index]?.folded ?? ''
        if (folded === phrase[matchedWords]) {
          covered.push(index)
          matchedWords += 1
        } else if (!phrases.isStopWord(folded)) break
        index += 1
      }
      if (matchedWords < phrase.length) continue
      for (const position of covered) matched[position] = spans[position]?.folded.length ?? 0
    }
  }
}

/**
 * Highlights the matched words of `text` and, when asked, crops it to
 * `crop.length` words around the densest group of matches (the beginning when
 * nothing matches), with `crop.marker` where text was cut. Same output shape
 * as Meilisearch's `_formatted`; the text is not HTML-escaped.
 */
export const formatText = (text: string, { crop, highlight, matchLength, phrases }: FormatOptions): string => {
  if (!crop && (!highlight || !matchLength)) return text
  // Without a matcher the crop keeps the first words: no need to read further.
  const spans = wordSpans(text, matchLength ? Number.POSITIVE_INFINITY : (crop?.length ?? 0) + 1)
  const matched = matchLength ? spans.map((span) => matchLength(span.folded)) : []
  if (matchLength && phrases && phrases.words.length > 0) markPhrases(spans, matched, phrases)
  let first = 0
  let last = spans.length
  if (crop && spans.length > crop.length) {
    const size = Math.max(1, crop.length)
    let count = 0
    for (let index = 0; index < size; index += 1) if ((matched[index] ?? 0) > 0) count += 1
    let best = count
    let bestStart = 0
    for (let start = 1; start + size <= spans.length; start += 1) {
      if ((matched[start - 1] ?? 0) > 0) count -= 1
      if ((matched[start + size - 1] ?? 0) > 0) count += 1
      if (count > best) {
        best = count
        bestStart = start
      }
    }
    if (best > 0) {
      // Center the matches of the best window rather than leaving them at its edge.
      let firstMatch = bestStart
      while ((matched[firstMatch] ?? 0) === 0) firstMatch += 1
      let lastMatch = bestStart + size - 1
      while ((matched[lastMatch] ?? 0) === 0) lastMatch -= 1
      const centered = Math.floor((firstMatch + lastMatch) / 2) - Math.floor(size / 2)
      bestStart = Math.max(0, Math.min(spans.length - size, centered))
    }
    first = bestStart
    last = bestStart + size
  }
  const isCroppedStart = first > 0
  const isCroppedEnd = last < spans.length
  let cursor = isCroppedStart ? (spans[first]?.start ?? 0) : 0
  const end = isCroppedEnd ? (spans[last - 1]?.end ?? text.length) : text.length
  let output = isCroppedStart && crop ? crop.marker : ''
  if (highlight) {
    for (let index = first; index < last; index += 1) {
      const span = spans[index]
      const length = matched[index] ?? 0
      if (!span || length === 0) continue
      const word = text.slice(span.start, span.end)
      const highlightEnd = span.start + (length >= span.folded.length ? word.length : originalLength(word, length))
      output += text.slice(cursor, span.start) + highlight.preTag + text.slice(span.start, highlightEnd) + highlight.postTag
      cursor = highlightEnd
    }
  }
  output += text.slice(cursor, end)
  if (isCroppedEnd && crop) output += crop.marker
  return output
}
