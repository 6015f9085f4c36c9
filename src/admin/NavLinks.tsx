import type { ServerProps } from 'payload'

import { canReviewContributions } from '../policies/contributions.ts'
import { actorOf } from '../policies/roles.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { NavLinksClient, type NavLinkItem } from './NavLinksClient.tsx'

/** Where the demo public website lives, relative to the app. */
export const publicSitePath = '/'

/**
 * Entraide's links in the admin navigation: the review queues for agents,
 * editors and admins, and the public website for everyone.
 */
export const NavLinks = ({ payload, user }: ServerProps) => {
  const adminRoute = payload.config.routes.admin
  const links: NavLinkItem[] = canReviewContributions(actorOf(user, optionsOf(payload).users.layout))
    ? [
        { href: `${adminRoute}/awaiting-validation`, id: 'nav-entraide-awaiting-validation', label: 'Awaiting validation' },
        { href: `${adminRoute}/moderation`, id: 'nav-entraide-moderation', label: 'Moderation' },
        { href: `${adminRoute}/guide-reviews`, id: 'nav-entraide-guide-reviews', label: 'Guide edits to review' },
      ]
    : []
  links.push({ href: publicSitePath, id: 'nav-entraide-public-site', isExternal: true, label: 'Public website' })
  return <NavLinksClient label="Entraide" links={links} />
}
