import { isFollowedByUnit, isGluedAfter, isGluedBefore } from './characters.ts'

/** A sequence of whole digit groups inside a run, holding exactly the requested number of digits. */
export type DigitWindow = {
  start: number
  end: number
  digits: string
  /** The window is the whole run: no other digit group is attached on either side. */
  isWholeRun: boolean
}

/**
 * A run is digit groups joined by one separator each: a space (also the
 * non-breaking ones), a dot or a dash, as in « 30 23 217 600 053 » or
 * « 01.23.45 ». A comma ends a run, so « 1 234,56 » stays an amount.
 */
const run = /\d+(?:(?:[ \u00a0\u202f]?[.-][ \u00a0\u202f]?|[ \u00a0\u202f])\d+)*/g
const group = /\d+/g

/**
 * No identifier is written in more groups than this; digits typed one by one
 * (« 3 0 2 3 … ») would otherwise turn any list of small numbers into candidates.
 */
const maxGroups = 7

/**
 * Every group-aligned window of `digitCount` digits in `text`. Windows never
 * cut a group, so « 123 456 789 00012 » (a SIRET) yields no 13-digit window,
 * and never start or end glued to letters, decimals or units.
 */
export function digitWindows(text: string, digitCount: number): DigitWindow[] {
  const windows: DigitWindow[] = []
  for (const runMatch of text.matchAll(run)) {
    const groups = [...runMatch[0].matchAll(group)].map((groupMatch) => ({
      start: runMatch.index + groupMatch.index,
      end: runMatch.index + groupMatch.index + groupMatch[0].length,
      digits: groupMatch[0],
    }))
    for (let first = 0; first < groups.length; first++) {
      const firstGroup = groups[first]
      if (firstGroup === undefined || (first === 0 && isGluedBefore(text, firstGroup.start))) {
        continue
      }
      let digits = ''
      for (let last = first; last < groups.length; last++) {
        const lastGroup = groups[last]
        if (lastGroup === undefined) {
          break
        }
        digits += lastGroup.digits
        if (digits.length > digitCount || last - first >= maxGroups) {
          break
        }
        if (digits.length < digitCount) {
          continue
        }
        const isLastOfRun = last === groups.length - 1
        if (isLastOfRun && (isGluedAfter(text, lastGroup.end) || isFollowedByUnit(text, lastGroup.end))) {
          break
        }
        windows.push({
          start: firstGroup.start,
          end: lastGroup.end,
          digits,
          isWholeRun: first === 0 && isLastOfRun,
        })
        break
      }
    }
  }
  return windows
}
