import { createHash } from 'node:crypto'

import type { Endpoint, PayloadRequest, Where } from 'payload'

import { z } from 'zod'

import {
  idSchema,
  type AnswerDoc,
  type GuideDoc,
  type ProcedureDoc,
  type ThreadDoc,
  type TipDoc,
  type WikiPageDoc,
} from '../data/documents.ts'
import { findAllDocs, findDocs, findFields } from '../data/local.ts'
import { storedChanges } from '../data/procedureChanges.ts'
import { loadPublicProfiles } from '../data/people.ts'
import { EntraideError, InvalidInputError } from '../errors.ts'
import type { ResolvedOptions } from '../options.ts'
import { type Actor, actorFromRequest } from '../policies/roles.ts'
import { pageContributionsWhere, publicWhere } from '../policies/visibility.ts'
import { distinctIds, idKey, idOf, type ID } from '../utilities/ids.ts'
import type {
  AnswerItem,
  GuideInfo,
  GuideProposalInfo,
  ItemStatus,
  MyVote,
  OfficialPage,
  ProcedureInfo,
  ProcedurePageData,
  Provenance,
  PublicAgency,
  PublicPerson,
  PublicRole,
  Reverification,
  ThreadItem,
  ThreadStatus,
  TipItem,
  Validation,
} from '../widget/types.ts'
import { endpoint } from './http.ts'
import { type CachedPage, cachedProcedurePage } from './procedurePageCache.ts'

/** How many items of each kind one page returns, best first. */
export const procedurePageLimits = { answersPerThread: 20, officialPages: 20, threads: 20, tips: 10 } as const

/** Threads read before ranking; ranking puts answered and validated ones first. */
const threadsScanned = 100

/** Anonymous responses may be cached briefly by browsers and shared caches. */
const publicCacheControl = 'public, max-age=30, stale-while-revalidate=120'

type People = Map<string, PublicPerson & { agency: PublicAgency | null }>

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null)

/** Why and since when an item waits for re-verification, and what changed; null when it does not. */
const reverificationOf = (item: {
  needsReview: boolean
  reviewReason: Reverification['reason']
  reviewChanges: unknown
  reviewFlaggedAt: string | null
}): Reverification | null =>
  item.needsReview && item.reviewReason !== null
    ? { changes: storedChanges(item.reviewChanges), reason: item.reviewReason, since: item.reviewFlaggedAt }
    : null

const ids = distinctIds

const threadOfAnswer = z.object({ id: idSchema, thread: idSchema.nullish() })
const procedureOf = z.object({ id: idSchema, procedure: idSchema.nullish() })
const slugOf = z.object({ id: idSchema, slug: z.string() })

/** The request's `?step=`: an index from 0, or null when absent. */
const parseStep = (req: PayloadRequest): number | null => {
  const raw = req.searchParams?.get('step') ?? null
  if (raw === null || raw === '') return null
  if (!/^\d{1,3}$/.test(raw) || Number(raw) > 100) {
    throw new InvalidInputError('"step" must be the index of a step of the procedure, from 0.', 'step')
  }
  return Number(raw)
}

const notFound = (slug: string): EntraideError =>
  new EntraideError(404, 'not-found', { message: `No procedure with slug "${slug}" was found.` })

/** Public profiles of the given users: display name, role and agency, nothing else. */
const loadPeople = async (req: PayloadRequest, userIds: ID[]): Promise<People> => {
  const people: People = new Map()
  const profiles = await loadPublicProfiles({ ids: userIds, req })
  const agencies = await loadAgencies(req, ids(profiles.map((profile) => profile.agency)))
  for (const profile of profiles) {
    const agencyKey = idKey(profile.agency)
    people.set(String(profile.id), {
      agency: agencyKey === null ? null : (agencies.get(agencyKey) ?? null),
      displayName: profile.displayName,
      id: profile.id,
      role: profile.role,
    })
  }
  return people
}

const loadAgencies = async (req: PayloadRequest, agencyIds: ID[]): Promise<Map<string, PublicAgency>> => {
  const agencies = new Map<string, PublicAgency>()
  if (agencyIds.length === 0) return agencies
  const docs = await findAllDocs({ collection: 'agencies', req, where: { id: { in: agencyIds } } })
  for (const agency of docs) agencies.set(String(agency.id), { name: agency.name, slug: agency.slug })
  return agencies
}

