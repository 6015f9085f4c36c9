import type { AnswerDoc, GuideDoc, GuideProposalDoc, ProcedureDoc, ThreadDoc, TipDoc } from '../data/documents.ts'
import { idKey, isSameId, type ID } from '../utilities/ids.ts'
import type { FollowableCollection, NotificationKind, SubjectCollection } from './kinds.ts'

/**
 * Something that happened and that people are told about. Built from a
 * committed write's before and after (pure), queued in the write's own
 * transaction and delivered by a job once it commits.
 */
export type NotificationEvent = {
  /** The event's identity: the same event queued twice is delivered once. */
  key: string
  kind: NotificationKind
  /** The item the notification is about (its title and link). */
  subject: { collection: SubjectCollection; id: ID }
  /** People told directly (the author of the item concerned). */
  to: ID[]
  /** Also told, as `followed-update`: the followers of this thread, guide or procedure. */
  followersOf: { collection: FollowableCollection; id: ID } | null
  /** The person who acted: never told of their own doing. */
  actor: ID | null
  /** Followers not told (those told directly about the same thing). */
  exclude: ID[]
  /** The moderator's reason or the reviewer's note, shown to the recipient. */
  note: string | null
  /** Where the link goes instead of the subject: the wiki page an answer was promoted into. */
  linkTo: { collection: 'wiki-pages'; id: ID } | null
}

type EventDraft = Omit<NotificationEvent, 'actor' | 'followersOf' | 'exclude' | 'note' | 'linkTo' | 'to'> &
  Partial<Pick<NotificationEvent, 'actor' | 'followersOf' | 'exclude' | 'note' | 'linkTo' | 'to'>>

const event = (draft: EventDraft): NotificationEvent => ({
  actor: null,
  exclude: [],
  followersOf: null,
  linkTo: null,
  note: null,
  to: [],
  ...draft,
})

const keyOf = (...parts: Array<string | number | null>): string => parts.map((part) => String(part ?? '')).join(':')

const ids = (...values: Array<ID | null>): ID[] => values.filter((value): value is ID => value !== null)

type Moderated = Pick<AnswerDoc, 'id' | 'author' | 'visibility' | 'moderationNote' | 'updatedAt'>

/**
 * A contribution's moderation: published after waiting, or hidden with the
 * reason. Each hiding is its own event (hidden, restored, hidden again tells
 * twice); publishing happens once.
 */
const moderationEvents = (
  collection: 'answers' | 'threads' | 'tips',
  previous: Moderated | null,
  doc: Moderated,
): NotificationEvent[] => {
  if (!previous || previous.visibility === doc.visibility) return []
  const subject = { collection, id: doc.id }
  if (doc.visibility === 'hidden') {
    return [
      event({
        key: keyOf('contribution-hidden', collection, doc.id, doc.updatedAt),
        kind: 'contribution-hidden',
        note: doc.moderationNote,
        subject,
        to: ids(doc.author),
      }),
    ]
  }
  if (previous.visibility === 'pending' && doc.visibility === 'published') {
    return [event({ key: keyOf('contribution-published', collection, doc.id), kind: 'contribution-published', subject, to: ids(doc.author) })]
  }
  return []
}

/** When an answer becomes visible to everyone: its asker and the thread's followers hear of it. */
const answerPublished = (doc: AnswerDoc, thread: Pick<ThreadDoc, 'id' | 'author'> | null): NotificationEvent[] => {
  if (!thread) return []
  const asker = isSameId(thread.author, doc.author) ? null : thread.author
  return [
    event({
      exclude: ids(doc.author),
      followersOf: { collection: 'threads', id: thread.id },
      key: keyOf('answer-posted', 'answers', doc.id),
      kind: 'answer-posted',
      subject: { collection: 'answers', id: doc.id },
      to: ids(asker),
    }),
  ]
}

