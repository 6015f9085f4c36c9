import { z } from 'zod'

/**
 * Entraide's documents as the plugin reads them, whatever the database: ids
 * are numbers (SQL databases by default) or strings (MongoDB, UUIDs), and a
 * relationship arrives as a bare id or populated; both are read as the id.
 * Each document is decoded once where it enters the plugin, so the rest of the
 * code works on checked values instead of the host's generated types.
 */

/** A document id: a number or a string, as the database stores it. */
export type ID = string | number

export const idSchema: z.ZodType<ID> = z.union([z.string().min(1), z.number().int().nonnegative()])

/** The values of the `visibility` field of contributions. */
export const visibilities = ['pending', 'published', 'hidden'] as const
export type Visibility = (typeof visibilities)[number]

/** The values of a thread's `status`. */
export const threadStatuses = ['open', 'answered', 'resolved', 'closed'] as const
export type ThreadStatus = (typeof threadStatuses)[number]

/** Why a person reports an item. */
export const reportReasons = ['spam', 'abuse', 'personal-data', 'wrong-information', 'other'] as const
export type ReportReason = (typeof reportReasons)[number]

/** Why an item waits for re-verification: its procedure changed, or its verification expired. */
export const reviewReasons = ['procedure-changed', 'expired'] as const
export type ReviewReason = (typeof reviewReasons)[number]

/** The collections whose items readers say were helpful or not. */
export const helpfulnessTargets = ['guides', 'wiki-pages', 'answers'] as const
export type HelpfulnessTarget = (typeof helpfulnessTargets)[number]

/** Why a reader found an item unhelpful. */
export const helpfulnessReasons = ['out-of-date', 'unclear', 'did-not-answer', 'other'] as const
export type HelpfulnessReason = (typeof helpfulnessReasons)[number]

/** The collections whose items can be voted on and reported. */
export const targetCollections = ['answers', 'tips', 'threads', 'guides'] as const
export type TargetCollection = (typeof targetCollections)[number]

/** The collections Entraide adds to the host's config. */
export const entraideCollectionSlugs: readonly string[] = [
  'agencies',
  'procedures',
  'guides',
  'guide-proposals',
  'wiki-pages',
  'threads',
  'answers',
  'tips',
  'votes',
  'reports',
  'search-queries',
  'helpfulness',
]

const idOfRelation = (value: unknown): ID | null => {
  if (typeof value === 'string' && value.length > 0) return value
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  if (typeof value === 'object' && value !== null && 'id' in value) return idOfRelation(value.id)
  return null
}

/** A relationship to one document, populated or not, read as its id (null when empty). */
const relation = z.unknown().transform(idOfRelation)

/** A list of relationships, read as their ids; empty entries are dropped. */
const relations = z
  .array(z.unknown())
  .nullish()
  .transform((values) => (values ?? []).map(idOfRelation).filter((id): id is ID => id !== null))

const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? null)

const optionalNumber = z
  .number()
  .nullish()
  .transform((value) => value ?? null)

const score = z
  .number()
  .nullish()
  .transform((value) => value ?? 0)

/** Counts by week (`YYYY-MM-DD`, the week's Monday); anything else stored there is dropped. */
const weekCounts = z
  .unknown()
  .transform((value): Record<string, number> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value).filter(
            (entry): entry is [string, number] => /^\d{4}-\d{2}-\d{2}$/.test(entry[0]) && typeof entry[1] === 'number' && entry[1] > 0,
          ),
        )
      : {},
  )

const flag = z
  .boolean()
  .nullish()
  .transform((value) => value === true)

/** A Lexical rich-text value, kept as it is (its nodes are read by the lexical utilities). */
const richText = z
  .looseObject({ root: z.looseObject({ children: z.array(z.unknown()) }) })
  .nullish()
  .transform((value) => value ?? null)

