import { commonSubsequenceLengths } from '../utilities/commonSubsequence.ts'

/** A run of text in a diff. */
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string }

/** One line of a diff: kept, added, removed, or changed in place (with word-level parts). */
export type DiffLine =
  | { kind: 'same' | 'added' | 'removed'; text: string }
  | { kind: 'changed'; parts: DiffPart[] }
  | { kind: 'skipped'; count: number }

/**
 * Beyond this many cells the longest-common-subsequence table is not built;
 * the change is shown as whole removed and added lines instead. Keeps a huge
 * or hostile text from costing much memory or time.
 */
const maxTableCells = 250_000

type Op = { kind: DiffPart['kind']; value: string }

/** The edit script from `before` to `after` (longest common subsequence); null when too large. */
const diffSequences = (before: string[], after: string[]): Op[] | null => {
  let start = 0
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1
  let endBefore = before.length
  let endAfter = after.length
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore -= 1
    endAfter -= 1
  }
  const a = before.slice(start, endBefore)
  const b = after.slice(start, endAfter)
  const lengthAt = commonSubsequenceLengths(a, b, maxTableCells)
  if (!lengthAt) return null
  const middle: Op[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      middle.push({ kind: 'same', value: a[i] ?? '' })
      i += 1
      j += 1
    } else if (lengthAt(i + 1, j) >= lengthAt(i, j + 1)) {
      middle.push({ kind: 'removed', value: a[i] ?? '' })
      i += 1
    } else {
      middle.push({ kind: 'added', value: b[j] ?? '' })
      j += 1
    }
  }
  for (; i < a.length; i += 1) middle.push({ kind: 'removed', value: a[i] ?? '' })
  for (; j < b.length; j += 1) middle.push({ kind: 'added', value: b[j] ?? '' })
  return [
    ...before.slice(0, start).map((value): Op => ({ kind: 'same', value })),
    ...middle,
    ...before.slice(endBefore).map((value): Op => ({ kind: 'same', value })),
  ]
}

/** Words, spaces and punctuation marks, so joined parts give back the text. */
const tokens = (line: string): string[] => line.match(/\s+|[\p{L}\p{N}'’-]+|[^\s\p{L}\p{N}'’-]/gu) ?? []

/**
 * Lone spaces kept between two changes make a diff hard to read ("[-en-]{+dans+}
 * {+une +}"): they are shown as removed and added with their neighbours instead.
 */
const absorbLoneSpaces = (parts: DiffPart[]): DiffPart[] =>
  parts.flatMap((part, index): DiffPart[] => {
    const isBetweenChanges =
      part.kind === 'same' &&
      part.text.trim() === '' &&
      parts[index - 1]?.kind !== 'same' &&
      parts[index + 1] !== undefined &&
      parts[index + 1]?.kind !== 'same'
    return isBetweenChanges
      ? [
          { kind: 'removed', text: part.text },
          { kind: 'added', text: part.text },
        ]
      : [part]
  })

/** Removed text before added text inside each run of changes, then neighbours of a kind merged. */
const tidy = (parts: DiffPart[]): DiffPart[] => {
  const ordered: DiffPart[] = []
  let run: DiffPart[] = []
  const flush = (): void => {
    ordered.push(...run.filter((part) => part.kind === 'removed'), ...run.filter((part) => part.kind === 'added'))
    run = []
  }
  for (const part of parts) {
    if (part.kind === 'same') {
      flush()
      ordered.push(part)
    } else run.push(part)
  }
  flush()
  return mergeParts(ordered)
}

const mergeParts = (parts: DiffPart[]): DiffPart[] =>
  parts.reduce<DiffPart[]>((merged, part) => {
    const last = merged[merged.length - 1]
    if (last && last.kind === part.kind) last.text += part.text
    else merged.push({ ...part })
    return merged
  }, [])

/** Word-level diff of two lines; null when they have too little in common to be shown as one. */
const diffWords = (before: string, after: string): DiffPart[] | null => {
  const ops = diffSequences(tokens(before), tokens(after))
  if (!ops) return null
  const kept = ops.filter((op) => op.kind === 'same' && op.value.trim() !== '').length
  const words = Math.max(tokens(before).filter((t) => t.trim() !== '').length, 1)
  if (kept / words < 0.3) return null
  return tidy(absorbLoneSpaces(mergeParts(ops.map((op) => ({ kind: op.kind, text: op.value })))))
}

const splitLines = (text: string): string[] => {
  const normalized = text.replace(/\r\n?/g, '\n')
  return normalized === '' ? [] : normalized.split('\n')
}

/**
 * A readable diff of two plain texts: line by line, and word by word inside a
 * line that was edited rather than replaced. Long runs of unchanged lines are
 * folded to `context` lines around each change.
 */
export const diffText = (before: string, after: string, { context = 2 }: { context?: number } = {}): DiffLine[] => {
  const oldLines = splitLines(before)
  const newLines = splitLines(after)
  const ops = diffSequences(oldLines, newLines) ?? [
    ...oldLines.map((value): Op => ({ kind: 'removed', value })),
    ...newLines.map((value): Op => ({ kind: 'added', value })),
  ]
  const lines: DiffLine[] = []
  let index = 0
  while (index < ops.length) {
    const op = ops[index]
    if (op?.kind === 'same') {
      lines.push({ kind: 'same', text: op.value })
      index += 1
      continue
    }
    // A block of removals followed by additions: pair the lines up for word diffs.
    const removed: string[] = []
    const added: string[] = []
    for (let next = ops[index]; next?.kind === 'removed'; next = ops[index]) {
      removed.push(next.value)
      index += 1
    }
    for (let next = ops[index]; next?.kind === 'added'; next = ops[index]) {
      added.push(next.value)
      index += 1
    }
    const paired = Math.min(removed.length, added.length)
    for (let k = 0; k < paired; k += 1) {
      const parts = diffWords(removed[k] ?? '', added[k] ?? '')
      if (parts) lines.push({ kind: 'changed', parts })
      else lines.push({ kind: 'removed', text: removed[k] ?? '' }, { kind: 'added', text: added[k] ?? '' })
    }
    for (const text of removed.slice(paired)) lines.push({ kind: 'removed', text })
    for (const text of added.slice(paired)) lines.push({ kind: 'added', text })
  }
  return foldUnchanged(lines, context)
}

/** Replaces unchanged lines far from any change by a `skipped` marker. */
const foldUnchanged = (lines: DiffLine[], context: number): DiffLine[] => {
  const isChange = (line: DiffLine | undefined): boolean => line !== undefined && line.kind !== 'same'
  if (!lines.some(isChange)) return lines
  const near = lines.map((_, index) => {
    for (let offset = -context; offset <= context; offset += 1) if (isChange(lines[index + offset])) return true
    return false
  })
  const folded: DiffLine[] = []
  lines.forEach((line, index) => {
    if (near[index]) return void folded.push(line)
    const last = folded[folded.length - 1]
    if (last?.kind === 'skipped') last.count += 1
    else folded.push({ count: 1, kind: 'skipped' })
  })
  return folded
}

/** Whether a diff contains any change. */
export const hasChanges = (lines: DiffLine[]): boolean =>
  lines.some((line) => line.kind !== 'same' && line.kind !== 'skipped')
