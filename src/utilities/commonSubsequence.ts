/**
 * The table of longest-common-subsequence lengths of two sequences, read as
 * `at(i, j)`: the length for `a[i..]` and `b[j..]`. Null when the table would
 * have more than `maxCells` cells, so that a huge or hostile input costs
 * neither much memory nor much time; callers then treat the sequences as
 * wholly different.
 */
export const commonSubsequenceLengths = <T>(
  a: readonly T[],
  b: readonly T[],
  maxCells: number,
): ((i: number, j: number) => number) | null => {
  if ((a.length + 1) * (b.length + 1) > maxCells) return null
  const width = b.length + 1
  const lengths = new Uint32Array((a.length + 1) * width)
  const at = (i: number, j: number): number => lengths[i * width + j] ?? 0
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1))
    }
  }
  return at
}
