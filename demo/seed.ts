import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
  type PayloadRequest,
  type Where,
} from 'payload'

import {
  acceptAnswer,
  castVote,
  childrenOf,
  lexicalRoot,
  moderateContent,
  promoteAnswer,
  promoteTip,
  proposeGuideEdit,
  reportContent,
  resolveReport,
  validateAnswer,
  validateTip,
  verifyGuide,
  type ID,
  type TargetCollection,
} from 'entraide'
import { demoAccount, demoAccounts, formatDemoSignIns, type DemoAccount, type DemoAccountKey } from './accounts.ts'
import { demoAgencies } from './content/agencies.ts'
import { demoThreads, demoTips, type DemoReport, type DemoThread, type DemoTip, type DemoVote } from './content/community.ts'
import { demoGuides, type DemoGuide } from './content/guides.ts'
import { demoProcedures } from './content/procedures.ts'
import { demoWikiPages, type DemoWikiPage } from './content/wiki.ts'
import { seedDemoHistory } from './history.ts'

/** The collections the demo seed writes to. */
export const seededCollections = [
  'agencies',
  'users',
  'procedures',
  'guides',
  'guide-proposals',
  'tips',
  'threads',
  'answers',
  'wiki-pages',
  'votes',
  'reports',
  'helpfulness',
  'search-queries',
  'suggestion-finds',
] as const
export type SeededCollection = (typeof seededCollections)[number]

/** A part of the demo content that could not be created; the rest was. */
export type SeedFailure = { unit: string; message: string }

/** What a run of the seed did. */
export type SeedReport = {
  /** Items created by this run, per collection: all zero when the demo content was already there. */
  created: Record<SeededCollection, number>
  /** Parts that failed and were rolled back; empty when everything went well. */
  failures: SeedFailure[]
  /** The demo sign-ins. */
  accounts: readonly DemoAccount[]
}

const emptyCounts = (): Record<SeededCollection, number> => ({
  agencies: 0,
  answers: 0,
  guides: 0,
  'guide-proposals': 0,
  helpfulness: 0,
  'search-queries': 0,
  'suggestion-finds': 0,
  procedures: 0,
  reports: 0,
  threads: 0,
  tips: 0,
  users: 0,
  votes: 0,
  'wiki-pages': 0,
})

const dayInMs = 24 * 60 * 60 * 1000

/** The context of one unit of demo content, written in one transaction. */
type Unit = {
  /** A request without a user (system writes that keep the author they pass), in the unit's transaction. */
  system: PayloadRequest
  /** A request acting as a demo person, in the unit's transaction. */
  as: (key: DemoAccountKey) => Promise<PayloadRequest>
  created: (collection: SeededCollection) => void
}

/** Ids of what the content refers to by name: agencies and procedures by slug, people by key. */
type Directory = {
  agencies: Map<string, ID>
  procedures: Map<string, ID>
  users: Map<DemoAccountKey, ID>
}

const lookup = <K>(map: Map<K, ID>, key: K, what: string): ID => {
  const id = map.get(key)
  if (id === undefined) throw new Error(`The demo ${what} "${String(key)}" is missing.`)
  return id
}

const messageOf = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : ''
  return `${error.message}${cause}`
}

/**
 * Seeds the demo content of a fictional public-service website, in French:
 * agencies, eight real procedures, one account per role, guides, tips,
 * questions in every state, votes, reports and official wiki pages whose
 * provenance comes from the real domain actions; then several months of
 * generated activity behind that story (`seedDemoHistory`: questions,
 * answers, validations, helpfulness feedback, searches, suggestions chosen).
 *
 * Idempotent: each item is looked up by its natural key (slug, email, the
 * guide of a procedure, a thread's title on its procedure, a tip's text on
 * its procedure) and only what is missing is created, together with what
 * happened to it in the demo story. Existing data is never modified, so a
 * second run writes nothing. Each unit (a thread with its answers, a tip, a
 * guide…) is written in its own transaction: a failing unit is rolled back,
 * reported in `failures`, and the others are still created.
 *
 * @example
 * const report = await seedDemoContent(payload)
 * describeSeedReport(report).forEach((line) => payload.logger.info(line))
 */
