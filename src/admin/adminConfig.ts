import type { Config } from 'payload'

import { componentPaths, viewPaths } from './componentPaths.ts'

type AdminConfig = NonNullable<Config['admin']>

/**
 * The host's admin config with Entraide's additions: its navigation links
 * (review queues, public website), the dashboard's "waiting for you" block,
 * and the review views. The host's own components come first and are kept;
 * the input is not changed.
 */
export const withEntraideAdmin = (admin: Config['admin']): AdminConfig => {
  const components = admin?.components ?? {}
  return {
    ...admin,
    components: {
      ...components,
      afterNavLinks: [...(components.afterNavLinks ?? []), componentPaths.navLinks],
      beforeDashboard: [...(components.beforeDashboard ?? []), componentPaths.waitingWork],
      views: {
        ...components.views,
        entraideAwaitingValidation: {
          Component: componentPaths.awaitingValidationView,
          exact: true,
          meta: { title: 'Awaiting validation' },
          path: viewPaths.awaitingValidation,
        },
        entraideGuideReviews: {
          Component: componentPaths.guideReviewsView,
          exact: true,
          meta: { title: 'Guide edits awaiting review' },
          path: viewPaths.guideReviews,
        },
        entraideModeration: {
          Component: componentPaths.moderationView,
          exact: true,
          meta: { title: 'Moderation' },
          path: viewPaths.moderation,
        },
      },
    },
  }
}
