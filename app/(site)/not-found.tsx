import Link from 'next/link'

const NotFound = () => (
  <>
    <h1>Page introuvable</h1>
    <p>La page que vous cherchez n’existe pas ou a été déplacée.</p>
    <p>
      <Link href="/demarches">Voir toutes les démarches</Link>
    </p>
  </>
)

export default NotFound