const personOf = (people: People, value: unknown): PublicPerson | null => {
  const key = idKey(value)
  const person = key === null ? undefined : people.get(key)
  return person ? { displayName: person.displayName, id: person.id, role: person.role } : null
}

/** The agency of a person, when they belong to one. */
const agencyOf = (people: People, value: unknown): PublicAgency | null => {
  const key = idKey(value)
  return (key === null ? null : people.get(key)?.agency) ?? null
}

const validationOf = (
  people: People,
  item: { validatedBy?: unknown; validatedAt?: string | null },
): Validation | null => {
  if (!item.validatedAt) return null
  const key = idKey(item.validatedBy)
  return {
    agency: (key === null ? null : people.get(key)?.agency) ?? null,
    validatedAt: item.validatedAt,
    validatedBy: personOf(people, item.validatedBy),
  }
}

const statusOf = (visibility: string | null | undefined): ItemStatus =>
  visibility === 'pending' || visibility === 'hidden' ? visibility : 'published'

/** Why a moderator hid the item, for its author only (the only other reader of a hidden item). */
const moderationNoteOf = (item: { visibility?: string | null; moderationNote?: string | null }): string | null =>
  item.visibility === 'hidden' ? (item.moderationNote ?? null) : null

/** The reader's own unpublished questions first, then those with a validated answer or resolved, answered, open, closed. */
const threadRank = (thread: ThreadItem): number => {
  if (thread.status !== 'published') return 0
  if (thread.threadStatus === 'resolved' || thread.answers.some((answer) => answer.validation !== null)) return 1
  if (thread.threadStatus === 'answered') return 2
  if (thread.threadStatus === 'open') return 3
  return 4
}

const answerRank = (answer: AnswerItem): number => (answer.validation !== null ? 0 : answer.isAccepted ? 1 : 2)

const byScoreThenNewest = (
  a: { score?: number | null; createdAt: string },
  b: { score?: number | null; createdAt: string },
): number => (b.score ?? 0) - (a.score ?? 0) || b.createdAt.localeCompare(a.createdAt)

const procedureInfo = (procedure: ProcedureDoc, agency: PublicAgency | null): ProcedureInfo => ({
  agency,
  cost: text(procedure.cost),
  delay: text(procedure.delay),
  id: procedure.id,
  lastOfficialChange: text(procedure.lastOfficialChange),
  officialUrl: text(procedure.officialUrl),
  requiredDocuments: (procedure.requiredDocuments ?? []).map((entry) => entry.document),
  slug: procedure.slug,
  steps: (procedure.steps ?? []).map((step) => ({ description: text(step.description), title: step.title })),
  summary: text(procedure.summary),
  title: procedure.title,
})

/** The reader's votes on the given targets (`collection:id` keys). */
const loadMyVotes = async (
  req: PayloadRequest,
  viewer: Actor | null,
  targetKeys: string[],
): Promise<Map<string, MyVote>> => {
  const votes = new Map<string, MyVote>()
  if (!viewer || targetKeys.length === 0) return votes
  const docs = await findAllDocs({
    collection: 'votes',
    req,
    where: { and: [{ user: { equals: viewer.id } }, { targetKey: { in: targetKeys } }] },
  })
  for (const vote of docs) votes.set(vote.targetKey, vote.value === 1 ? 1 : vote.value === -1 ? -1 : 0)
  return votes
}

