// The JSON contract between the aggregated endpoint `GET /api/entraide/procedures/:slug`
// and the widget. Only what anonymous readers may see, plus the signed-in
// person's own pending items; never emails or other personal data.

/** The roles as the public sees them. */
/** A document id as the API returns it: a number on SQL databases by default, a string on MongoDB or with UUIDs. */
export type Id = string | number

export type PublicRole = 'citizen' | 'agent' | 'editor' | 'admin'

/** A person as shown next to a contribution. */
export type PublicPerson = {
  id: Id
  displayName: string
  role: PublicRole
}

/** An agency, by name and slug. */
export type PublicAgency = {
  name: string
  slug: string
}

/** `published` for everyone; `pending` (held for moderation) and `hidden` (hidden by a moderator) only ever reach the item's own author. */
export type ItemStatus = 'published' | 'pending' | 'hidden'

/** The signed-in reader's vote on an item: 0 when none (or when nobody is signed in). */
export type MyVote = -1 | 0 | 1

/** An agent's validation of an answer or a tip. */
export type Validation = {
  validatedBy: PublicPerson | null
  /** The agency of the person who validated, when they belong to one. */
  agency: PublicAgency | null
  validatedAt: string
}

/** The official procedure, as the administration describes it. */
export type ProcedureInfo = {
  id: Id
  slug: string
  title: string
  summary: string | null
  officialUrl: string | null
  agency: PublicAgency | null
  steps: { title: string; description: string | null }[]
  requiredDocuments: string[]
  cost: string | null
  delay: string | null
  lastOfficialChange: string | null
}

/** Where a piece of an official page comes from. */
export type Provenance = {
  kind: 'answer' | 'tip'
  contributor: PublicPerson | null
  validatedBy: PublicPerson | null
  /** The agency of the validating agent, when they belong to one. */
  validatingAgency: PublicAgency | null
  validatedAt: string | null
  /** Link to the source thread (answers) or tip on the host's procedure page, when it is still public. */
  sourceUrl: string | null
}

/** A published official wiki page of the procedure. */
export type OfficialPage = {
  id: Id
  slug: string
  title: string
  /** Lexical JSON, to be rendered by a safe renderer. */
  body: unknown
  updatedAt: string
  sources: Provenance[]
  contributors: PublicPerson[]
  /** Set while the page waits for re-verification. */
  reverification?: Reverification | null
}

/** The published simplified guide. */
export type GuideInfo = {
  id: Id
  title: string
  /** Lexical JSON, to be rendered by a safe renderer. */
  body: unknown
  updatedAt: string
  verifiedAt: string | null
  verifiedBy: PublicPerson | null
  /** The agency of the agent who verified it, when they belong to one. */
  verifyingAgency: PublicAgency | null
  needsReview: boolean
  /** Set while the guide waits for re-verification. */
  reverification?: Reverification | null
  score: number
  myVote: MyVote
  /** The signed-in reader has an edit of this guide waiting for review. */
  hasMyPendingEdit: boolean
  /** The signed-in reader's latest proposals of edits of this guide, newest first. */
  myProposals?: GuideProposalInfo[]
}

/** One of the reader's own proposals of an edit of a guide, and what became of it. */
export type GuideProposalInfo = {
  id: Id
  title: string
  status: 'pending' | 'accepted' | 'refused'
  /** Why a reviewer refused it, for its author. */
  reviewNote: string | null
  createdAt: string
  reviewedAt: string | null
}

/** A practical tip. */
export type TipItem = {
  id: Id
  body: string
  step: number | null
  author: PublicPerson | null
  status: ItemStatus
  /** Why a moderator hid the item: only on a `hidden` item, which only its author receives. */
  moderationNote?: string | null
  score: number
  createdAt: string
  validation: Validation | null
  /** Set while the tip waits for re-verification. */
  reverification?: Reverification | null
  myVote: MyVote
}

/** A reply in a thread. */
export type AnswerItem = {
  id: Id
  body: string
  author: PublicPerson | null
  status: ItemStatus
  /** Why a moderator hid the item: only on a `hidden` item, which only its author receives. */
  moderationNote?: string | null
  score: number
  createdAt: string
  isAccepted: boolean
  validation: Validation | null
  /** Set while the answer waits for re-verification. */
  reverification?: Reverification | null
  myVote: MyVote
}

/** The states of a question. */
export type ThreadStatus = 'open' | 'answered' | 'resolved' | 'closed'

/** A question with its answers, validated and accepted ones first. */
export type ThreadItem = {
  id: Id
  title: string
  /** Plain text; line breaks are meaningful. */
  body: string
  step: number | null
  author: PublicPerson | null
  status: ItemStatus
  /** Why a moderator hid the question: only on a `hidden` one, which only its author receives. */
  moderationNote?: string | null
  threadStatus: ThreadStatus
  score: number
  createdAt: string
  answers: AnswerItem[]
  myVote: MyVote
}

/** Everything the widget shows for one procedure, in one response. */
export type ProcedurePageData = {
  procedure: ProcedureInfo
  /** The step the tips and threads are narrowed to (index from 0), or null for the whole procedure. */
  step: number | null
  officialPages: OfficialPage[]
  guide: GuideInfo | null
  tips: TipItem[]
  threads: ThreadItem[]
  /** The signed-in reader, or null. */
  viewer: PublicPerson | null
  /** The slug of the site's accounts collection, where people sign in and sign up. */
  accounts: string
}

/** One search result of `GET /api/entraide/search`. */
export type SearchHit = {
  id: Id
  type: string
  title: string
  /** Plain text in which matches are wrapped in `<mark>` and `</mark>`; nothing else is markup. */
  snippet: string
  url: string
  procedure: { id: Id; slug: string; title: string } | null
  isOfficial: boolean
  isValidated: boolean
}

/** The response of `GET /api/entraide/search`. */
export type SearchResponse = {
  hits: SearchHit[]
  total: number
  /** False when the engine stopped counting at `total`: more results match. */
  isTotalExact: boolean
  processingTimeMs: number
}

/** How one step of the procedure changed (numbered from 1). */
export type StepChangeInfo = {
  kind: 'added' | 'removed' | 'changed' | 'moved'
  number: number
  title: string
  previousNumber?: number
  previousTitle?: string
  parts?: Array<'title' | 'description'>
}

/** One changed field of the procedure's official content. */
export type ProcedureChangeInfo =
  | { field: 'steps'; steps: StepChangeInfo[] }
  | { field: 'requiredDocuments'; added: string[]; removed: string[] }
  | { field: 'cost' | 'delay' | 'officialUrl' | 'lastOfficialChange'; before: string | null; after: string | null }

/**
 * An item waiting for an agent to re-verify it: its procedure changed since
 * it was checked (with what changed), or its verification expired.
 */
export type Reverification = {
  reason: 'procedure-changed' | 'expired' | null
  changes: ProcedureChangeInfo[]
  /** Since when it waits. */
  since: string | null
}


/** One of the signed-in person's notifications, as the widget's bell lists it. */
export type WidgetNotification = {
  id: Id
  title: string
  body: string | null
  /** The staff's note (a validation note, a reason for hiding), when there is one. */
  note: string | null
  /** Where the item lives: a path on the host website or a full `https:` address; null when the item is gone. */
  link: string | null
  isRead: boolean
  createdAt: string
}