export const seedDemoContent = async (payload: Payload): Promise<SeedReport> => {
  const report: SeedReport = { accounts: demoAccounts, created: emptyCounts(), failures: [] }
  const directory: Directory = { agencies: new Map(), procedures: new Map(), users: new Map() }

  const runUnit = async (name: string, work: (unit: Unit) => Promise<void>): Promise<void> => {
    const system = await createLocalReq({}, payload)
    const isOwner = await initTransaction(system)
    const created = emptyCounts()
    const unit: Unit = {
      as: async (key) => {
        const user = await payload.findByID({
          collection: 'users',
          depth: 0,
          id: lookup(directory.users, key, 'account'),
          overrideAccess: true,
          req: system,
        })
        return createLocalReq({ req: { transactionID: system.transactionID }, user: { ...user, collection: 'users' } }, payload)
      },
      created: (collection) => {
        created[collection] += 1
      },
      system,
    }
    try {
      await work(unit)
      if (isOwner) await commitTransaction(system)
      for (const collection of seededCollections) report.created[collection] += created[collection]
    } catch (error) {
      if (isOwner) await killTransaction(system)
      report.failures.push({ message: messageOf(error), unit: name })
    }
  }

  await runUnit('agencies', (unit) => seedAgencies(payload, unit))
  directory.agencies = await idsBySlug(payload, 'agencies', demoAgencies.map((agency) => agency.slug))
  await runUnit('users', (unit) => seedUsers(payload, unit, directory))
  directory.users = await userIds(payload)
  await runUnit('procedures', (unit) => seedProcedures(payload, unit, directory))
  directory.procedures = await idsBySlug(payload, 'procedures', demoProcedures.map((procedure) => procedure.slug))

  for (const guide of demoGuides) {
    await runUnit(`guide of ${guide.procedure}`, (unit) => seedGuide(payload, unit, directory, guide))
  }
  for (const tip of demoTips) {
    await runUnit(`tip on ${tip.procedure}: ${tip.body.slice(0, 40)}…`, (unit) => seedTip(payload, unit, directory, tip))
  }
  for (const thread of demoThreads) {
    await runUnit(`thread "${thread.title}"`, (unit) => seedThread(payload, unit, directory, thread))
  }
  for (const page of demoWikiPages) {
    await runUnit(`wiki page ${page.slug}`, (unit) => seedWikiPage(payload, unit, directory, page))
  }
  // Months of generated activity behind the story, for the listening dashboard's and the public figures' trends.
  await runUnit('history', (unit) =>
    seedDemoHistory({ created: unit.created, payload, procedures: directory.procedures, req: unit.system, users: directory.users }),
  )
  return report
}

/** Whether the run created anything, that is, whether the database was (at least partly) empty. */
export const hasCreatedContent = (report: SeedReport): boolean =>
  seededCollections.some((collection) => report.created[collection] > 0)

/**
 * The seed report as lines to print at start: what was created (or that
 * nothing was), the demo sign-ins, and any failure.
 */
export const describeSeedReport = (report: SeedReport): string[] => {
  const created = seededCollections.filter((collection) => report.created[collection] > 0)
  const summary =
    !hasCreatedContent(report)
      ? 'Demo content already present: nothing created.'
      : `Demo content created: ${created.map((collection) => `${report.created[collection]} ${collection}`).join(', ')}.`
  return [
    summary,
    'Demo sign-ins (role, email, password, name):',
    ...formatDemoSignIns(report.accounts).map((line) => `  ${line}`),
    ...report.failures.map((failure) => `Demo content not created: ${failure.unit}: ${failure.message}`),
  ]
}

const idsBySlug = async (payload: Payload, collection: 'agencies' | 'procedures', slugs: string[]): Promise<Map<string, ID>> => {
  const { docs } = await payload.find({
    collection,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    where: { slug: { in: slugs } },
  })
  return new Map(docs.map((doc) => [doc.slug, doc.id]))
}

const userIds = async (payload: Payload): Promise<Map<DemoAccountKey, ID>> => {
  const { docs } = await payload.find({
    collection: 'users',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    where: { email: { in: demoAccounts.map((account) => account.email) } },
  })
  const ids = new Map<DemoAccountKey, ID>()
  for (const account of demoAccounts) {
    const user = docs.find((doc) => doc.email === account.email)
    if (user) ids.set(account.key, user.id)
  }
  return ids
}

const exists = async (
  payload: Payload,
  req: PayloadRequest,
  collection: 'agencies' | 'guides' | 'procedures' | 'threads' | 'tips' | 'users' | 'wiki-pages',
  where: Where,
): Promise<boolean> => (await payload.count({ collection, overrideAccess: true, req, where })).totalDocs > 0

const daysAgo = (days: number): string => new Date(Date.now() - days * dayInMs).toISOString()

const seedAgencies = async (payload: Payload, { created, system }: Unit): Promise<void> => {
  for (const agency of demoAgencies) {
    if (await exists(payload, system, 'agencies', { slug: { equals: agency.slug } })) continue
    await payload.create({ collection: 'agencies', data: agency, depth: 0, overrideAccess: true, req: system })
    created('agencies')
  }
}