/** Where each promoted source can be read on the host website, when it is still public. */
const loadSourceUrls = async (
  req: PayloadRequest,
  options: ResolvedOptions,
  pages: WikiPageDoc[],
): Promise<Map<string, string>> => {
  const urls = new Map<string, string>()
  const sources = pages.flatMap((page) => page.sources)
  const answerIds = ids(sources.map((source) => source.answer))
  const tipIds = ids(sources.map((source) => source.tip))
  const answers =
    answerIds.length === 0
      ? []
      : await findFields({
          collection: 'answers',
          req,
          schema: threadOfAnswer,
          select: { thread: true },
          where: { and: [{ id: { in: answerIds } }, publicWhere] },
        })
  const threadIds = ids(answers.map((answer) => answer.thread))
  const threads =
    threadIds.length === 0
      ? []
      : await findFields({
          collection: 'threads',
          req,
          schema: procedureOf,
          select: { procedure: true },
          where: { and: [{ id: { in: threadIds } }, publicWhere] },
        })
  const tips =
    tipIds.length === 0
      ? []
      : await findFields({
          collection: 'tips',
          req,
          schema: procedureOf,
          select: { procedure: true },
          where: { and: [{ id: { in: tipIds } }, publicWhere] },
        })
  const procedureIds = ids([...threads.map((thread) => thread.procedure), ...tips.map((tip) => tip.procedure)])
  const slugs = new Map<string, string>()
  if (procedureIds.length > 0) {
    const docs = await findFields({
      collection: 'procedures',
      req,
      schema: slugOf,
      select: { slug: true },
      where: { id: { in: procedureIds } },
    })
    for (const procedure of docs) slugs.set(String(procedure.id), procedure.slug)
  }
  const urlOf = (procedure: unknown, anchor: string): string | null => {
    const key = idKey(procedure)
    const slug = key === null ? undefined : slugs.get(key)
    return slug === undefined ? null : `${options.procedureUrl(slug)}#${anchor}`
  }
  const threadUrls = new Map<string, string>()
  for (const thread of threads) {
    const url = urlOf(thread.procedure, `entraide-thread-${String(thread.id)}`)
    if (url) threadUrls.set(String(thread.id), url)
  }
  for (const answer of answers) {
    const url = threadUrls.get(idKey(answer.thread) ?? '')
    if (url) urls.set(`answer:${String(answer.id)}`, url)
  }
  for (const tip of tips) {
    const url = urlOf(tip.procedure, `entraide-tip-${String(tip.id)}`)
    if (url) urls.set(`tip:${String(tip.id)}`, url)
  }
  return urls
}

/** How many of the reader's own proposals of a guide the page lists, newest first. */
const myProposalsShown = 5

/**
 * The reader's own edits of the guide: their latest proposals (with the
 * reviewer's note on a refused one), and whether an edit of theirs waits for
 * review (a pending proposal, or a draft saved in the admin panel).
 */
const loadMyGuideEdits = async (
  req: PayloadRequest,
  viewer: Actor,
  guide: { id: ID; updatedAt: string },
): Promise<{ hasPending: boolean; proposals: GuideProposalInfo[] }> => {
  const { docs } = await findDocs({
    collection: 'guide-proposals',
    limit: myProposalsShown,
    req,
    sort: '-createdAt',
    where: { and: [{ guide: { equals: guide.id } }, { author: { equals: viewer.id } }] },
  })
  const proposals = docs.map((proposal): GuideProposalInfo => ({
    createdAt: proposal.createdAt,
    id: proposal.id,
    reviewNote: proposal.status === 'refused' ? proposal.reviewNote : null,
    reviewedAt: proposal.reviewedAt,
    status: proposal.status,
    title: proposal.title,
  }))
  if (proposals.some((proposal) => proposal.status === 'pending')) return { hasPending: true, proposals }
  const { totalDocs } = await req.payload.countVersions({
    collection: 'guides',
    overrideAccess: true,
    req,
    where: {
      and: [
        { parent: { equals: guide.id } },
        { 'version._status': { equals: 'draft' } },
        { 'version.lastEditedBy': { equals: viewer.id } },
        { updatedAt: { greater_than: guide.updatedAt } },
      ],
    },
  })
  return { hasPending: totalDocs > 0, proposals }
}

const tipItemOf = (people: People, tip: TipDoc): TipItem => ({
  author: personOf(people, tip.author),
  body: tip.body,
  createdAt: tip.createdAt,
  id: tip.id,
  myVote: 0,
  score: tip.score ?? 0,
  moderationNote: moderationNoteOf(tip),
  status: statusOf(tip.visibility),
  step: tip.step ?? null,
  validation: validationOf(people, tip),
  reverification: reverificationOf(tip),
})

