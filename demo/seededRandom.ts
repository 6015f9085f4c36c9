/**
 * A small deterministic random number generator (mulberry32): the same
 * numbers from the same seed on every run and every machine. The demo's
 * generated history, the benchmarks' generated text and the tests' generated
 * data draw from it.
 * @returns a function giving the next number, from 0 (included) to 1 (excluded).
 */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}
