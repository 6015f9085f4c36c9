// The State design system's stylesheet (DSFR 1.14): its fonts and icons, which
// it references relatively, are bundled and served with the site's own assets.
import '@gouvfr/dsfr/dist/dsfr.min.css'
import './site.css'

import type { Metadata } from 'next'
import Script from 'next/script'
import type React from 'react'

import { dsfrScriptPath } from './dsfrAsset.ts'
import { DisplaySettings, SiteFooter, SiteHeader, SkipLinks } from './SiteChrome.tsx'

export const metadata: Metadata = {
  title: { default: 'Démarches démo — service public fictif', template: '%s — Démarches démo' },
  description: 'Site fictif d’un service public, pour montrer l’entraide entre usagers sur les pages de démarches.',
}

/**
 * `data-fr-scheme="system"` follows the system's light or dark theme until
 * the person picks one in the display settings; the DSFR script then sets
 * `data-fr-theme` on this element (hence no hydration warning for it).
 */
const SiteLayout = ({ children }: { children: React.ReactNode }) => (
  <html data-fr-scheme="system" lang="fr" suppressHydrationWarning>
    <body>
      <SkipLinks />
      <SiteHeader />
      <main className="fr-container site-main" id="contenu" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
      <DisplaySettings />
      <Script src={dsfrScriptPath} strategy="afterInteractive" type="module" />
    </body>
  </html>
)

export default SiteLayout
