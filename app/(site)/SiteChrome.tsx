import Link from 'next/link'

import { MainNavigation } from './MainNavigation.tsx'

/**
 * The demo site's frame, in the State design system's own markup (DSFR
 * 1.14): skip links, the header with the Marianne block and the motto, the
 * footer every State website carries, and the display settings (light, dark
 * or the system's theme). The DSFR script (loaded by the layout) opens the
 * menu and the display settings, and applies the chosen theme.
 */

/** The government's websites every State footer links to. */
const stateSites = ['legifrance.gouv.fr', 'gouvernement.fr', 'service-public.fr', 'data.gouv.fr']

export const SkipLinks = () => (
  <div className="fr-skiplinks">
    <nav aria-label="Accès rapide" className="fr-container">
      <ul className="fr-skiplinks__list">
        <li>
          <a className="fr-link" href="#contenu">
            Aller au contenu
          </a>
        </li>
        <li>
          <a className="fr-link" href="#navigation-principale">
            Aller au menu
          </a>
        </li>
        <li>
          <a className="fr-link" href="#pied-de-page">
            Aller au pied de page
          </a>
        </li>
      </ul>
    </nav>
  </div>
)

export const SiteHeader = () => (
  <header className="fr-header">
    <div className="fr-header__body">
      <div className="fr-container">
        <div className="fr-header__body-row">
          <div className="fr-header__brand fr-enlarge-link">
            <div className="fr-header__brand-top">
              <div className="fr-header__logo">
                <p className="fr-logo">
                  République
                  <br />
                  Française
                </p>
              </div>
              <div className="fr-header__navbar">
                <button
                  aria-controls="menu-mobile"
                  aria-haspopup="dialog"
                  className="fr-btn--menu fr-btn"
                  data-fr-opened="false"
                  id="bouton-menu-mobile"
                  type="button"
                >
                  Menu
                </button>
              </div>
            </div>
            <div className="fr-header__service">
              {/* Named by what it shows, then where it leads: no title saying something else. */}
              <Link href="/">
                <p className="fr-header__service-title">Démarches démo</p>
                <span className="fr-sr-only"> — accueil</span>
              </Link>
              <p className="fr-header__service-tagline">
                Site fictif d’un service public, avec l’entraide entre usagers
              </p>
            </div>
          </div>
          <div className="fr-header__tools">
            <div className="fr-header__tools-links">
              <ul className="fr-btns-group">
                <li>
                  <a className="fr-btn" href="/admin">
                    Espace agents et contributeurs
                  </a>
                </li>
                <li>
                  <button aria-controls="parametres-affichage" className="fr-btn" data-fr-opened="false" type="button">
                    Paramètres d’affichage
                  </button>
                </li>
              </ul>
            </div>
          </div>
        </div>
      </div>
    </div>
    <div aria-labelledby="bouton-menu-mobile" className="fr-header__menu fr-modal" id="menu-mobile">
      <div className="fr-container">
        <button aria-controls="menu-mobile" className="fr-btn--close fr-btn" type="button">
          Fermer
        </button>
        {/* The DSFR script copies the header's tool links here on small screens. */}
        <div className="fr-header__menu-links" />
        <MainNavigation />
      </div>
    </div>
  </header>
)

export const SiteFooter = () => (
  <footer className="fr-footer" id="pied-de-page">
    <div className="fr-container">
      <div className="fr-footer__body">
        <div className="fr-footer__brand fr-enlarge-link">
          <Link href="/">
            <p className="fr-logo">
              République
              <br />
              Française
            </p>
            <span className="fr-sr-only"> — accueil de Démarches démo</span>
          </Link>
        </div>
        <div className="fr-footer__content">
          <p className="fr-footer__content-desc">
            Site de démonstration : les démarches, les administrations et les personnes sont fictives. Les informations
            officielles réelles sont sur service-public.fr.
          </p>
          <ul className="fr-footer__content-list">
            {stateSites.map((site) => (
              <li className="fr-footer__content-item" key={site}>
                <a className="fr-footer__content-link" href={`https://www.${site}`} rel="noopener external">
                  {site}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="fr-footer__bottom">
        <ul className="fr-footer__bottom-list">
          <li className="fr-footer__bottom-item">
            <Link className="fr-footer__bottom-link" href="/accessibilite">
              Accessibilité : non conforme
            </Link>
          </li>
          <li className="fr-footer__bottom-item">
            <Link className="fr-footer__bottom-link" href="/mentions-legales">
              Mentions légales
            </Link>
          </li>
          <li className="fr-footer__bottom-item">
            <Link className="fr-footer__bottom-link" href="/mentions-legales#donnees-personnelles">
              Données personnelles
            </Link>
          </li>
          <li className="fr-footer__bottom-item">
            <Link className="fr-footer__bottom-link" href="/mentions-legales#cookies">
              Gestion des cookies
            </Link>
          </li>
          <li className="fr-footer__bottom-item">
            <Link className="fr-footer__bottom-link" href="/chiffres">
              Les chiffres de l’entraide
            </Link>
          </li>
          <li className="fr-footer__bottom-item">
            <button
              aria-controls="parametres-affichage"
              className="fr-footer__bottom-link"
              data-fr-opened="false"
              type="button"
            >
              Paramètres d’affichage
            </button>
          </li>
        </ul>
        <div className="fr-footer__bottom-copy">
          <p>
            Sauf mention explicite de propriété intellectuelle détenue par des tiers, les contenus de ce site sont
            proposés sous{' '}
            <a href="https://github.com/etalab/licence-ouverte/blob/master/LO.md" rel="noopener external">
              licence etalab-2.0
            </a>
            .
          </p>
        </div>
      </div>
    </div>
  </footer>
)

const themes = [
  { hint: null, label: 'Thème clair', value: 'light' },
  { hint: null, label: 'Thème sombre', value: 'dark' },
  { hint: 'Utilise les paramètres de votre système.', label: 'Système', value: 'system' },
] as const

/** The DSFR display settings: a modal dialog whose radio buttons the DSFR script reads and sets. */
export const DisplaySettings = () => (
  <dialog aria-labelledby="parametres-affichage-titre" className="fr-modal" id="parametres-affichage">
    <div className="fr-container fr-container--fluid fr-container-md">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-6 fr-col-lg-4">
          <div className="fr-modal__body">
            <div className="fr-modal__header">
              <button aria-controls="parametres-affichage" className="fr-btn--close fr-btn" type="button">
                Fermer
              </button>
            </div>
            <div className="fr-modal__content">
              <h2 className="fr-modal__title" id="parametres-affichage-titre">
                Paramètres d’affichage
              </h2>
              <div className="fr-display" id="fr-display">
                <fieldset className="fr-fieldset" id="parametres-affichage-themes">
                  <legend className="fr-fieldset__legend--regular fr-fieldset__legend">
                    Choisissez un thème pour personnaliser l’apparence du site.
                  </legend>
                  {themes.map((theme) => (
                    <div className="fr-fieldset__element" key={theme.value}>
                      <div className="fr-radio-group">
                        <input
                          id={`fr-radios-theme-${theme.value}`}
                          name="fr-radios-theme"
                          type="radio"
                          value={theme.value}
                        />
                        <label className="fr-label" htmlFor={`fr-radios-theme-${theme.value}`}>
                          {theme.label}
                          {theme.hint && <span className="fr-hint-text">{theme.hint}</span>}
                        </label>
                      </div>
                    </div>
                  ))}
                </fieldset>
              </div>
            </div>
          </div>
        </div>
      </div>
    </div>
  </dialog>
)
