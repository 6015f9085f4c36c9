import type { Metadata } from 'next'

import { Breadcrumb } from '../Breadcrumb.tsx'

export const metadata: Metadata = { title: 'Déclaration d’accessibilité' }

/**
 * The accessibility statement the RGAA asks every public website for: its
 * conformity status, how it was measured, and what is known not to conform.
 * Without a complete audit the status can only be "non conforme".
 */
const AccessibilityPage = () => (
  <>
    <Breadcrumb current="Déclaration d’accessibilité" trail={[{ href: '/', label: 'Accueil' }]} />
    <div className="statement">
      <h1>Déclaration d’accessibilité</h1>
      <p>
        Le site de démonstration « Démarches démo » et son espace d’entraide entre usagers visent la conformité au
        référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1. Cette déclaration porte sur le site
        public (accueil, recherche, liste des démarches, pages de démarche avec l’espace d’entraide, chiffres de
        l’entraide, et cette page).
      </p>

      <h2>État de conformité</h2>
      <p>
        <strong>Le site est non conforme</strong> avec le RGAA 4.1 : aucun audit complet des critères du référentiel sur
        un échantillon de pages n’a encore été réalisé, et aucun taux de conformité n’a donc été calculé. Tant que ce
        n’est pas fait, le RGAA ne permet pas d’annoncer une conformité partielle ou totale.
      </p>

      <h2>Comment l’accessibilité a été mesurée</h2>
      <ul>
        <li>
          Tests automatiques, à chaque version, avec deux moteurs : axe-core (règles WCAG 2.1 niveaux A et AA) et
          HTML_CodeSniffer (norme WCAG 2 AA). Ils sont passés sur toutes les pages publiques (accueil, recherche, liste
          des démarches, page de démarche avec l’espace d’entraide chargé, chiffres de l’entraide, cette déclaration,
          mentions légales, page introuvable), à l’intérieur de l’espace d’entraide (y compris la fenêtre de connexion,
          la recherche et le formulaire de question, vide puis refusé), dans la fenêtre des paramètres d’affichage, en
          thème sombre, et sur les vues de l’entraide de l’espace agents et contributeurs. Aucune erreur n’est relevée
          par l’un ou l’autre.
        </li>
        <li>
          Des parcours au clavier seul, automatisés dans le navigateur Chromium : lien d’évitement, accès à l’entraide,
          connexion dans une fenêtre de dialogue, question posée, vote ; chaque élément qui prend le focus doit le
          montrer. Les liens « Astuces et questions sur cette étape », les couleurs forcées (émulées dans Chromium),
          l’affichage à 320 pixels de large avec l’espacement du texte augmenté, les messages d’erreur champ par champ
          et les noms des boutons de vote sont vérifiés de la même façon.
        </li>
        <li>
          Une vérification manuelle d’une partie des critères du RGAA 4.1, au clavier, sur une version de production
          dans Chromium : affichage à 320 pixels de large et zoom à 200 %, focus visible, fenêtre de connexion, messages
          de statut, langue, titres de pages et structure des titres sont conformes. Elle a relevé les défauts listés
          ci-dessous.
        </li>
      </ul>
      <p>
        Technologies utilisées : HTML, CSS, JavaScript et WAI-ARIA. Aucun test n’a encore été fait avec un lecteur
        d’écran (NVDA, JAWS, VoiceOver, TalkBack), ni avec le mode de contraste élevé d’un vrai poste Windows.
      </p>

      <h2>Ce qui n’est pas conforme ou reste à vérifier</h2>
      <h3>Non-conformités connues</h3>
      <ul>
        <li>
          L’espace agents et contributeurs (l’administration du site) n’a pas été évalué, hormis les tests automatiques
          de ses vues propres à l’entraide.
        </li>
      </ul>
      <h3>Défauts corrigés, à confirmer par une nouvelle vérification manuelle</h3>
      <ul>
        <li>
          Le site utilise le Système de design de l’État (DSFR) : en-tête avec le bloc Marianne et la devise, menu, pied
          de page avec les liens obligatoires, police Marianne, thème sombre au choix dans les paramètres d’affichage ;
          l’espace d’entraide en reprend les couleurs, y compris en thème sombre.
        </li>
        <li>Le champ de recherche de l’espace d’entraide a un bouton d’envoi.</li>
        <li>
          Les liens « Astuces et questions sur cette étape » déplacent le focus dans l’espace d’entraide, nommé d’après
          l’étape, et annoncent l’étape affichée.
        </li>
        <li>
          En couleurs forcées (contraste élevé de Windows), les champs, les boutons et la fenêtre de connexion ont des
          bordures visibles.
        </li>
        <li>
          Un formulaire refusé ne signale comme invalides que les champs en cause, avec un message sous chacun, et place
          le focus sur le premier.
        </li>
        <li>Les liens qui ouvrent une nouvelle fenêtre le disent.</li>
        <li>
          Les boutons « Utile », « Pas utile » et « Signaler » sont nommés d’après la contribution qu’ils concernent ;
          le score est associé aux boutons et son changement est annoncé.
        </li>
        <li>
          L’en-tête ne déborde plus à 320 pixels de large avec l’espacement du texte augmenté ; le lien de l’en-tête n’a
          plus d’intitulé différent de son texte ; les champs obligatoires sont signalés visiblement.
        </li>
      </ul>
      <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
      <p>
        Les astuces, questions et réponses sont écrites par les usagers : leur texte (par exemple l’intitulé d’un lien
        qu’ils ont ajouté) peut ne pas respecter toutes les règles d’accessibilité.
      </p>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez-nous à{' '}
        <a href="mailto:accessibilite@demarches-demo.example">accessibilite@demarches-demo.example</a> : nous vous
        proposerons une autre façon d’obtenir l’information et nous corrigerons le défaut.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous nous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service et
        que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits : par le{' '}
        <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a>, auprès d’un{' '}
        <a href="https://www.defenseurdesdroits.fr/saisir/delegues">délégué du Défenseur des droits</a> dans votre
        région, ou par courrier (gratuit, sans affranchissement) : Défenseur des droits, Libre réponse 71120, 75342
        Paris CEDEX 07.
      </p>
      <p className="muted">Déclaration établie le 2 décembre 2026.</p>
    </div>
  </>
)

export default AccessibilityPage
