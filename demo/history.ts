import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import { demoAccounts, type DemoAccountKey } from './accounts.ts'
import { demoProcedures } from './content/procedures.ts'
import { seededRandom } from './seededRandom.ts'

type ID = string | number

/** The collections the generated history writes to. */
export const historyCollections = ['threads', 'answers', 'helpfulness', 'search-queries', 'suggestion-finds'] as const
export type HistoryCollection = (typeof historyCollections)[number]

const hourMs = 60 * 60 * 1000
const dayMs = 24 * hourMs
const weekMs = 7 * dayMs

/** Weeks of history: about six months. */
const weeks = 26
/** Generated questions start this many days ago, so that the hand-written story stays the most recent. */
const newestQuestionDays = 42
const generatedQuestions = 64


const questionTitles = [
  (step: string) => `Combien de temps dure l’étape « ${step} » ?`,
  (step: string) => `Bloqué à l’étape « ${step} », que faire ?`,
  (step: string) => `Quel justificatif pour l’étape « ${step} » ?`,
  (step: string) => `Étape « ${step} » : faut-il se déplacer ?`,
  (step: string) => `Une erreur à l’étape « ${step} », comment la corriger ?`,
]

const answerBodies = [
  'J’ai eu le même cas : il a fallu environ une semaine, et tout s’est réglé en rappelant le service.',
  'La rubrique d’aide du site officiel l’explique ; pour moi, cela a suffi.',
  'Il faut joindre le justificatif demandé en PDF, sinon le dossier reste en attente.',
  'Le plus simple est de prendre rendez-vous : l’agent a corrigé l’erreur en quelques minutes.',
  'Chez moi, le dossier s’est débloqué tout seul au bout de dix jours, sans rien renvoyer.',
]

/** Searches that found nothing, each with the shape of its weekly counts. */
const zeroHitQueries: Array<{ query: string; shape: 'rising' | 'falling' | 'steady' | 'new'; level: number }> = [
  { level: 6, query: 'rendez-vous passeport urgent week-end', shape: 'rising' },
  { level: 5, query: 'apl étudiant en alternance', shape: 'steady' },
  { level: 4, query: 'duplicata permis de conduire perdu à l’étranger', shape: 'falling' },
  { level: 4, query: 'acte de naissance né à l’étranger délai', shape: 'steady' },
  { level: 3, query: 'changer d’adresse carte grise véhicule de société', shape: 'rising' },
  { level: 5, query: 'déclaration revenus pension alimentaire enfant majeur', shape: 'new' },
  { level: 3, query: 'carte d’identité mineur parents séparés', shape: 'steady' },
  { level: 2, query: 'timbre fiscal remboursement', shape: 'falling' },
  { level: 2, query: 'permis étranger échange hors délai d’un an', shape: 'rising' },
  { level: 2, query: 'apl colocation bail unique', shape: 'new' },
  { level: 1, query: 'passeport photo refusée', shape: 'steady' },
  { level: 1, query: 'prélèvement à la source changement de situation', shape: 'falling' },
]

/** Searches that found something, for the log to look like a real one. */
const foundQueries = ['passeport', 'carte d’identité', 'apl', 'déclarer ses revenus', 'carte grise', 'acte de naissance', 'changement d’adresse']

const helpfulnessReasons = ['out-of-date', 'unclear', 'did-not-answer'] as const

const weekCount = (shape: (typeof zeroHitQueries)[number]['shape'], level: number, weeksAgo: number, random: () => number): number => {
  const age = weeksAgo / (weeks - 1)
  const base =
    shape === 'rising' ? level * (1.4 - age) : shape === 'falling' ? level * (0.3 + age) : shape === 'new' ? (weeksAgo < 4 ? level * 1.5 : 0) : level * 0.8
  return Math.max(0, Math.round(base * (0.6 + random() * 0.8)))
}

const idOf = (value: unknown): ID | null =>
  typeof value === 'string' || typeof value === 'number'
    ? value
    : typeof value === 'object' && value !== null && 'id' in value
      ? idOf(value.id)
      : null

/**
 * Writes several months of generated activity so that the listening
 * dashboard and the public figures show real-looking trends on a fresh demo:
 * questions on every procedure (older than the hand-written story, so that
 * the procedure pages still open on it), their answers, acceptances and
 * validations, "was this helpful?" feedback, searches (some finding nothing,
 * with their weekly counts) and suggestions chosen while asking. Deterministic
 * (a fixed seed; dates count back from now) and fast: rows go straight
 * through the database adapter, in the caller's transaction, without the
 * collections' hooks (no notification, no search indexing of the generated
 * questions). Creates nothing when the history is already there.
 */