/** The events of a write on an answer. `thread` is the answer's thread, read in the write's transaction. */
export const answerEvents = ({
  actor,
  doc,
  previous,
  thread,
}: {
  actor: ID | null
  previous: AnswerDoc | null
  doc: AnswerDoc
  thread: Pick<ThreadDoc, 'id' | 'author'> | null
}): NotificationEvent[] => {
  const subject: NotificationEvent['subject'] = { collection: 'answers', id: doc.id }
  const events: NotificationEvent[] = []
  const becamePublished = doc.visibility === 'published' && (previous === null || previous.visibility === 'pending')
  if (becamePublished) events.push(...answerPublished(doc, thread))
  events.push(...moderationEvents('answers', previous, doc))
  if (previous && doc.isAccepted && !previous.isAccepted) {
    events.push(event({ key: keyOf('answer-accepted', 'answers', doc.id), kind: 'answer-accepted', subject, to: ids(doc.author) }))
  }
  if (previous && doc.validatedAt && !previous.validatedAt) {
    events.push(
      event({
        exclude: ids(doc.author),
        followersOf: thread ? { collection: 'threads', id: thread.id } : null,
        key: keyOf('answer-validated', 'answers', doc.id),
        kind: 'answer-validated',
        note: doc.validationNote,
        subject,
        to: ids(doc.author),
      }),
    )
  }
  if (previous && doc.promotedTo !== null && idKey(doc.promotedTo) !== idKey(previous.promotedTo)) {
    events.push(
      event({
        key: keyOf('answer-promoted', 'answers', doc.id, doc.promotedTo),
        kind: 'answer-promoted',
        linkTo: { collection: 'wiki-pages', id: doc.promotedTo },
        subject,
        to: ids(doc.author),
      }),
    )
  }
  return events.map((each) => ({ ...each, actor }))
}

/** The events of a write on a thread or a tip: moderation only. */
export const contributionEvents = ({
  actor,
  collection,
  doc,
  previous,
}: {
  actor: ID | null
  collection: 'threads' | 'tips'
  previous: ThreadDoc | TipDoc | null
  doc: ThreadDoc | TipDoc
}): NotificationEvent[] =>
  moderationEvents(collection, previous, doc).map((each) => ({ ...each, actor }))

/** A guide proposal reviewed: its author hears of the decision, with the reviewer's note when refused. */
export const proposalEvents = ({
  doc,
  previous,
}: {
  previous: GuideProposalDoc | null
  doc: GuideProposalDoc
}): NotificationEvent[] => {
  if (!previous || previous.status !== 'pending' || doc.status === 'pending') return []
  const kind = doc.status === 'accepted' ? 'proposal-accepted' : 'proposal-refused'
  return [
    event({
      actor: doc.reviewedBy,
      key: keyOf(kind, 'guide-proposals', doc.id),
      kind,
      note: doc.status === 'refused' ? doc.reviewNote : null,
      subject: { collection: 'guide-proposals', id: doc.id },
      to: ids(doc.author),
    }),
  ]
}

/** A new published revision of a guide: its followers hear of it. */
export const guideEvents = ({
  actor,
  doc,
  previous,
}: {
  actor: ID | null
  previous: GuideDoc | null
  doc: GuideDoc
}): NotificationEvent[] => {
  if (!previous || doc._status !== 'published') return []
  const isChanged = doc.title !== previous.title || JSON.stringify(doc.body) !== JSON.stringify(previous.body)
  if (!isChanged) return []
  return [
    event({
      actor,
      exclude: ids(doc.lastEditedBy),
      followersOf: { collection: 'guides', id: doc.id },
      key: keyOf('guide-changed', 'guides', doc.id, doc.updatedAt),
      kind: 'followed-update',
      subject: { collection: 'guides', id: doc.id },
    }),
  ]
}

/** What an official change of a procedure is: its steps, documents, cost or delay. */
const officialParts = (procedure: ProcedureDoc): string =>
  JSON.stringify([
    procedure.steps.map(({ description, title }) => [title, description]),
    procedure.requiredDocuments.map(({ document }) => document),
    procedure.cost,
    procedure.delay,
  ])

/** An official change of a procedure: its followers hear of it. */
export const procedureEvents = ({
  actor,
  doc,
  previous,
}: {
  actor: ID | null
  previous: ProcedureDoc | null
  doc: ProcedureDoc
}): NotificationEvent[] => {
  if (!previous || officialParts(previous) === officialParts(doc)) return []
  return [
    event({
      actor,
      followersOf: { collection: 'procedures', id: doc.id },
      key: keyOf('procedure-changed', 'procedures', doc.id, doc.updatedAt),
      kind: 'followed-update',
      subject: { collection: 'procedures', id: doc.id },
    }),
  ]
}