const seedUsers = async (payload: Payload, { created, system }: Unit, directory: Directory): Promise<void> => {
  for (const account of demoAccounts) {
    if (await exists(payload, system, 'users', { email: { equals: account.email } })) continue
    await payload.create({
      collection: 'users',
      data: {
        agency: account.agency === null ? null : lookup(directory.agencies, account.agency, 'agency'),
        displayName: account.displayName,
        email: account.email,
        // The demo's citizens are the public: community accounts, as if they had signed up.
        isCommunityAccount: account.role === 'citizen',
        password: account.password,
        role: account.role,
      },
      depth: 0,
      overrideAccess: true,
      req: system,
    })
    created('users')
  }
}

const seedProcedures = async (payload: Payload, { created, system }: Unit, directory: Directory): Promise<void> => {
  for (const procedure of demoProcedures) {
    if (await exists(payload, system, 'procedures', { slug: { equals: procedure.slug } })) continue
    await payload.create({
      collection: 'procedures',
      data: {
        agency: lookup(directory.agencies, procedure.agency, 'agency'),
        cost: procedure.cost,
        delay: procedure.delay,
        lastOfficialChange: procedure.lastOfficialChange ?? null,
        officialUrl: procedure.officialUrl,
        requiredDocuments: procedure.requiredDocuments.map((document) => ({ document })),
        slug: procedure.slug,
        steps: procedure.steps,
        summary: procedure.summary,
        title: procedure.title,
      },
      depth: 0,
      overrideAccess: true,
      req: system,
    })
    created('procedures')
  }
}

const castVotes = async (unit: Unit, collection: TargetCollection, id: ID, votes: DemoVote[] = []): Promise<void> => {
  for (const vote of votes) {
    await castVote({ collection, id, req: await unit.as(vote.by), value: vote.value })
    unit.created('votes')
  }
}

const fileReports = async (
  unit: Unit,
  collection: 'answers' | 'threads' | 'tips',
  id: ID,
  reports: DemoReport[] = [],
): Promise<void> => {
  for (const demoReport of reports) {
    const { report } = await reportContent({
      collection,
      id,
      note: demoReport.note,
      reason: demoReport.reason,
      req: await unit.as(demoReport.by),
    })
    unit.created('reports')
    if (demoReport.hiddenBy) {
      await resolveReport({
        decision: 'hide',
        note: demoReport.hiddenBy.note,
        reportId: report.id,
        req: await unit.as(demoReport.hiddenBy.by),
      })
    }
  }
}

const seedGuide = async (payload: Payload, unit: Unit, directory: Directory, guide: DemoGuide): Promise<void> => {
  const procedure = lookup(directory.procedures, guide.procedure, 'procedure')
  if (await exists(payload, unit.system, 'guides', { procedure: { equals: procedure } })) return
  // Written as its author would: the collection's rules decide whether it is published.
  const created = await payload.create({
    collection: 'guides',
    data: { _status: 'published', body: guide.body, procedure, title: guide.title },
    depth: 0,
    overrideAccess: false,
    req: await unit.as(guide.publishedBy),
  })
  unit.created('guides')
  if (guide.verifiedBy) await verifyGuide({ guideId: created.id, req: await unit.as(guide.verifiedBy) })
  await castVotes(unit, 'guides', created.id, guide.votes)
  if (guide.revision && demoAccount(guide.revision.by).role === 'citizen') {
    // A citizen proposes: the proposal waits for a reviewer of the procedure's agency.
    await proposeGuideEdit({
      body: guide.revision.body,
      guideId: created.id,
      req: await unit.as(guide.revision.by),
      title: guide.title,
    })
    unit.created('guide-proposals')
  } else if (guide.revision) {
    // Staff write the guide: an editor's edit is published and, after a verification, flags the
    // guide for review; an agent's edit of another agency's guide waits as a draft for its reviewers.
    await payload.update({
      collection: 'guides',
      data: { _status: 'published', body: guide.revision.body },
      depth: 0,
      id: created.id,
      overrideAccess: false,
      req: await unit.as(guide.revision.by),
    })
  }
}

