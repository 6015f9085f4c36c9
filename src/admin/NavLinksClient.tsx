'use client'

import './styles.css'

import { NavGroup } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'

import { useEntraideTranslation } from './client/useEntraideTranslation.ts'

/** One link of Entraide's navigation group, its label in the admin user's language. */
export type NavLinkItem = { href: string; label: string; id: string; isExternal?: boolean }

/**
 * Entraide's navigation group, drawn like Payload's own groups: the current
 * page is marked (and announced with aria-current) instead of linked.
 */
export const NavLinksClient = ({ label, links }: { label: string; links: NavLinkItem[] }) => {
  const pathname = usePathname()
  const { t } = useEntraideTranslation()
  return (
    <NavGroup label={label}>
      {links.map((link) => {
        const isActive = !link.isExternal && pathname === link.href
        return (
          <a
            aria-current={isActive ? 'page' : undefined}
            className="nav__link"
            href={link.href}
            id={link.id}
            key={link.id}
            rel={link.isExternal ? 'noopener' : undefined}
            target={link.isExternal ? '_blank' : undefined}
          >
            {isActive ? <div className="nav__link-indicator" /> : null}
            <span className="nav__link-label">
              {link.label}
              {link.isExternal ? <span className="entraide-visually-hidden"> {t('entraide:opensInNewTab')}</span> : null}
            </span>
          </a>
        )
      })}
    </NavGroup>
  )
}
