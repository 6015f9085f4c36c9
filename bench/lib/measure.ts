import { idOf, type ID } from '../../src/utilities/ids.ts'

/** The id of a document the database just created. */
export const idOrFail = (doc: unknown): ID => {
  const id = idOf(doc)
  if (id === null) throw new Error('The database returned a document without an id.')
  return id
}

/** The p-th percentile of the samples (nearest rank), 0 for none. */
export const percentile = (samples: readonly number[], p: number): number => {
  const sorted = [...samples].sort((left, right) => left - right)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

/** The lowest and highest of the samples (0 for none), without spreading them into arguments: a long job gathers more samples than a call takes. */
export const extremesOf = (samples: readonly number[]): { min: number; max: number } => {
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (const value of samples) {
    if (value < min) min = value
    if (value > max) max = value
  }
  return samples.length === 0 ? { max: 0, min: 0 } : { max, min }
}

export const sleep = (ms: number): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, ms))

/** The value after `--name` on the command line, or undefined. */
export const textOption = (name: string): string | undefined => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}

/** A positive number after `--name` (a whole one when `isWhole`), else `fallback`; anything else is an error naming it. */
export const positiveOption = (name: string, fallback: number, { isWhole = true } = {}): number => {
  const value = Number(textOption(name) ?? fallback)
  const isValid = isWhole ? Number.isInteger(value) : Number.isFinite(value)
  if (!isValid || value <= 0) throw new Error(`--${name} must be a positive ${isWhole ? 'whole ' : ''}number.`)
  return value
}

/**
 * Ends a benchmark's report with the targets it missed and the checks it
 * failed, if any: listed on stderr, and the process's exit code set to 1
 * (the benchmark fails once its whole report is printed).
 */
export const failWith = (failures: readonly string[]): void => {
  if (failures.length === 0) return
  console.error(`\nFAILED:\n- ${failures.join('\n- ')}`)
  process.exitCode = 1
}
