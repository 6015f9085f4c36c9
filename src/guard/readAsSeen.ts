/**
 * A text as a person reads it on screen, with the way back to what was typed.
 *
 * Identifiers are hidden from a naive scan by characters a reader never
 * notices: invisible format characters between the digits, digits of another
 * script (« ٠٦ ١٢ … »), fullwidth or mathematical forms, unusual spaces and
 * dashes. Detection runs on the folded text; each of its characters remembers
 * which characters of the original it comes from, so findings, masks and
 * quotes still point at what the person wrote.
 */
export type SeenText = {
  /** The folded text. */
  text: string
  /** For each UTF-16 index of `text`, where its source starts in the original. */
  starts: readonly number[]
  /** For each UTF-16 index of `text`, where its source ends in the original. */
  ends: readonly number[]
}

/**
 * Characters a reader does not see: format characters (zero-width spaces and
 * joiners, soft hyphens, bidirectional controls, tags) and the other default
 * ignorable code points (variation selectors, the combining grapheme joiner,
 * Hangul fillers).
 */
const invisible = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u
const combiningMark = /^\p{M}$/u
const decimalDigit = /^\p{Nd}$/u
/** Every space and line or paragraph break, whatever its width. */
const space = /^[\s\p{Z}\u0085\u2800]$/u
/** Control characters other than spaces and breaks print nothing. */
const control = /^\p{Cc}$/u
/** Dash punctuation of every script, and the minus signs that look like it. */
const dash = /^[\p{Pd}\u2212\u2796\u02d7\u2043\u2e3a\u2e3b]$/u

/**
 * Separators that compatibility folding leaves alone but that read as a dot
 * or a slash between digits: middle dots, bullets, the ideographic full stop,
 * fraction and division slashes.
 */
const lookAlikes: ReadonlyMap<number, string> = new Map([
  [0x00b7, '.'], // middle dot
  [0x0387, '.'], // Greek ano teleia
  [0x2022, '.'], // bullet
  [0x2027, '.'], // hyphenation point
  [0x2219, '.'], // bullet operator
  [0x22c5, '.'], // dot operator
  [0x2e31, '.'], // word separator middle dot
  [0x30fb, '.'], // katakana middle dot
  [0x3002, '.'], // ideographic full stop
  [0x2044, '/'], // fraction slash
  [0x2215, '/'], // division slash
  [0x29f8, '/'], // big solidus
  [0x2795, '+'], // heavy plus sign
  [0x02d6, '+'], // modifier letter plus sign
])

/**
 * Circled digits that compatibility folding keeps as they are (the dingbat
 * series): a reader sees a digit in a circle.
 */
const circledDigitSeries: ReadonlyArray<{ first: number; firstValue: number; count: number }> = [
  { first: 0x2776, firstValue: 1, count: 10 },
  { first: 0x2780, firstValue: 1, count: 10 },
  { first: 0x278a, firstValue: 1, count: 10 },
  { first: 0x24f5, firstValue: 1, count: 10 },
  { first: 0x24ff, firstValue: 0, count: 1 },
  { first: 0x1f10b, firstValue: 0, count: 2 },
]

/**
 * Capital and small letters of the Cyrillic and Greek alphabets drawn like
 * Latin ones, which compatibility folding does not touch (or folds to another
 * of them: the lunate sigma « ϲ » to « ς »): « 12 РА 34567 » reads as a
 * passport's letters.
 */
const latinLookAlikes: ReadonlyMap<string, string> = new Map(
  [
    'АA', 'ВB', 'ЕE', 'КK', 'МM', 'НH', 'ОO', 'РP', 'СC', 'ТT', 'ХX', 'УY', 'ІI', 'ЈJ', 'ЅS', 'ԚQ', 'ԜW',
    'аa', 'еe', 'оo', 'рp', 'сc', 'хx', 'уy', 'іi', 'јj', 'ѕs', 'ԛq', 'ԝw', 'һh', 'ӏl',
    'ΑA', 'ΒB', 'ΕE', 'ΖZ', 'ΗH', 'ΙI', 'ΚK', 'ΜM', 'ΝN', 'ΟO', 'ΡP', 'ΤT', 'ΥY', 'ΧX',
    'οo', 'ρp', 'ϲc', 'ςc', 'ϳj', 'νv',
  ].map((pair): [string, string] => [pair.slice(0, -1), pair.slice(-1)]),
)

const digitValues = new Map<number, number>()

/**
 * The value of a decimal digit of any script. Unicode encodes every decimal
 * digit set as ten consecutive code points from zero to nine, and adjacent
 * sets (the mathematical digits) are whole sets of ten, so the value is the
 * distance from the first digit of the run, modulo 10.
 */
function digitValue(codePoint: number): number {
  const known = digitValues.get(codePoint)
  if (known !== undefined) return known
  let first = codePoint
  while (first > 0 && decimalDigit.test(String.fromCodePoint(first - 1))) first--
  const value = (codePoint - first) % 10
  digitValues.set(codePoint, value)
  return value
}

