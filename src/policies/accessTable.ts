/**
 * Who may do what, as one table: the specification the access functions in
 * `access.ts` and the domain actions implement. `tests/access-table.test.ts`
 * checks every cell through the REST API, and README's "Access, as a table"
 * is `renderAccessTable()`.
 */

/** The people the table speaks of: anonymous readers and the four roles. */
export const accessRoles = ['anonymous', 'citizen', 'agent', 'editor', 'admin'] as const
export type AccessRole = (typeof accessRoles)[number]

export const accessOperations = ['create', 'read', 'update', 'delete'] as const
export type AccessOperation = (typeof accessOperations)[number]

/**
 * What a role may do on one operation of a collection through Payload's REST API:
 * - `all`: on every item (for `create`: may create);
 * - `published`: read published items only;
 * - `published+own`: read published items, and one's own in any state (pending, hidden, draft);
 * - `own`: only one's own items (one's account, votes, reports, contributions);
 * - `own+agency`: one's own items, and every item of their own agency's procedures;
 * - `agency`: on items of their own agency's procedures; elsewhere saved as a draft waiting for review;
 * - `agency-drafts`: as drafts, on items of their own agency's procedures only; refused elsewhere;
 * - `none`: refused.
 */
export type AccessCell =
  'all' | 'published' | 'published+own' | 'own' | 'own+agency' | 'agency' | 'agency-drafts' | 'none'

/** The collections of the table, in README order. */
export const accessCollections = [
  'procedures',
  'agencies',
  'guides',
  'guide-proposals',
  'wiki-pages',
  'threads',
  'answers',
  'tips',
  'votes',
  'reports',
  'search-queries',
  'suggestion-finds',
  'helpfulness',
  'notifications',
  'subscriptions',
  'notification-preferences',
  'notification-email-groups',
  'users',
] as const
export type AccessCollection = (typeof accessCollections)[number]

type Row = Readonly<Record<AccessRole, AccessCell>>
const row = (
  anonymous: AccessCell,
  citizen: AccessCell,
  agent: AccessCell,
  editor: AccessCell,
  admin: AccessCell,
): Row => ({
  admin,
  agent,
  anonymous,
  citizen,
  editor,
})

/** Community contributions: everyone reads what is published, authors edit their own, editors moderate. */
const contribution: Readonly<Record<AccessOperation, Row>> = {
  create: row('none', 'all', 'all', 'all', 'all'),
  delete: row('none', 'none', 'none', 'all', 'all'),
  read: row('published', 'published+own', 'all', 'all', 'all'),
  update: row('none', 'own', 'own', 'all', 'all'),
}

/** Reference data: public, curated by editors and admins. */
const catalogue: Readonly<Record<AccessOperation, Row>> = {
  create: row('none', 'none', 'none', 'all', 'all'),
  delete: row('none', 'none', 'none', 'all', 'all'),
  read: row('all', 'all', 'all', 'all', 'all'),
  update: row('none', 'none', 'none', 'all', 'all'),
}

