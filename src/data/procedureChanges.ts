import { z } from 'zod'

/**
 * What changed in a procedure's official content between two versions, field
 * by field, so that the knowledge written about it (guides, wiki pages,
 * validated answers, tips) can say what to re-verify. Pure: no database.
 */

/** How one step changed; steps are numbered from 1, as readers see them. */
export type StepChange = {
  kind: 'added' | 'removed' | 'changed' | 'moved'
  /** Its number now (for `removed`, the number it had). */
  number: number
  title: string
  /** For `changed` and `moved`: its number and title before. */
  previousNumber?: number
  previousTitle?: string
  /** For `changed`: which of its parts changed. */
  parts?: Array<'title' | 'description'>
}

/** One changed field of a procedure's official content. */
export type ProcedureChange =
  | { field: 'steps'; steps: StepChange[] }
  | { field: 'requiredDocuments'; added: string[]; removed: string[] }
  | { field: 'cost' | 'delay' | 'officialUrl' | 'lastOfficialChange'; before: string | null; after: string | null }

const text = z
  .string()
  .nullish()
  .transform((value) => {
    const trimmed = (value ?? '').trim()
    return trimmed.length > 0 ? trimmed : null
  })

const officialContent = z.object({
  steps: z
    .array(z.object({ id: z.string().nullish(), title: z.string().nullish(), description: z.string().nullish() }))
    .nullish()
    .transform((rows) =>
      (rows ?? []).map((row) => ({ id: row.id ?? null, title: (row.title ?? '').trim(), description: (row.description ?? '').trim() })),
    ),
  requiredDocuments: z
    .array(z.object({ document: z.string().nullish() }))
    .nullish()
    .transform((rows) => (rows ?? []).map((row) => (row.document ?? '').trim()).filter((value) => value.length > 0)),
  cost: text,
  delay: text,
  officialUrl: text,
  lastOfficialChange: z
    .union([z.string(), z.date()])
    .nullish()
    .transform((value) => {
      if (value === null || value === undefined) return null
      const time = new Date(value).getTime()
      return Number.isNaN(time) ? null : new Date(time).toISOString()
    }),
})

type Step = z.output<typeof officialContent>['steps'][number]

/**
 * Pairs the steps of two versions: by row id first (an edit in the admin
 * keeps it), then by identical title (a client that resent the list without
 * ids), then position by position among what is left. What stays unpaired
 * was added or removed.
 */
const stepChanges = (before: Step[], after: Step[]): StepChange[] => {
  const pairOf = new Map<number, number>()
  const taken = new Set<number>()
  const pair = (match: (old: Step, next: Step) => boolean): void => {
    after.forEach((next, index) => {
      if (pairOf.has(index)) return
      const old = before.findIndex((candidate, oldIndex) => !taken.has(oldIndex) && match(candidate, next))
      if (old === -1) return
      pairOf.set(index, old)
      taken.add(old)
    })
  }
  pair((old, next) => old.id !== null && old.id === next.id)
  pair((old, next) => old.title === next.title)
  // Among the rest, a step at the same position is the same step reworded.
  pair((old, next) => before.indexOf(old) === after.indexOf(next))
  // A step only moves when its order among the kept steps changed: steps
  // added or removed before it shift its number, which is no change of its own.
  const keptOld = [...pairOf.values()].sort((a, b) => a - b)
  const keptNew = [...pairOf.keys()].sort((a, b) => a - b)
  const changes: StepChange[] = []
  after.forEach((next, index) => {
    const oldIndex = pairOf.get(index)
    if (oldIndex === undefined) {
      changes.push({ kind: 'added', number: index + 1, title: next.title })
      return
    }
    const old = before[oldIndex]
    if (!old) return
    const parts: Array<'title' | 'description'> = []
    if (old.title !== next.title) parts.push('title')
    if (old.description !== next.description) parts.push('description')
    if (parts.length > 0) {
      changes.push({ kind: 'changed', number: index + 1, parts, previousNumber: oldIndex + 1, previousTitle: old.title, title: next.title })
    } else if (keptOld.indexOf(oldIndex) !== keptNew.indexOf(index)) {
      changes.push({ kind: 'moved', number: index + 1, previousNumber: oldIndex + 1, title: next.title })
    }
  })
  before.forEach((old, index) => {
    if (!taken.has(index)) changes.push({ kind: 'removed', number: index + 1, title: old.title })
  })
  return changes
}

/**
 * The changes of official content between two versions of a procedure, as
 * stored (either version may be any object: missing fields count as empty).
 * An empty list when nothing official changed (the title or the summary
 * alone are not official content).
 */
export const procedureChanges = (previous: unknown, current: unknown): ProcedureChange[] => {
  const before = officialContent.safeParse(previous ?? {})
  const after = officialContent.safeParse(current ?? {})
  if (!before.success || !after.success) return []
  const old = before.data
  const next = after.data
  const changes: ProcedureChange[] = []
  const steps = stepChanges(old.steps, next.steps)
  if (steps.length > 0) changes.push({ field: 'steps', steps })
  const added = next.requiredDocuments.filter((document) => !old.requiredDocuments.includes(document))
  const removed = old.requiredDocuments.filter((document) => !next.requiredDocuments.includes(document))
  if (added.length > 0 || removed.length > 0) changes.push({ added, field: 'requiredDocuments', removed })
  for (const field of ['cost', 'delay', 'officialUrl', 'lastOfficialChange'] as const) {
    if (old[field] !== next[field]) changes.push({ after: next[field], before: old[field], field })
  }
  return changes
}

/** The stored list of changes of an item, read back (anything unreadable is dropped). */
export const storedChanges = (value: unknown): ProcedureChange[] => {
  const parsed = storedChangesSchema.safeParse(value)
  return parsed.success ? parsed.data : []
}

const stepChangeSchema = z.object({
  kind: z.enum(['added', 'removed', 'changed', 'moved']),
  number: z.number(),
  title: z.string(),
  previousNumber: z.number().optional(),
  previousTitle: z.string().optional(),
  parts: z.array(z.enum(['title', 'description'])).optional(),
})

const storedChangesSchema = z.array(
  z.union([
    z.object({ field: z.literal('steps'), steps: z.array(stepChangeSchema) }),
    z.object({ field: z.literal('requiredDocuments'), added: z.array(z.string()), removed: z.array(z.string()) }),
    z.object({
      field: z.enum(['cost', 'delay', 'officialUrl', 'lastOfficialChange']),
      before: z.string().nullable(),
      after: z.string().nullable(),
    }),
  ]),
)
