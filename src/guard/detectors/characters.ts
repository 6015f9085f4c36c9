/**
 * Characters that, glued to a number, make it part of something else: a word
 * (`A123`), a decimal (`12,5`), an international prefix (`+33`), a form
 * number (`12100*02`), a fraction or date (`12/03`), an address (`x@y`).
 */
const gluedBefore = /[\p{L}\p{N}_,+*/@#]/u
const gluedAfter = /[\p{L}\p{N}_*/@%€]/u

/** Whether the character before `index` attaches to what starts at `index`. */
export function isGluedBefore(text: string, index: number): boolean {
  const previous = text[index - 1]
  return previous !== undefined && gluedBefore.test(previous)
}

/** Whether what ends at `index` continues past it (a word, a decimal part, a unit). */
export function isGluedAfter(text: string, index: number): boolean {
  const next = text[index]
  if (next === undefined) {
    return false
  }
  if (gluedAfter.test(next)) {
    return true
  }
  // "12.5" or "12,5": a decimal part, not the end of a number.
  return (next === ',' || next === '.') && /\d/.test(text[index + 1] ?? '')
}

/** Whether a number ending at `index` is an amount or a percentage ("1234567 €", "12 %", "30 euros"). */
export function isFollowedByUnit(text: string, index: number): boolean {
  return /^[ \u00a0\u202f]?(?:€|%|eur\b|euros?\b)/iu.test(text.slice(index, index + 8))
}