const answerItemOf = (people: People, answer: AnswerDoc): AnswerItem => ({
  author: personOf(people, answer.author),
  body: answer.body,
  createdAt: answer.createdAt,
  id: answer.id,
  isAccepted: answer.isAccepted === true,
  myVote: 0,
  score: answer.score ?? 0,
  moderationNote: moderationNoteOf(answer),
  status: statusOf(answer.visibility),
  validation: validationOf(people, answer),
  reverification: reverificationOf(answer),
})

const threadItemOf = (people: People, thread: ThreadDoc, answers: AnswerItem[]): ThreadItem => ({
  answers,
  author: personOf(people, thread.author),
  body: thread.body,
  createdAt: thread.createdAt,
  id: thread.id,
  myVote: 0,
  score: thread.score ?? 0,
  moderationNote: moderationNoteOf(thread),
  status: statusOf(thread.visibility),
  step: thread.step ?? null,
  threadStatus: thread.status,
  title: thread.title,
})

/** A thread's answers as the page lists them: validated, then accepted, then by score and newest; 20 at most. */
const bestAnswers = (answers: readonly AnswerItem[]): AnswerItem[] =>
  [...answers]
    .sort((a, b) => answerRank(a) - answerRank(b) || byScoreThenNewest(a, b))
    .slice(0, procedurePageLimits.answersPerThread)

/** The threads as the page lists them: answered and validated first (see `threadRank`); 20 at most. */
const bestThreads = (threads: readonly ThreadItem[]): ThreadItem[] =>
  threads
    .map((thread) => ({ rank: threadRank(thread), thread }))
    .sort((a, b) => a.rank - b.rank || byScoreThenNewest(a.thread, b.thread))
    .slice(0, procedurePageLimits.threads)
    .map((entry) => entry.thread)

/** Replaces the items of `shared` that `own` holds a fresher copy of, and adds the others. */
const withOwn = <T extends { id: ID }>(shared: readonly T[], own: readonly T[]): T[] => {
  const ownIds = new Set(own.map((item) => String(item.id)))
  return [...shared.filter((item) => !ownIds.has(String(item.id))), ...own]
}

/**
 * The part of a procedure page that is the same for every reader: the
 * procedure, its official pages, the guide, the best published tips, and the
 * published questions the page ranks (the 100 best by score, each with its 20
 * best published answers). Each reader's own items and votes are added to it
 * by `withReader`.
 */
export type SharedProcedurePage = {
  procedure: ProcedureInfo
  step: number | null
  officialPages: OfficialPage[]
  guide: GuideInfo | null
  tips: TipItem[]
  scannedThreads: ThreadItem[]
}