export const seedDemoHistory = async ({
  created,
  payload,
  procedures,
  req,
  users,
}: {
  payload: Payload
  req: PayloadRequest
  procedures: Map<string, ID>
  users: Map<DemoAccountKey, ID>
  created: (collection: HistoryCollection) => void
}): Promise<void> => {
  const { totalDocs } = await payload.count({
    collection: 'search-queries',
    overrideAccess: true,
    req,
    where: { query: { equals: zeroHitQueries[0]?.query ?? '' } },
  })
  if (totalDocs > 0) return
  // The same history on every run and every machine.
  const random = seededRandom(20261202)
  const pick = <T,>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)]
    if (item === undefined) throw new Error('Nothing to pick from.')
    return item
  }
  const now = Date.now()
  const iso = (ms: number) => new Date(Math.min(ms, now - hourMs)).toISOString()
  const insert = async (collection: CollectionSlug, data: Record<string, unknown>): Promise<ID> => {
    const doc: unknown = await payload.db.create({ collection, data, req })
    const id = idOf(doc)
    if (id === null) throw new Error(`The database gave no id for a new ${collection} item.`)
    return id
  }
  const user = (key: DemoAccountKey): ID => {
    const id = users.get(key)
    if (id === undefined) throw new Error(`The demo account "${key}" is missing.`)
    return id
  }
  const citizens = demoAccounts.filter((account) => account.role === 'citizen').map((account) => account.key)
  const agentOf = (agency: string): DemoAccountKey =>
    demoAccounts.find((account) => account.role === 'agent' && account.agency === agency)?.key ?? 'editor'

  // Existing published items the feedback and the suggestions point at, read before anything is generated.
  const existing = async (collection: 'guides' | 'wiki-pages' | 'threads') =>
    (
      await payload.find({
        collection,
        depth: 0,
        limit: 100,
        overrideAccess: true,
        pagination: false,
        req,
        select: { procedure: true, title: true },
        where: collection === 'threads' ? { visibility: { equals: 'published' } } : { _status: { equals: 'published' } },
      })
    ).docs.flatMap((doc) => {
      const id = idOf(doc)
      return id === null ? [] : [{ id, procedure: idOf(doc.procedure), title: String(doc.title ?? '') }]
    })
  const guides = await existing('guides')
  const pages = await existing('wiki-pages')
  const storyThreads = await existing('threads')

  // Questions, over the weeks before the hand-written story.
  const answers: Array<{ id: ID; procedure: ID }> = []
  const titlesUsed = new Set<string>()
  for (let index = 0; index < generatedQuestions; index++) {
    const procedure = demoProcedures[index % demoProcedures.length]
    if (!procedure) continue
    const procedureId = procedures.get(procedure.slug)
    if (procedureId === undefined) continue
    let stepIndex = Math.floor(random() * procedure.steps.length)
    let title = ''
    for (let attempt = 0; attempt < 10; attempt++) {
      stepIndex = Math.floor(random() * procedure.steps.length)
      title = pick(questionTitles)(procedure.steps[stepIndex]?.title.toLocaleLowerCase('fr') ?? 'inscription')
      if (!titlesUsed.has(`${procedure.slug}|${title}`)) break
    }
    titlesUsed.add(`${procedure.slug}|${title}`)
    const askedMs = now - (newestQuestionDays + random() * (weeks * 7 - newestQuestionDays)) * dayMs
    const asker = pick(citizens)
    const threadId = await insert('threads', {
      author: user(asker),
      body: `Je bloque sur cette étape de la démarche « ${procedure.title} » et je ne trouve pas la réponse dans le guide. Quelqu’un a-t-il eu le même cas ?`,
      createdAt: iso(askedMs),
      procedure: procedureId,
      score: 0,
      status: 'open',
      step: stepIndex,
      title,
      updatedAt: iso(askedMs),
      visibility: 'published',
    })
    created('threads')
    // Most questions are answered, a few hours to a few days later.
    if (random() < 0.15) continue
    const answerCount = random() < 0.35 ? 2 : 1
    let firstMs = askedMs + (1 + random() * random() * 110) * hourMs
    let isResolved = false
    let acceptedAnswer: ID | null = null
    for (let rank = 0; rank < answerCount; rank++) {
      const postedMs = firstMs
      firstMs += (2 + random() * 48) * hourMs
      const isAccepted = rank === 0 && random() < 0.45
      const acceptedMs = postedMs + (2 + random() * 70) * hourMs
      const isValidated = rank === 0 && random() < 0.4
      const validatedMs = postedMs + (4 + random() * random() * 200) * hourMs
      const answerId = await insert('answers', {
        acceptedAt: isAccepted ? iso(acceptedMs) : null,
        author: user(pick(citizens.filter((key) => key !== asker))),
        body: pick(answerBodies),
        createdAt: iso(postedMs),
        isAccepted,
        procedure: procedureId,
        score: 0,
        thread: threadId,
        updatedAt: iso(Math.max(postedMs, isAccepted ? acceptedMs : 0, isValidated ? validatedMs : 0)),
        validatedAt: isValidated ? iso(validatedMs) : null,
        validatedBy: isValidated ? user(agentOf(procedure.agency)) : null,
        visibility: 'published',
      })
      created('answers')
      answers.push({ id: answerId, procedure: procedureId })
      if (isAccepted) acceptedAnswer = answerId
      if (isValidated) isResolved = true
    }
    // As the actions leave them: resolved once an agent validated an answer, answered once the asker accepted one.
    const status = isResolved ? 'resolved' : acceptedAnswer !== null ? 'answered' : 'open'
    if (status !== 'open') {
      await payload.db.updateOne({ collection: 'threads', data: { acceptedAnswer, status }, id: threadId, req, returning: false })
    }
  }

  // "Was this helpful?" on guides, official pages and the generated answers.
  const targets = [
    ...guides.map((guide) => ({ collection: 'guides', id: guide.id })),
    ...pages.map((page) => ({ collection: 'wiki-pages', id: page.id })),
    ...answers.slice(0, 30).map((answer) => ({ collection: 'answers', id: answer.id })),
  ]
  for (let index = 0; index < 140 && targets.length > 0; index++) {
    const target = pick(targets)
    const atMs = now - random() * weeks * weekMs
    // Some pages help less than others: the first guides get more "no".
    const isHelpful = random() < (targets.indexOf(target) % 4 === 0 ? 0.45 : 0.8)
    const targetKey = `${target.collection}:${String(target.id)}`
    await insert('helpfulness', {
      createdAt: iso(atMs),
      isHelpful,
      key: `${targetKey}|demo-history-${index}`,
      reason: isHelpful ? null : pick(helpfulnessReasons),
      target: { relationTo: target.collection, value: target.id },
      targetKey,
      updatedAt: iso(atMs),
    })
    created('helpfulness')
  }

  // Searches: those that find nothing, week by week, and some that find something.
  const thisMonday = (() => {
    const day = Math.floor(now / dayMs) * dayMs
    return day - ((Math.floor(day / dayMs) + 3) % 7) * dayMs
  })()
  for (const { level, query, shape } of zeroHitQueries) {
    const zeroHitWeeks: Record<string, number> = {}
    let lastMs = 0
    for (let weeksAgo = weeks - 1; weeksAgo >= 0; weeksAgo--) {
      const count = weekCount(shape, level, weeksAgo, random)
      if (count === 0) continue
      const monday = thisMonday - weeksAgo * weekMs
      zeroHitWeeks[new Date(monday).toISOString().slice(0, 10)] = count
      lastMs = monday + random() * Math.min(weekMs, now - monday)
    }
    const total = Object.values(zeroHitWeeks).reduce((sum, value) => sum + value, 0)
    if (total === 0) continue
    await insert('search-queries', {
      createdAt: iso(now - weeks * weekMs),
      hits: 0,
      lastSearchedAt: iso(lastMs),
      query,
      searches: total,
      updatedAt: iso(lastMs),
      zeroHitSearches: total,
      zeroHitWeeks,
    })
    created('search-queries')
  }
  for (const query of foundQueries) {
    const searches = 20 + Math.floor(random() * 120)
    await insert('search-queries', {
      createdAt: iso(now - weeks * weekMs),
      hits: 2 + Math.floor(random() * 8),
      lastSearchedAt: iso(now - random() * 3 * dayMs),
      query,
      searches,
      updatedAt: iso(now - random() * 3 * dayMs),
      zeroHitSearches: 0,
      zeroHitWeeks: {},
    })
    created('search-queries')
  }

  // Suggestions chosen while typing a question: existing questions and official pages.
  const chosen = [
    ...storyThreads.map((thread) => ({ ...thread, collection: 'threads' })),
    ...pages.map((page) => ({ ...page, collection: 'wiki-pages' })),
  ]
  for (let index = 0; index < 90 && chosen.length > 0; index++) {
    const item = pick(chosen)
    const atMs = now - random() * weeks * weekMs
    await insert('suggestion-finds', {
      createdAt: iso(atMs),
      procedure: item.procedure,
      target: `${item.collection}-${String(item.id)}`,
      title: item.title.toLocaleLowerCase('fr').slice(0, 40).trim() || '-',
      updatedAt: iso(atMs),
    })
    created('suggestion-finds')
  }
}
