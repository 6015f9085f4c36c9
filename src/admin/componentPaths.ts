/**
 * Where Payload finds Entraide's admin components: the package's `rsc` and
 * `client` entries, `entry#export`, resolved by the host's import map like
 * any installed plugin's.
 */
export const componentPaths = {
  awaitingValidationView: 'entraide/rsc#AwaitingValidationView',
  guidePublishButton: 'entraide/rsc#GuidePublishButton',
  guideReviewNotice: 'entraide/rsc#GuideReviewNotice',
  guideReviewsView: 'entraide/rsc#GuideReviewsView',
  guideVerificationField: 'entraide/rsc#GuideVerificationField',
  listeningView: 'entraide/rsc#ListeningView',
  moderationField: 'entraide/rsc#ModerationField',
  moderationView: 'entraide/rsc#ModerationView',
  navLinks: 'entraide/rsc#NavLinks',
  notificationBell: 'entraide/rsc#NotificationBell',
  provenanceField: 'entraide/rsc#ProvenanceField',
  reindexButton: 'entraide/client#ReindexButton',
  validationField: 'entraide/rsc#ValidationField',
  waitingWork: 'entraide/rsc#WaitingWork',
  wikiPublishButton: 'entraide/rsc#WikiPublishButton',
} as const

/** Admin paths of Entraide's views, under the admin route. */
export const viewPaths = {
  awaitingValidation: '/awaiting-validation',
  guideReviews: '/guide-reviews',
  listening: '/listening',
  moderation: '/moderation',
} as const