/** The shared part of a procedure page, read with nobody's rights but the public's. */
export const loadSharedProcedurePage = async ({
  options,
  req,
  slug,
  step,
}: {
  req: PayloadRequest
  options: ResolvedOptions
  slug: string
  step: number | null
}): Promise<SharedProcedurePage> => {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 100) throw notFound(slug)
  const { docs: found } = await findDocs({
    collection: 'procedures',
    limit: 1,
    pagination: false,
    req,
    where: { slug: { equals: slug } },
  })
  const procedure = found[0]
  if (!procedure) throw notFound(slug)

  const stepFilter: Where[] = step === null ? [] : [{ step: { equals: step } }]
  const [pagesResult, guideResult, tipsResult, threadsResult] = await Promise.all([
    findDocs({
      collection: 'wiki-pages',
      limit: procedurePageLimits.officialPages,
      req,
      sort: '-updatedAt',
      where: { and: [{ procedure: { equals: procedure.id } }, { _status: { equals: 'published' } }] },
    }),
    findDocs({
      collection: 'guides',
      limit: 1,
      pagination: false,
      req,
      where: { and: [{ procedure: { equals: procedure.id } }, { _status: { equals: 'published' } }] },
    }),
    findDocs({
      collection: 'tips',
      limit: procedurePageLimits.tips,
      req,
      sort: ['-score', '-createdAt'],
      where: { and: [{ procedure: { equals: procedure.id } }, publicWhere, ...stepFilter] },
    }),
    findDocs({
      collection: 'threads',
      limit: threadsScanned,
      req,
      sort: ['-score', '-createdAt'],
      where: { and: [{ procedure: { equals: procedure.id } }, publicWhere, ...stepFilter] },
    }),
  ])
  const pages = pagesResult.docs
  const guide = guideResult.docs[0] ?? null
  const tips = tipsResult.docs
  const threads = threadsResult.docs
  const answers =
    threads.length === 0
      ? []
      : await findAllDocs({
          collection: 'answers',
          req,
          sort: '-createdAt',
          where: { and: [{ thread: { in: threads.map((thread) => thread.id) } }, publicWhere] },
        })
  const people = await loadPeople(
    req,
    ids([
      guide?.verifiedBy,
      ...pages.flatMap((page) => [
        ...page.contributors,
        ...page.sources.flatMap((source) => [source.contributor, source.validatedBy]),
      ]),
      ...tips.flatMap((tip) => [tip.author, tip.validatedBy]),
      ...threads.map((thread) => thread.author),
      ...answers.flatMap((answer) => [answer.author, answer.validatedBy]),
    ]),
  )
  const agencyId = idOf(procedure.agency)
  const [agencies, sourceUrls] = await Promise.all([
    loadAgencies(req, agencyId === null ? [] : [agencyId]),
    loadSourceUrls(req, options, pages),
  ])

  const answersByThread = new Map<string, AnswerItem[]>()
  for (const answer of answers) {
    const threadId = idKey(answer.thread)
    if (threadId === null) continue
    answersByThread.set(threadId, [...(answersByThread.get(threadId) ?? []), answerItemOf(people, answer)])
  }

  const officialPages = pages.map((page): OfficialPage => ({
    body: page.body,
    contributors: page.contributors
      .map((contributor) => personOf(people, contributor))
      .filter((person) => person !== null),
    id: page.id,
    slug: page.slug,
    sources: page.sources.map((source): Provenance => {
      const validatorKey = idKey(source.validatedBy)
      const sourceId = idOf(source.kind === 'answer' ? source.answer : source.tip)
      return {
        contributor: personOf(people, source.contributor),
        kind: source.kind,
        sourceUrl: sourceId === null ? null : (sourceUrls.get(`${source.kind}:${sourceId}`) ?? null),
        validatedAt: text(source.validatedAt),
        validatedBy: personOf(people, source.validatedBy),
        validatingAgency: (validatorKey === null ? null : people.get(validatorKey)?.agency) ?? null,
      }
    }),
    title: page.title,
    updatedAt: page.updatedAt,
    reverification: reverificationOf(page),
  }))

  const guideInfo: GuideInfo | null = guide
    ? {
        body: guide.body,
        hasMyPendingEdit: false,
        id: guide.id,
        myProposals: [],
        myVote: 0,
        needsReview: guide.needsReview === true,
        reverification: reverificationOf(guide),
        score: guide.score ?? 0,
        title: guide.title,
        updatedAt: guide.updatedAt,
        verifiedAt: text(guide.verifiedAt),
        verifiedBy: personOf(people, guide.verifiedBy),
        verifyingAgency: agencyOf(people, guide.verifiedBy),
      }
    : null

  return {
    guide: guideInfo,
    officialPages,
    procedure: procedureInfo(procedure, agencyId === null ? null : (agencies.get(String(agencyId)) ?? null)),
    scannedThreads: threads.map((thread) =>
      threadItemOf(people, thread, bestAnswers(answersByThread.get(String(thread.id)) ?? [])),
    ),
    step,
    tips: tips.map((tip) => tipItemOf(people, tip)),
  }
}

/** The page as an anonymous reader gets it. */
export const anonymousPage = (shared: SharedProcedurePage, options: ResolvedOptions): ProcedurePageData => ({
  accounts: options.usersCollection,
  guide: shared.guide,
  officialPages: shared.officialPages,
  procedure: shared.procedure,
  step: shared.step,
  threads: bestThreads(shared.scannedThreads),
  tips: shared.tips,
  viewer: null,
})

/**
 * The page as a signed-in reader gets it: the shared part with the reader's
 * own items of every state (pending and hidden ones marked, a hidden one with
 * the moderator's reason), ranked among the others exactly as if all were
 * read together, and the reader's votes and guide edits. Only what is the
 * reader's own is read here.
 */
