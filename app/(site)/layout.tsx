import type { Metadata } from 'next'
import Link from 'next/link'
import type React from 'react'

import './site.css'

export const metadata: Metadata = {
  title: { default: 'Démarches démo — service public fictif', template: '%s — Démarches démo' },
  description: 'Site fictif d’un service public, pour montrer l’entraide entre usagers sur les pages de démarches.',
}

const SiteLayout = ({ children }: { children: React.ReactNode }) => (
  <html lang="fr">
    <body>
      <div className="skiplinks">
        <a href="#contenu">Aller au contenu</a>
      </div>
      <header className="site-header">
        <div className="container site-header__body">
          {/* Named by what it shows (no title that would say something else), then where it leads. */}
          <Link className="site-brand" href="/">
            <span className="site-brand__republic">
              République <br />
              de démonstration
            </span>
            <span className="site-brand__service">
              <span className="site-brand__name">Démarches démo</span>
              <span className="site-brand__tagline">Service public fictif, avec l’entraide entre usagers</span>
            </span>
            <span className="visually-hidden"> — retour à l’accueil</span>
          </Link>
          <nav aria-label="Menu principal" className="site-nav">
            <ul>
              <li>
                <Link href="/">Accueil</Link>
              </li>
              <li>
                <Link href="/demarches">Toutes les démarches</Link>
              </li>
              <li>
                <a href="/admin">Espace agents et contributeurs</a>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main className="container site-main" id="contenu" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>
            Site de démonstration : les démarches, les administrations et les personnes sont fictives. Les informations
            officielles réelles sont sur <a href="https://www.service-public.fr">service-public.fr</a>.
          </p>
          <ul className="site-footer__links">
            <li>
              <Link href="/accessibilite">Accessibilité : non conforme</Link>
            </li>
            <li>
              <Link href="/chiffres">Les chiffres de l’entraide</Link>
            </li>
            <li>
              <Link href="/demarches">Toutes les démarches</Link>
            </li>
            <li>
              <a href="/admin">Espace agents et contributeurs</a>
            </li>
          </ul>
        </div>
      </footer>
    </body>
  </html>
)

export default SiteLayout
