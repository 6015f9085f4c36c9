import Link from 'next/link'

/**
 * The demo site's breadcrumb (DSFR `fr-breadcrumb`): the pages above this
 * one, as links, then this page. On small screens the DSFR script folds it
 * behind a button.
 */
export const Breadcrumb = ({ current, trail }: { trail: { href: string; label: string }[]; current: string }) => (
  <nav aria-label="Vous êtes ici :" className="fr-breadcrumb">
    <button aria-controls="fil-ariane" aria-expanded="false" className="fr-breadcrumb__button" type="button">
      Voir le fil d’Ariane
    </button>
    <div className="fr-collapse" id="fil-ariane">
      <ol className="fr-breadcrumb__list">
        {trail.map(({ href, label }) => (
          <li key={href}>
            <Link className="fr-breadcrumb__link" href={href}>
              {label}
            </Link>
          </li>
        ))}
        <li>
          <a aria-current="page" className="fr-breadcrumb__link">
            {current}
          </a>
        </li>
      </ol>
    </div>
  </nav>
)