export const withReader = async ({
  options,
  req,
  shared,
  viewer,
}: {
  req: PayloadRequest
  options: ResolvedOptions
  shared: SharedProcedurePage
  viewer: Actor
}): Promise<ProcedurePageData> => {
  const procedureId = shared.procedure.id
  const stepFilter: Where[] = shared.step === null ? [] : [{ step: { equals: shared.step } }]
  const mine: Where = { author: { equals: viewer.id } }
  const [ownTips, ownThreads] = await Promise.all([
    findDocs({
      collection: 'tips',
      limit: procedurePageLimits.tips,
      req,
      sort: ['-score', '-createdAt'],
      where: { and: [{ procedure: { equals: procedureId } }, mine, ...stepFilter] },
    }),
    findDocs({
      collection: 'threads',
      limit: threadsScanned,
      req,
      sort: ['-score', '-createdAt'],
      where: { and: [{ procedure: { equals: procedureId } }, mine, ...stepFilter] },
    }),
  ])
  const sharedThreadIds = new Set(shared.scannedThreads.map((thread) => String(thread.id)))
  // Threads of the reader's that the shared part does not hold (pending, hidden, or just published
  // through another node) need their published answers too.
  const ownOnlyThreadIds = ownThreads.docs.map((thread) => thread.id).filter((id) => !sharedThreadIds.has(String(id)))
  const threadIds = [...sharedThreadIds, ...ownOnlyThreadIds.map(String)]
  const [ownAnswers, othersAnswers] = await Promise.all([
    threadIds.length === 0
      ? Promise.resolve([])
      : findAllDocs({
          collection: 'answers',
          req,
          sort: '-createdAt',
          where: { and: [{ thread: { in: [...shared.scannedThreads.map((thread) => thread.id), ...ownOnlyThreadIds] } }, mine] },
        }),
    ownOnlyThreadIds.length === 0
      ? Promise.resolve([])
      : findAllDocs({
          collection: 'answers',
          req,
          sort: '-createdAt',
          where: { and: [{ thread: { in: ownOnlyThreadIds } }, publicWhere] },
        }),
  ])
  const people = await loadPeople(
    req,
    ids([
      viewer.id,
      ...ownTips.docs.map((tip) => tip.validatedBy),
      ...ownAnswers.map((answer) => answer.validatedBy),
      ...othersAnswers.flatMap((answer) => [answer.author, answer.validatedBy]),
    ]),
  )

  const tips = withOwn(
    shared.tips,
    ownTips.docs.map((tip) => tipItemOf(people, tip)),
  )
    .sort(byScoreThenNewest)
    .slice(0, procedurePageLimits.tips)

  const addedAnswers = new Map<string, AnswerItem[]>()
  for (const answer of [...ownAnswers, ...othersAnswers]) {
    const threadId = idKey(answer.thread)
    if (threadId === null) continue
    addedAnswers.set(threadId, [...(addedAnswers.get(threadId) ?? []), answerItemOf(people, answer)])
  }
  const threadsWithAnswers = (thread: ThreadItem): ThreadItem => {
    const added = addedAnswers.get(String(thread.id))
    return added ? { ...thread, answers: bestAnswers(withOwn(thread.answers, added)) } : thread
  }
  const scanned = withOwn(
    shared.scannedThreads,
    ownThreads.docs.map((thread) => threadItemOf(people, thread, [])),
  )
    .sort(byScoreThenNewest)
    .slice(0, threadsScanned)
    .map((thread) => {
      const sharedCopy = shared.scannedThreads.find((item) => item.id === thread.id)
      // The reader's fresh copy of a shared thread keeps the shared answers.
      return threadsWithAnswers(sharedCopy && thread !== sharedCopy ? { ...thread, answers: sharedCopy.answers } : thread)
    })
  const threads = bestThreads(scanned)

  const shownAnswers = threads.flatMap((thread) => thread.answers)
  const [myVotes, myGuideEdits] = await Promise.all([
    loadMyVotes(req, viewer, [
      ...(shared.guide ? [`guides:${shared.guide.id}`] : []),
      ...tips.map((tip) => `tips:${tip.id}`),
      ...threads.map((thread) => `threads:${thread.id}`),
      ...shownAnswers.map((answer) => `answers:${answer.id}`),
    ]),
    shared.guide ? loadMyGuideEdits(req, viewer, shared.guide) : Promise.resolve({ hasPending: false, proposals: [] }),
  ])
  const myVote = (key: string): MyVote => myVotes.get(key) ?? 0

  return {
    accounts: options.usersCollection,
    guide: shared.guide
      ? {
          ...shared.guide,
          hasMyPendingEdit: myGuideEdits.hasPending,
          myProposals: myGuideEdits.proposals,
          myVote: myVote(`guides:${shared.guide.id}`),
        }
      : null,
    officialPages: shared.officialPages,
    procedure: shared.procedure,
    step: shared.step,
    threads: threads.map((thread) => ({
      ...thread,
      answers: thread.answers.map((answer) => ({ ...answer, myVote: myVote(`answers:${answer.id}`) })),
      myVote: myVote(`threads:${thread.id}`),
    })),
    tips: tips.map((tip) => ({ ...tip, myVote: myVote(`tips:${tip.id}`) })),
    viewer: personOf(people, viewer.id),
  }
}

