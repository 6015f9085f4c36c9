import type { Config } from 'payload'

import { entraideTranslations, siteLanguage } from '../translations/i18n.ts'
import { componentPaths, viewPaths } from './componentPaths.ts'

type AdminConfig = NonNullable<Config['admin']>

/**
 * The host's admin config with Entraide's additions: the notification bell in
 * the header, its navigation links (review queues, public website), the
 * dashboard's "waiting for you" block,
 * the review views and the listening dashboard. The host's own components come first and are kept;
 * the input is not changed. Payload takes a view's page title as one string:
 * it is written in the site's fallback language (English unless Entraide
 * speaks that language), while the page itself follows each person's language.
 */
export const withEntraideAdmin = (admin: Config['admin'], i18n?: Config['i18n']): AdminConfig => {
  const components = admin?.components ?? {}
  const { entraide: strings } = siteLanguage(i18n) === 'fr' ? entraideTranslations.fr : entraideTranslations.en
  return {
    ...admin,
    components: {
      ...components,
      actions: [...(components.actions ?? []), componentPaths.notificationBell],
      afterNavLinks: [...(components.afterNavLinks ?? []), componentPaths.navLinks],
      beforeDashboard: [...(components.beforeDashboard ?? []), componentPaths.waitingWork],
      views: {
        ...components.views,
        entraideAwaitingValidation: {
          Component: componentPaths.awaitingValidationView,
          exact: true,
          meta: { title: strings.awaitingTitle },
          path: viewPaths.awaitingValidation,
        },
        entraideGuideReviews: {
          Component: componentPaths.guideReviewsView,
          exact: true,
          meta: { title: strings.guideReviewsTitle },
          path: viewPaths.guideReviews,
        },
        entraideListening: {
          Component: componentPaths.listeningView,
          exact: true,
          meta: { title: strings.dashboardTitle },
          path: viewPaths.listening,
        },
        entraideModeration: {
          Component: componentPaths.moderationView,
          exact: true,
          meta: { title: strings.moderationTitle },
          path: viewPaths.moderation,
        },
      },
    },
  }
}