const seedTip = async (payload: Payload, unit: Unit, directory: Directory, tip: DemoTip): Promise<void> => {
  const procedure = lookup(directory.procedures, tip.procedure, 'procedure')
  if (await exists(payload, unit.system, 'tips', { and: [{ procedure: { equals: procedure } }, { body: { equals: tip.body } }] })) {
    return
  }
  const created = await payload.create({
    collection: 'tips',
    data: {
      author: lookup(directory.users, tip.author, 'account'),
      body: tip.body,
      createdAt: daysAgo(tip.daysAgo),
      procedure,
      step: tip.step ?? null,
      visibility: tip.isPending ? 'pending' : 'published',
    },
    depth: 0,
    overrideAccess: true,
    req: unit.system,
  })
  unit.created('tips')
  if (tip.validatedBy) await validateTip({ req: await unit.as(tip.validatedBy), tipId: created.id })
  if (tip.promotion) {
    const { isCreated } = await promoteTip({ req: await unit.as(tip.promotion.by), tipId: created.id, title: tip.promotion.title })
    if (isCreated) unit.created('wiki-pages')
  }
  await castVotes(unit, 'tips', created.id, tip.votes)
  await fileReports(unit, 'tips', created.id, tip.reports)
}

const answerAt = (ids: ID[], index: number, thread: DemoThread): ID => {
  const id = ids[index]
  if (id === undefined) throw new Error(`The thread "${thread.title}" has no answer ${index}.`)
  return id
}

const seedThread = async (payload: Payload, unit: Unit, directory: Directory, thread: DemoThread): Promise<void> => {
  const procedure = lookup(directory.procedures, thread.procedure, 'procedure')
  if (await exists(payload, unit.system, 'threads', { and: [{ procedure: { equals: procedure } }, { title: { equals: thread.title } }] })) {
    return
  }
  const created = await payload.create({
    collection: 'threads',
    data: {
      author: lookup(directory.users, thread.author, 'account'),
      body: thread.body,
      createdAt: daysAgo(thread.daysAgo),
      procedure,
      status: 'open',
      step: thread.step ?? null,
      title: thread.title,
      visibility: thread.isPending ? 'pending' : 'published',
    },
    depth: 0,
    overrideAccess: true,
    req: unit.system,
  })
  unit.created('threads')

  const answerIds: ID[] = []
  for (const answer of thread.answers) {
    const doc = await payload.create({
      collection: 'answers',
      data: {
        author: lookup(directory.users, answer.author, 'account'),
        body: answer.body,
        createdAt: daysAgo(answer.daysAgo),
        thread: created.id,
        visibility: 'published',
      },
      depth: 0,
      overrideAccess: true,
      req: unit.system,
    })
    answerIds.push(doc.id)
    unit.created('answers')
  }

  if (thread.accepted !== undefined) {
    await acceptAnswer({
      answerId: answerAt(answerIds, thread.accepted, thread),
      req: await unit.as(thread.author),
      threadId: created.id,
    })
  }
  if (thread.validation) {
    await validateAnswer({
      answerId: answerAt(answerIds, thread.validation.answer, thread),
      note: thread.validation.note,
      req: await unit.as(thread.validation.by),
    })
  }
  if (thread.promotion) {
    const { promotion } = thread
    const { isCreated, wikiPage } = await promoteAnswer({
      answerId: answerAt(answerIds, promotion.answer, thread),
      req: await unit.as(promotion.by),
      title: promotion.title,
    })
    if (isCreated) unit.created('wiki-pages')
    // The editor frames the promoted answer and publishes the page; provenance
    // (sources, contributors) stays exactly as the promotion recorded it.
    const editor = await unit.as(promotion.publishedBy)
    const draft = await payload.findByID({ collection: 'wiki-pages', depth: 0, draft: true, id: wikiPage.id, overrideAccess: false, req: editor })
    await payload.update({
      collection: 'wiki-pages',
      data: { _status: 'published', body: lexicalRoot([...promotion.intro, ...childrenOf(draft.body), ...promotion.outro]) },
      depth: 0,
      id: wikiPage.id,
      overrideAccess: false,
      req: editor,
    })
  }

  await castVotes(unit, 'threads', created.id, thread.votes)
  for (const [index, answer] of thread.answers.entries()) {
    await castVotes(unit, 'answers', answerAt(answerIds, index, thread), answer.votes)
  }
  if (thread.lock) {
    await moderateContent({
      action: 'lock',
      collection: 'threads',
      id: created.id,
      reason: thread.lock.reason,
      req: await unit.as(thread.lock.by),
    })
  }
}

const seedWikiPage = async (payload: Payload, unit: Unit, directory: Directory, page: DemoWikiPage): Promise<void> => {
  if (await exists(payload, unit.system, 'wiki-pages', { slug: { equals: page.slug } })) return
  await payload.create({
    collection: 'wiki-pages',
    data: {
      _status: 'published',
      body: page.body,
      procedure: page.procedure === undefined ? null : lookup(directory.procedures, page.procedure, 'procedure'),
      slug: page.slug,
      title: page.title,
    },
    depth: 0,
    overrideAccess: false,
    req: await unit.as(page.publishedBy),
  })
  unit.created('wiki-pages')
}