/** Role × collection × operation. */
export const collectionAccess: Readonly<Record<AccessCollection, Readonly<Record<AccessOperation, Row>>>> = {
  agencies: catalogue,
  answers: contribution,
  guides: {
    // Guide publication follows the procedure's agency, like validation. Citizens change a guide
    // through `POST /api/guides/:id/proposals` only (see `guide-proposals`): their writes are a 403.
    create: row('none', 'none', 'agency', 'all', 'all'),
    delete: row('none', 'none', 'none', 'all', 'all'),
    read: row('published', 'published+own', 'all', 'all', 'all'),
    update: row('none', 'none', 'agency', 'all', 'all'),
  },
  'guide-proposals': {
    // Made by `POST /api/guides/:id/proposals`, accepted or refused by `POST /api/guide-proposals/:id/accept`
    // and `/refuse` (reviewers of the procedure's agency); read by their author and those reviewers only.
    create: row('none', 'none', 'none', 'none', 'none'),
    delete: row('none', 'none', 'none', 'all', 'all'),
    read: row('none', 'own', 'own+agency', 'all', 'all'),
    update: row('none', 'none', 'none', 'none', 'none'),
  },
  procedures: catalogue,
  reports: {
    // Reports are opened by `POST /api/{collection}/:id/report` only.
    create: row('none', 'none', 'none', 'none', 'none'),
    delete: row('none', 'none', 'none', 'none', 'all'),
    read: row('none', 'own', 'own', 'all', 'all'),
    update: row('none', 'none', 'none', 'all', 'all'),
  },
  'search-queries': {
    // Written by the search endpoint only; no person is ever recorded with a query.
    create: row('none', 'none', 'none', 'none', 'none'),
    delete: row('none', 'none', 'none', 'all', 'all'),
    read: row('none', 'none', 'none', 'all', 'all'),
    update: row('none', 'none', 'none', 'none', 'none'),
  },
  'suggestion-finds': {
    // Written by `POST /api/entraide/suggestions/found` only; no person is ever recorded with a choice.
    create: row('none', 'none', 'none', 'none', 'none'),
    delete: row('none', 'none', 'none', 'all', 'all'),
    read: row('none', 'none', 'none', 'all', 'all'),
    update: row('none', 'none', 'none', 'none', 'none'),
  },
  helpfulness: {
    // Written by `POST /api/{guides|wiki-pages|answers}/:id/helpful` only; everyone reads the counts
    // (`GET .../helpfulness`), agents and above the feedback itself.
    create: row('none', 'none', 'none', 'none', 'none'),
    delete: row('none', 'none', 'none', 'none', 'none'),
    read: row('none', 'none', 'all', 'all', 'all'),
    update: row('none', 'none', 'none', 'none', 'none'),
  },
  notifications: {
    // Made by the delivery jobs only. Each person reads their own and sets `isRead` on them, nothing
    // else; admins also read those whose email failed (not in this table), to see delivery failures.
    create: row('none', 'none', 'none', 'none', 'none'),
    delete: row('none', 'none', 'none', 'none', 'none'),
    read: row('none', 'own', 'own', 'own', 'own'),
    update: row('none', 'own', 'own', 'own', 'own'),
  },
  subscriptions: {
    // Written by `POST /api/{threads|guides|procedures}/:id/follow` and `/unfollow`, and by asking,
    // answering and proposing; each person reads their own.
    create: row('none', 'none', 'none', 'none', 'none'),
    delete: row('none', 'none', 'none', 'none', 'none'),
    read: row('none', 'own', 'own', 'own', 'own'),
    update: row('none', 'none', 'none', 'none', 'none'),
  },
  'notification-preferences': {
    // Written by `POST /api/notification-preferences/me` and the unsubscribe link; each person reads their own.
    create: row('none', 'none', 'none', 'none', 'none'),
    delete: row('none', 'none', 'none', 'none', 'none'),
    read: row('none', 'own', 'own', 'own', 'own'),
    update: row('none', 'none', 'none', 'none', 'none'),
  },
  'notification-email-groups': {
    // Made and sent by the delivery jobs only (one per person and window of grouped emails);
    // admins read them, to follow what was sent and what failed.
    create: row('none', 'none', 'none', 'none', 'none'),
    delete: row('none', 'none', 'none', 'none', 'none'),
    read: row('none', 'none', 'none', 'none', 'all'),
    update: row('none', 'none', 'none', 'none', 'none'),
  },
  threads: contribution,
  tips: contribution,
  users: {
    // Public sign-up (an option, on in the demo): visitors create their own
    // account, a citizen's; signed-in people do not make accounts, admins do.
    create: row('all', 'none', 'none', 'none', 'all'),
    delete: row('none', 'none', 'none', 'none', 'all'),
    read: row('none', 'own', 'all', 'all', 'all'),
    update: row('none', 'own', 'own', 'own', 'all'),
  },
  votes: {
    // Votes are cast by `POST /api/{collection}/:id/vote` only.
    create: row('none', 'none', 'none', 'none', 'none'),
    delete: row('none', 'none', 'none', 'none', 'none'),
    read: row('none', 'own', 'own', 'own', 'all'),
    update: row('none', 'none', 'none', 'none', 'none'),
  },
  'wiki-pages': {
    create: row('none', 'none', 'agency-drafts', 'all', 'all'),
    delete: row('none', 'none', 'none', 'all', 'all'),
    read: row('published', 'published', 'all', 'all', 'all'),
    update: row('none', 'none', 'agency-drafts', 'all', 'all'),
  },
}

/** What a value sent for a protected field does: it is stored, or silently dropped. */
export type FieldCell = 'sets' | 'ignored'

/** A protected field, and what each role's value for it does on creation and edit. */
export type ProtectedField = {
  collection: AccessCollection
  field: string
  who: Readonly<Record<AccessRole, FieldCell>>
}

const fieldRow = (anonymous: FieldCell, citizen: FieldCell, agent: FieldCell, editor: FieldCell, admin: FieldCell) => ({
  admin,
  agent,
  anonymous,
  citizen,
  editor,
})

const nobodySets = fieldRow('ignored', 'ignored', 'ignored', 'ignored', 'ignored')

/**
 * Fields people cannot set for themselves. Values sent for them through the
 * REST API are dropped; the domain actions write them.
 */
export const protectedFields: readonly ProtectedField[] = [
  { collection: 'users', field: 'role', who: fieldRow('ignored', 'ignored', 'ignored', 'ignored', 'sets') },
  { collection: 'users', field: 'agency', who: fieldRow('ignored', 'ignored', 'ignored', 'ignored', 'sets') },
  { collection: 'users', field: 'isSuspended', who: fieldRow('ignored', 'ignored', 'ignored', 'ignored', 'sets') },
  { collection: 'users', field: 'reputation', who: nobodySets },
  { collection: 'tips', field: 'author', who: nobodySets },
  { collection: 'tips', field: 'score', who: nobodySets },
  { collection: 'tips', field: 'validatedBy', who: nobodySets },
  { collection: 'tips', field: 'visibility', who: fieldRow('ignored', 'ignored', 'sets', 'sets', 'sets') },
  { collection: 'answers', field: 'validatedBy', who: nobodySets },
  { collection: 'answers', field: 'isAccepted', who: nobodySets },
  { collection: 'threads', field: 'status', who: nobodySets },
  { collection: 'guides', field: 'verifiedBy', who: nobodySets },
]

