/**
 * The kinds of notification Entraide sends, and how each person chooses to
 * receive each kind. Kinds are part of the public API (the `kind` field, the
 * preferences, the unsubscribe links): renaming one is a breaking change.
 */
export const notificationKinds = [
  /** Someone answered a question I asked. */
  'answer-posted',
  /** The asker accepted my answer. */
  'answer-accepted',
  /** An agent validated my answer. */
  'answer-validated',
  /** An agent promoted my answer into an official wiki page. */
  'answer-promoted',
  /** A moderator published my contribution that was waiting for moderation. */
  'contribution-published',
  /** A moderator hid my contribution, with a reason. */
  'contribution-hidden',
  /** A reviewer accepted my guide proposal. */
  'proposal-accepted',
  /** A reviewer refused my guide proposal, with a note. */
  'proposal-refused',
  /** A thread, guide or procedure I follow got an official answer or changed. */
  'followed-update',
  /** Staff: once a day at most, what waits in my agency (agents). */
  'agency-digest',
  /** Staff: once a day at most, the drafts to publish and the open reports (editors and admins). */
  'editor-digest',
] as const

export type NotificationKind = (typeof notificationKinds)[number]

/** Whether a value names a kind of notification. */
export const isNotificationKind = (value: unknown): value is NotificationKind =>
  notificationKinds.some((kind) => kind === value)

/** How a person receives one kind: in the app and by email, in the app only, or not at all. */
export const notificationChannels = ['email', 'in-app', 'off'] as const
export type NotificationChannel = (typeof notificationChannels)[number]

export const isNotificationChannel = (value: unknown): value is NotificationChannel =>
  notificationChannels.some((channel) => channel === value)

/** The daily digests of the staff's waiting work. */
export const digestKinds = ['agency-digest', 'editor-digest'] as const satisfies readonly NotificationKind[]
export type DigestKind = (typeof digestKinds)[number]

export const isDigestKind = (value: unknown): value is DigestKind => digestKinds.some((kind) => kind === value)

/**
 * What a person gets when they have chosen nothing: news about their own
 * contributions by email too; activity on what they follow in the app only,
 * since it can come often; the staff's digests by email, since they come at
 * most once a day and only to the staff.
 */
export const defaultChannels: Readonly<Record<NotificationKind, NotificationChannel>> = {
  'agency-digest': 'email',
  'editor-digest': 'email',
  'answer-accepted': 'email',
  'answer-posted': 'email',
  'answer-promoted': 'email',
  'answer-validated': 'email',
  'contribution-hidden': 'email',
  'contribution-published': 'email',
  'followed-update': 'in-app',
  'proposal-accepted': 'email',
  'proposal-refused': 'email',
}

/** The collections a notification can be about, and that people can follow (the last three). */
export const subjectCollections = ['threads', 'answers', 'tips', 'guide-proposals', 'guides', 'procedures', 'wiki-pages'] as const
export type SubjectCollection = (typeof subjectCollections)[number]

/** What a notification's `subjectCollection` names: an item of one of those collections, or a day's digest (its `subjectId` is the day). */
export const notificationSubjects = [...subjectCollections, 'digests'] as const

/** What people can follow. */
export const followableCollections = ['threads', 'guides', 'procedures'] as const
export type FollowableCollection = (typeof followableCollections)[number]

export const isFollowableCollection = (value: unknown): value is FollowableCollection =>
  followableCollections.some((collection) => collection === value)

/** The languages notifications are written in. */
export type NotificationLanguage = 'fr' | 'en'

/** The field of the preferences' `channels` group that holds a kind's channel: `answer-posted` → `answerPosted`. */
export const channelField = (kind: NotificationKind): string =>
  kind.replace(/-(\w)/g, (_whole, letter: string) => letter.toUpperCase())