/** The re-verification state of guides, wiki pages, answers and tips (see `fields/reverification.ts`). */
const reverification = {
  needsReview: flag,
  reviewReason: z
    .enum(reviewReasons)
    .nullish()
    .transform((value) => value ?? null),
  /** Read with `storedChanges` (data/procedureChanges.ts). */
  reviewChanges: z.unknown(),
  reviewFlaggedAt: optionalText,
  reverifiedBy: relation,
  reverifiedAt: optionalText,
}

const timestamps = {
  createdAt: z.string(),
  updatedAt: z.string(),
}

const draftStatus = z
  .enum(['draft', 'published'])
  .nullish()
  .transform((value) => value ?? 'published')

/** A polymorphic relationship to a votable or reportable item. */
const target = z
  .object({ relationTo: z.enum(targetCollections), value: z.unknown() })
  .transform(({ relationTo, value }) => ({ relationTo, value: idOfRelation(value) }))

const agency = z.object({
  id: idSchema,
  name: z.string(),
  slug: z.string(),
  website: optionalText,
  ...timestamps,
})

const procedure = z.object({
  id: idSchema,
  title: z.string(),
  slug: z.string(),
  summary: optionalText,
  agency: relation,
  officialUrl: optionalText,
  steps: z
    .array(z.object({ title: z.string(), description: optionalText, id: z.string().nullish() }))
    .nullish()
    .transform((value) => value ?? []),
  requiredDocuments: z
    .array(z.object({ document: z.string(), id: z.string().nullish() }))
    .nullish()
    .transform((value) => value ?? []),
  cost: optionalText,
  delay: optionalText,
  lastOfficialChange: optionalText,
  ...timestamps,
})

const guide = z.object({
  id: idSchema,
  title: z.string(),
  procedure: relation,
  body: richText,
  lastEditedBy: relation,
  verifiedBy: relation,
  verifiedAt: optionalText,
  ...reverification,
  score,
  _status: draftStatus,
  ...timestamps,
})

const guideProposal = z.object({
  id: idSchema,
  guide: relation,
  procedure: relation,
  author: relation,
  status: z.enum(['pending', 'accepted', 'refused']),
  title: z.string(),
  body: richText,
  baseTitle: optionalText,
  baseText: optionalText,
  baseRevision: optionalText,
  reviewNote: optionalText,
  reviewedBy: relation,
  reviewedAt: optionalText,
  ...timestamps,
})

const wikiSource = z.object({
  kind: z.enum(['answer', 'tip']),
  answer: relation,
  tip: relation,
  contributor: relation,
  validatedBy: relation,
  validatedAt: optionalText,
  id: z.string().nullish(),
})

const wikiPage = z.object({
  id: idSchema,
  title: z.string(),
  slug: z.string(),
  procedure: relation,
  body: richText,
  sources: z
    .array(wikiSource)
    .nullish()
    .transform((value) => value ?? []),
  contributors: relations,
  ...reverification,
  _status: draftStatus,
  ...timestamps,
})

const contribution = {
  id: idSchema,
  body: z.string(),
  procedure: relation,
  author: relation,
  visibility: z.enum(visibilities),
  moderationNote: optionalText,
  score,
  ...timestamps,
}

const answer = z.object({
  ...contribution,
  thread: relation,
  isAccepted: flag,
  acceptedAt: optionalText,
  validatedBy: relation,
  validatedAt: optionalText,
  validationNote: optionalText,
  promotedTo: relation,
  ...reverification,
})

const thread = z.object({
  ...contribution,
  title: z.string(),
  step: optionalNumber,
  status: z.enum(threadStatuses),
  acceptedAnswer: relation,
})

const tip = z.object({
  ...contribution,
  step: optionalNumber,
  validatedBy: relation,
  validatedAt: optionalText,
  promotedTo: relation,
  ...reverification,
})

const vote = z.object({
  id: idSchema,
  user: relation,
  target,
  value: z.number(),
  key: z.string(),
  targetKey: z.string(),
  ...timestamps,
})

