'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

const entries = [
  { href: '/', label: 'Accueil' },
  { href: '/demarches', label: 'Toutes les démarches' },
  { href: '/recherche', label: 'Rechercher' },
  { href: '/chiffres', label: 'Les chiffres de l’entraide' },
]

/** The header's main menu (DSFR `fr-nav`), the page being read marked as current. */
export const MainNavigation = () => {
  const pathname = usePathname()
  return (
    <nav aria-label="Menu principal" className="fr-nav" id="navigation-principale">
      <ul className="fr-nav__list">
        {entries.map(({ href, label }) => {
          const isCurrent = href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`)
          return (
            <li className="fr-nav__item" key={href}>
              <Link aria-current={isCurrent ? 'page' : undefined} className="fr-nav__link" href={href}>
                {label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
