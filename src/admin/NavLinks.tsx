import type { ServerProps } from 'payload'

import { canReviewContributions } from '../policies/contributions.ts'
import { actorOf } from '../policies/roles.ts'
import { entraideT } from '../translations/i18n.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { NavLinksClient, type NavLinkItem } from './NavLinksClient.tsx'

/** Where the demo public website lives, relative to the app. */
export const publicSitePath = '/'

/**
 * Entraide's links in the admin navigation, in the admin user's language: the
 * review queues for agents, editors and admins, and the public website for everyone.
 */
export const NavLinks = ({ i18n, payload, user }: ServerProps) => {
  const t = entraideT(i18n)
  const adminRoute = payload.config.routes.admin
  const links: NavLinkItem[] = canReviewContributions(actorOf(user, optionsOf(payload).users.layout))
    ? [
        {
          href: `${adminRoute}/awaiting-validation`,
          id: 'nav-entraide-awaiting-validation',
          label: t('entraide:navAwaitingValidation'),
        },
        { href: `${adminRoute}/moderation`, id: 'nav-entraide-moderation', label: t('entraide:navModeration') },
        { href: `${adminRoute}/guide-reviews`, id: 'nav-entraide-guide-reviews', label: t('entraide:navGuideReviews') },
        { href: `${adminRoute}/listening`, id: 'nav-entraide-listening', label: t('entraide:navListening') },
      ]
    : []
  links.push({ href: publicSitePath, id: 'nav-entraide-public-site', isExternal: true, label: t('entraide:navPublicSite') })
  return <NavLinksClient label={t('entraide:navGroup')} links={links} />
}