const report = z.object({
  id: idSchema,
  target,
  targetKey: z.string(),
  reason: z.enum(reportReasons),
  note: optionalText,
  reporter: relation,
  status: z.enum(['open', 'resolved', 'dismissed']),
  resolvedBy: relation,
  resolvedAt: optionalText,
  resolution: optionalText,
  ...timestamps,
})

const searchQuery = z.object({
  id: idSchema,
  query: z.string(),
  hits: z.number(),
  zeroHitSearches: z.number(),
  searches: z.number(),
  lastSearchedAt: optionalText,
  zeroHitWeeks: weekCounts,
  ...timestamps,
})

const helpfulness = z.object({
  id: idSchema,
  target: z
    .object({ relationTo: z.enum(helpfulnessTargets), value: z.unknown() })
    .transform(({ relationTo, value }) => ({ relationTo, value: idOfRelation(value) })),
  isHelpful: flag,
  reason: z
    .enum(helpfulnessReasons)
    .nullish()
    .transform((value) => value ?? null),
  note: optionalText,
  key: z.string(),
  targetKey: z.string(),
  ...timestamps,
})

const schemas = {
  agencies: agency,
  answers: answer,
  guides: guide,
  'guide-proposals': guideProposal,
  helpfulness,
  procedures: procedure,
  reports: report,
  'search-queries': searchQuery,
  threads: thread,
  tips: tip,
  votes: vote,
  'wiki-pages': wikiPage,
}

export type AgencyDoc = z.output<typeof agency>
export type ProcedureDoc = z.output<typeof procedure>
export type GuideDoc = z.output<typeof guide>
export type GuideProposalDoc = z.output<typeof guideProposal>
export type WikiPageDoc = z.output<typeof wikiPage>
export type AnswerDoc = z.output<typeof answer>
export type ThreadDoc = z.output<typeof thread>
export type TipDoc = z.output<typeof tip>
export type VoteDoc = z.output<typeof vote>
export type ReportDoc = z.output<typeof report>
export type SearchQueryDoc = z.output<typeof searchQuery>

/** Each of Entraide's collections and the document it holds. */
export type EntraideDocuments = { [Slug in keyof typeof schemas]: z.output<(typeof schemas)[Slug]> }

export type EntraideCollection = keyof EntraideDocuments

/** The database returned something Entraide cannot read: a broken migration or a foreign write. */
export class DocumentShapeError extends Error {
  constructor(collection: string, issues: string) {
    super(`Entraide: a document of "${collection}" does not have the expected shape (${issues}).`)
    this.name = 'DocumentShapeError'
  }
}

const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ')

const decoderOf =
  <Output>(collection: string, schema: z.ZodType<Output, unknown>) =>
  (value: unknown): Output => {
    const result = schema.safeParse(value)
    if (!result.success) throw new DocumentShapeError(collection, describeIssues(result.error))
    return result.data
  }

/** One decoder per collection: `decoders.guides(raw)`; each throws DocumentShapeError on a document it cannot read. */
export const decoders: { [Slug in EntraideCollection]: (value: unknown) => EntraideDocuments[Slug] } = {
  agencies: decoderOf('agencies', schemas.agencies),
  answers: decoderOf('answers', schemas.answers),
  guides: decoderOf('guides', schemas.guides),
  'guide-proposals': decoderOf('guide-proposals', schemas['guide-proposals']),
  helpfulness: decoderOf('helpfulness', schemas.helpfulness),
  procedures: decoderOf('procedures', schemas.procedures),
  reports: decoderOf('reports', schemas.reports),
  'search-queries': decoderOf('search-queries', schemas['search-queries']),
  threads: decoderOf('threads', schemas.threads),
  tips: decoderOf('tips', schemas.tips),
  votes: decoderOf('votes', schemas.votes),
  'wiki-pages': decoderOf('wiki-pages', schemas['wiki-pages']),
}

/** Reads a document of `collection` as Entraide's type for it; throws DocumentShapeError when it cannot. */
export const decodeDocument = <Slug extends EntraideCollection>(collection: Slug, value: unknown): EntraideDocuments[Slug] =>
  decoders[collection](value)