/**
 * `GET /api/entraide/me`: the signed-in person's public profile (the one
 * shown next to their contributions), or `null`; the widget reads it after
 * signing in, whatever the site calls the fields of its accounts.
 */
export const meEndpoint = (): Endpoint =>
  endpoint('get', '/entraide/me', async (req) => {
    const actor = actorFromRequest(req)
    const [profile] = actor === null ? [] : await loadPublicProfiles({ ids: [actor.id], req })
    const user = profile ? { displayName: profile.displayName, id: profile.id, role: profile.role } : null
    return Response.json({ user }, { headers: { 'Cache-Control': 'private, no-store' } })
  })

/** A weak validator of an anonymous page: a hash of the JSON it answers. */
const weakEtagOf = (body: string): string => `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`

/**
 * Whether an `If-None-Match` header names `etag`, compared weakly (RFC 9110:
 * `W/` ignored), or is `*`.
 */
const isNotModified = (ifNoneMatch: string | null, etag: string): boolean => {
  if (!ifNoneMatch) return false
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag))
}

/**
 * `GET /api/entraide/procedures/:slug[?step=N]`: the aggregated procedure
 * page the widget renders with one request. Its shared part, the same for
 * every reader, comes from this process's memory (see `procedurePageCache`).
 * Anonymous responses are that part alone: cacheable for a short while, with
 * a weak `ETag` (a reader sending it back in `If-None-Match` gets
 * `304 Not Modified` without the body while the page is unchanged). A
 * signed-in reader's response adds what is theirs, read from the database
 * (`withReader`), and is private.
 */
export const procedurePageEndpoint = (options: ResolvedOptions): Endpoint =>
  endpoint('get', '/entraide/procedures/:slug', async (req) => {
    const raw = req.routeParams?.slug
    const slug = typeof raw === 'string' ? raw : ''
    const step = parseStep(req)
    const headers = new Headers({ Vary: 'Origin, Cookie, Authorization' })
    const loadShared = async (): Promise<CachedPage> => {
      const shared = await loadSharedProcedurePage({ options, req, slug, step })
      const body = JSON.stringify(anonymousPage(shared, options))
      return { body, etag: weakEtagOf(body), shared }
    }
    const { body, etag, shared } =
      options.procedurePageCache === false
        ? await loadShared()
        : await cachedProcedurePage(
            req.payload,
            { key: `${slug}|${step ?? ''}`, ttlMs: options.procedurePageCache.ttlMs },
            loadShared,
          )
    const viewer = actorFromRequest(req)
    if (viewer) {
      headers.set('Cache-Control', 'private, no-store')
      return Response.json(await withReader({ options, req, shared, viewer }), { headers })
    }
    headers.set('Cache-Control', publicCacheControl)
    headers.set('ETag', etag)
    if (isNotModified(req.headers.get('If-None-Match'), etag)) return new Response(null, { headers, status: 304 })
    headers.set('Content-Type', 'application/json')
    return new Response(body, { headers, status: 200 })
  })