/**
 * Who may make a state change:
 * `yes`; `own` on their own item only; `agency` on the procedures of their
 * own agency only; `no`.
 */
export type TransitionCell = 'yes' | 'own' | 'agency' | 'no'

/** A state change and the request that makes it. */
export type Transition = {
  collection: AccessCollection
  field: string
  from: string
  to: string
  /** The REST request that makes it. */
  request: string
  who: Readonly<Record<AccessRole, TransitionCell>>
}

const transitionRow = (
  anonymous: TransitionCell,
  citizen: TransitionCell,
  agent: TransitionCell,
  editor: TransitionCell,
  admin: TransitionCell,
) => ({ admin, agent, anonymous, citizen, editor })

const moderatorsOnly = transitionRow('no', 'no', 'no', 'yes', 'yes')

/** Status changes, which only these requests make (a `status` sent in a PATCH is ignored). */
export const statusTransitions: readonly Transition[] = [
  {
    collection: 'threads',
    field: 'status',
    from: 'open',
    request: 'POST /api/threads/:id/accept',
    to: 'answered',
    who: transitionRow('no', 'own', 'own', 'own', 'own'),
  },
  {
    collection: 'threads',
    field: 'status',
    from: 'open',
    request: 'POST /api/answers/:id/validate',
    to: 'resolved',
    who: transitionRow('no', 'no', 'agency', 'yes', 'yes'),
  },
  {
    collection: 'threads',
    field: 'status',
    from: 'open',
    request: 'POST /api/threads/:id/moderate {"action":"lock"}',
    to: 'closed',
    who: moderatorsOnly,
  },
  {
    collection: 'threads',
    field: 'status',
    from: 'closed',
    request: 'POST /api/threads/:id/moderate {"action":"unlock"}',
    to: 'open',
    who: moderatorsOnly,
  },
  {
    collection: 'tips',
    field: 'visibility',
    from: 'pending',
    request: 'POST /api/tips/:id/moderate {"action":"publish"}',
    to: 'published',
    who: transitionRow('no', 'no', 'agency', 'yes', 'yes'),
  },
  {
    collection: 'tips',
    field: 'visibility',
    from: 'published',
    request: 'POST /api/tips/:id/moderate {"action":"hide"}',
    to: 'hidden',
    who: moderatorsOnly,
  },
  {
    collection: 'tips',
    field: 'visibility',
    from: 'hidden',
    request: 'POST /api/tips/:id/moderate {"action":"restore"}',
    to: 'published',
    who: moderatorsOnly,
  },
  {
    collection: 'reports',
    field: 'status',
    from: 'open',
    request: 'POST /api/reports/:id/resolve',
    to: 'dismissed',
    who: moderatorsOnly,
  },
  {
    collection: 'guides',
    field: '_status',
    from: 'draft',
    request: 'PATCH /api/guides/:id {"_status":"published"}',
    to: 'published',
    who: transitionRow('no', 'no', 'agency', 'yes', 'yes'),
  },
  {
    collection: 'wiki-pages',
    field: '_status',
    from: 'draft',
    request: 'PATCH /api/wiki-pages/:id {"_status":"published"}',
    to: 'published',
    who: moderatorsOnly,
  },
]

const cellText: Readonly<Record<AccessCell, string>> = {
  agency: 'agency (elsewhere as drafts)',
  'agency-drafts': 'agency, as drafts',
  all: 'all',
  none: '—',
  own: 'own',
  'own+agency': 'own + agency',
  published: 'published',
  'published+own': 'published + own',
}

const header = (first: string[]): string =>
  [`| ${[...first, ...accessRoles].join(' | ')} |`, `|${[...first, ...accessRoles].map(() => '---').join('|')}|`].join(
    '\n',
  )

/**
 * The three tables as Markdown, for README: collection operations, protected
 * fields, status changes.
 */
export const renderAccessTable = (): string => {
  const operations = accessCollections.flatMap((collection) =>
    accessOperations.map(
      (operation) =>
        `| \`${collection}\` | ${operation} | ${accessRoles
          .map((role) => cellText[collectionAccess[collection][operation][role]])
          .join(' | ')} |`,
    ),
  )
  const fields = protectedFields.map(
    ({ collection, field, who }) =>
      `| \`${collection}.${field}\` | ${accessRoles.map((role) => (who[role] === 'sets' ? 'sets' : 'ignored')).join(' | ')} |`,
  )
  const transitions = statusTransitions.map(
    ({ collection, field, from, request, to, who }) =>
      `| \`${collection}.${field}\` ${from} → ${to} | \`${request.replace(/\|/g, '\\|')}\` | ${accessRoles
        .map((role) => (who[role] === 'no' ? '—' : who[role]))
        .join(' | ')} |`,
  )
  return [
    header(['collection', 'operation']),
    ...operations,
    '',
    header(['protected field']),
    ...fields,
    '',
    header(['status change', 'request']),
    ...transitions,
  ].join('\n')
}
