const dayMs = 24 * 60 * 60 * 1000

/** One week in milliseconds. */
export const weekMs = 7 * dayMs

/** The Monday (UTC, 00:00) of the week of `ms`, in milliseconds. */
export const weekStartOf = (ms: number): number => {
  const day = Math.floor(ms / dayMs) * dayMs
  // 1970-01-01 was a Thursday: day 0 of the epoch is 3 days after a Monday.
  const weekday = (Math.floor(day / dayMs) + 3) % 7
  return day - weekday * dayMs
}

/** The week of `ms` as its Monday, `YYYY-MM-DD` (UTC). */
export const weekOf = (ms: number): string => new Date(weekStartOf(ms)).toISOString().slice(0, 10)

/** The `count` weeks up to the one of `now` (included), oldest first. */
export const weeksUpTo = (now: number, count: number): string[] => {
  const last = weekStartOf(now)
  return Array.from({ length: count }, (_, index) => new Date(last - (count - 1 - index) * weekMs).toISOString().slice(0, 10))
}

/**
 * Adds `added` to the weekly counts `stored`, keeping the latest `keep`
 * weeks only, so that the record stays small however long it is kept.
 */
export const addToWeeks = (stored: Record<string, number>, added: Record<string, number>, keep: number): Record<string, number> => {
  const merged = { ...stored }
  for (const [week, count] of Object.entries(added)) merged[week] = (merged[week] ?? 0) + count
  return Object.fromEntries(
    Object.entries(merged)
      .sort(([a], [b]) => b.localeCompare(a))
      .slice(0, keep),
  )
}
