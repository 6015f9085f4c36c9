import type { Metadata } from 'next'
import type React from 'react'

export const metadata: Metadata = {
  title: 'Service-Public démo — démarches en ligne',
  description: 'Site de démonstration d’un service public avec l’entraide entre usagers.',
}

const SiteLayout = ({ children }: { children: React.ReactNode }) => (
  <html lang="fr">
    <body>{children}</body>
  </html>
)

export default SiteLayout
