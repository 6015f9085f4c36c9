import type { Metadata } from 'next'

import { Breadcrumb } from '../Breadcrumb.tsx'

export const metadata: Metadata = { title: 'Mentions légales' }

/**
 * The legal notices, personal data and cookies sections the footer of every
 * State website links to; for a demonstration site with no real publisher.
 */
const LegalPage = () => (
  <>
    <Breadcrumb current="Mentions légales" trail={[{ href: '/', label: 'Accueil' }]} />
    <div className="statement">
      <h1>Mentions légales</h1>
      <h2 id="editeur">Éditeur</h2>
      <p>
        « Démarches démo » est un site de démonstration : il ne dépend d’aucune administration réelle, et les démarches,
        les administrations et les personnes qu’il présente sont fictives. Les informations officielles réelles sont sur{' '}
        <a href="https://www.service-public.fr">service-public.fr</a>.
      </p>
      <h2 id="donnees-personnelles">Données personnelles</h2>
      <p>
        Pour contribuer à l’entraide (poser une question, répondre, voter), vous créez un compte avec une adresse
        électronique, un nom affiché et un mot de passe. Ces données servent uniquement à publier vos contributions sous
        votre nom affiché et à vous prévenir des réponses, si vous le demandez. Pour faire supprimer votre compte,
        écrivez à <a href="mailto:contact@demarches-demo.example">contact@demarches-demo.example</a>. Lire les pages
        sans compte ne demande aucune donnée personnelle.
      </p>
      <h2 id="cookies">Gestion des cookies</h2>
      <p>
        Le site ne dépose aucun cookie de mesure d’audience ni de publicité. Seul un cookie de session, nécessaire au
        fonctionnement, est déposé quand vous vous connectez ; votre choix de thème d’affichage est gardé dans votre
        navigateur. Aucun consentement n’est donc demandé.
      </p>
    </div>
  </>
)

export default LegalPage
