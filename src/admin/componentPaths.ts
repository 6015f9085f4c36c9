/**
 * Where Payload finds Entraide's admin components: paths resolved against the
 * import map's base directory (the repository root), `file#export`.
 */
export const componentPaths = {
  awaitingValidationView: '/src/admin/views/AwaitingValidationView#AwaitingValidationView',
  guidePublishButton: '/src/admin/GuidePublishButton#GuidePublishButton',
  guideReviewNotice: '/src/admin/GuideReviewNotice#GuideReviewNotice',
  guideReviewsView: '/src/admin/views/GuideReviewsView#GuideReviewsView',
  guideVerificationField: '/src/admin/GuideVerificationField#GuideVerificationField',
  moderationField: '/src/admin/ModerationField#ModerationField',
  moderationView: '/src/admin/views/ModerationView#ModerationView',
  navLinks: '/src/admin/NavLinks#NavLinks',
  provenanceField: '/src/admin/ProvenanceField#ProvenanceField',
  validationField: '/src/admin/ValidationField#ValidationField',
  waitingWork: '/src/admin/WaitingWork#WaitingWork',
  wikiPublishButton: '/src/admin/WikiPublishButton#WikiPublishButton',
} as const

/** Admin paths of Entraide's views, under the admin route. */
export const viewPaths = {
  awaitingValidation: '/awaiting-validation',
  guideReviews: '/guide-reviews',
  moderation: '/moderation',
} as const