function circledDigits(codePoint: number): string | undefined {
  for (const series of circledDigitSeries) {
    if (codePoint >= series.first && codePoint < series.first + series.count) {
      return String(series.firstValue + codePoint - series.first)
    }
  }
  return undefined
}

const foldedCharacters = new Map<string, string>()

/** One character after compatibility folding, as it reads: `''` for what is not seen. */
function foldCharacter(character: string): string {
  const cached = foldedCharacters.get(character)
  if (cached !== undefined) return cached
  const codePoint = character.codePointAt(0) ?? 0
  let folded: string
  if (invisible.test(character) || combiningMark.test(character)) {
    // Marks left after composition (an underline, a keycap) decorate what they follow.
    folded = ''
  } else if (space.test(character)) {
    folded = ' '
  } else if (control.test(character)) {
    folded = ''
  } else if (decimalDigit.test(character)) {
    folded = String(digitValue(codePoint))
  } else if (dash.test(character)) {
    folded = '-'
  } else {
    folded = lookAlikes.get(codePoint) ?? circledDigits(codePoint) ?? latinLookAlikes.get(character) ?? character
  }
  if (foldedCharacters.size < 10_000) foldedCharacters.set(character, folded)
  return folded
}

/** Line and paragraph breaks, which {@link readAsSeen} may drop instead of reading them as a space. */
const lineBreak = /^[\n\v\f\r\u0085\u2028\u2029]$/u

/**
 * How a character below U+0080 reads, for the common case kept cheap:
 * printable characters as they are, spaces and line breaks as a space,
 * other control characters as nothing.
 */
function foldAscii(code: number): string {
  if (code >= 0x21 && code <= 0x7e) return String.fromCharCode(code)
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) ? ' ' : ''
}

/** Options of {@link readAsSeen}. */
export type ReadOptions = {
  /**
   * `'space'`: a line break reads as a space, like any other. `'join'`: line
   * breaks are dropped, to see a number cut in two at the end of a line or
   * paragraph (« 0612 » / « 345678 ») as the one it is.
   * @default 'space'
   */
  lineBreaks?: 'space' | 'join'
}

/** Whether a combining mark may start at `index` (none sits below U+0300). */
const mayBeMark = (text: string, index: number): boolean => index < text.length && text.charCodeAt(index) >= 0x300

/**
 * Folds a text the way a reader perceives it, for detection: Unicode
 * compatibility folding (NFKC: fullwidth and mathematical forms, ligatures,
 * superscripts), every decimal digit as an ASCII digit, invisible characters
 * and leftover combining marks removed, every run of spaces and line breaks
 * as one space, every dash and minus as `-`, middle dots as `.`. Letters keep
 * their case and accents.
 */
export function readAsSeen(original: string, { lineBreaks = 'space' }: ReadOptions = {}): SeenText {
  const isJoiningLines = lineBreaks === 'join'
  const pieces: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  let isAfterSpace = false
  const emit = (folded: string, start: number, end: number) => {
    for (const character of folded) {
      const isSpace = character === ' '
      if (isSpace && isAfterSpace) {
        // One space however many were typed: the previous one now covers them all.
        ends[ends.length - 1] = end
        continue
      }
      isAfterSpace = isSpace
      // A character outside the BMP takes two UTF-16 units, each mapped back.
      for (let unit = 0; unit < character.length; unit++) {
        starts.push(start)
        ends.push(end)
      }
      pieces.push(character)
    }
  }
  let index = 0
  while (index < original.length) {
    const code = original.charCodeAt(index)
    if (isJoiningLines && lineBreak.test(original[index] ?? '')) {
      index += 1
      continue
    }
    if (code < 0x80 && !mayBeMark(original, index + 1)) {
      emit(foldAscii(code), index, index + 1)
      index += 1
      continue
    }
    const codePoint = original.codePointAt(index) ?? code
    let end = index + (codePoint > 0xffff ? 2 : 1)
    // A character and its combining marks fold together, so « e » + « ◌́ » becomes « é ».
    while (mayBeMark(original, end)) {
      const next = original.codePointAt(end) ?? 0
      if (!combiningMark.test(String.fromCodePoint(next))) break
      end += next > 0xffff ? 2 : 1
    }
    let folded = ''
    for (const character of original.slice(index, end).normalize('NFKC')) folded += foldCharacter(character)
    emit(folded, index, end)
    index = end
  }
  return { ends, starts, text: pieces.join('') }
}

/**
 * The range of the original text that a range of the folded text comes from:
 * from the start of its first character's source to the end of its last one's.
 */
export function originalRange(seen: SeenText, start: number, end: number): { start: number; end: number } {
  const last = Math.max(start, end - 1)
  return { end: seen.ends[last] ?? seen.ends[seen.ends.length - 1] ?? 0, start: seen.starts[start] ?? 0 }
}
