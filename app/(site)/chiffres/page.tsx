import config from '@payload-config'
import { readPublicFigures, type MonthFigures } from 'entraide'
import type { Metadata } from 'next'
import { getPayload } from 'payload'

import { Breadcrumb } from '../Breadcrumb.tsx'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Les chiffres de l’entraide' }

const csvUrl = '/api/entraide/stats?format=csv'
const jsonUrl = '/api/entraide/stats'

const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC', year: 'numeric' })
const computedAtFormat = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
})
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 })

/** « décembre 2026 » for `2026-12`. */
const monthLabel = (month: string): string => monthName.format(new Date(`${month}-01T00:00:00.000Z`))

/** « 75 % (3 sur 4) », or what is missing. */
const share = (rate: number | null, part: number | null, whole: number | null, none: string): string =>
  rate === null || part === null || whole === null ? none : `${decimal.format(rate * 100)} % (${part} sur ${whole})`

/** Hours under two days, then days. */
const delay = (hours: number | null): string => {
  if (hours === null) return 'Aucune validation'
  if (hours < 48) return `${decimal.format(hours)} h`
  return `${decimal.format(hours / 24)} jours`
}

/**
 * The figures of one scope, one month a line, newest first: a DSFR table
 * with a caption naming the scope, column headers and month row headers; on
 * narrow screens it scrolls sideways in its own focusable region.
 */
const FiguresTable = ({ caption, id, months }: { caption: string; id: string; months: MonthFigures[] }) => (
  <div className="fr-table fr-table--bordered">
    <div className="fr-table__wrapper">
      <div className="fr-table__container">
        <div aria-labelledby={id} className="fr-table__content" role="region" tabIndex={0}>
          <table className="figures-table">
            <caption id={id}>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Mois</th>
                <th scope="col">Questions posées</th>
                <th scope="col">Questions répondues en moins de 48 h</th>
                <th scope="col">Délai médian de validation</th>
                <th scope="col">Réponses officielles</th>
                <th scope="col">Guides vérifiés depuis moins de 12 mois</th>
                <th scope="col">Questions évitées</th>
              </tr>
            </thead>
            <tbody>
              {[...months].reverse().map((month) => (
                <tr key={month.month}>
                  <th scope="row">{monthLabel(month.month)}</th>
                  <td>{month.questions}</td>
                  <td>
                    {share(month.answeredWithin48hRate, month.answeredWithin48h, month.questions, 'Aucune question')}
                  </td>
                  <td>{delay(month.medianHoursToValidation)}</td>
                  <td>{month.officialAnswers}</td>
                  <td>
                    {month.guides === null
                      ? 'Non mesuré'
                      : share(month.guidesVerifiedRate, month.guidesVerified, month.guides, 'Aucun guide')}
                  </td>
                  <td>{month.questionsAvoided}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  </div>
)

/**
 * The public accountability figures of the community help, per agency and
 * per procedure, month by month, as Entraide's scheduled job last computed
 * them; with the CSV for those who want to work on them.
 */
const FiguresPage = async () => {
  const payload = await getPayload({ config })
  const figures = await readPublicFigures(payload)
  return (
    <>
      <Breadcrumb current="Les chiffres de l’entraide" trail={[{ href: '/', label: 'Accueil' }]} />
      <div className="statement">
        <h1>Les chiffres de l’entraide</h1>
        <p className="fr-text--lead">
          Combien de questions des usagers trouvent une réponse rapide, en combien de temps les agents valident les
          réponses, combien de réponses deviennent officielles et si les guides sont vérifiés : administration par
          administration et démarche par démarche, mois par mois.
        </p>
      </div>
      {figures === null ? (
        <div className="fr-callout" role="status">
          <p className="fr-callout__text">
            Les chiffres n’ont pas encore été calculés. Ils le sont automatiquement toutes les heures ; revenez un peu
            plus tard.
          </p>
        </div>
      ) : (
        <>
          <p>
            Chiffres calculés le {computedAtFormat.format(new Date(figures.computedAt))} (heure de Paris), de{' '}
            {monthLabel(figures.period.from)} à {monthLabel(figures.period.to)}.
          </p>
          <ul className="figures-downloads">
            <li>
              <a download href={csvUrl}>
                Télécharger tous les chiffres (CSV)
              </a>
            </li>
            <li>
              <a href={jsonUrl}>Les mêmes chiffres au format JSON</a>
            </li>
          </ul>
        </>
      )}

      <div className="statement">
        <h2>Ce que mesurent ces chiffres</h2>
        <dl className="figures-definitions">
          <dt>Questions répondues en moins de 48 h</dt>
          <dd>
            Parmi les questions publiées ce mois-là (au moins 48 heures avant le calcul), la part qui a reçu une réponse
            publiée d’une autre personne que l’auteur de la question dans les 48 heures.
          </dd>
          <dt>Délai médian de validation</dt>
          <dd>
            Pour les réponses et les astuces validées par un agent ce mois-là, le temps entre leur publication et leur
            validation : la moitié ont été validées plus vite, l’autre moitié moins vite.
          </dd>
          <dt>Réponses officielles</dt>
          <dd>
            Les réponses des usagers validées par un agent ce mois-là (y compris celles reprises dans une page
            officielle).
          </dd>
          <dt>Guides vérifiés depuis moins de 12 mois</dt>
          <dd>
            La part des guides publiés qu’un agent a vérifiés dans les 12 mois précédents et qui n’attendent pas de
            nouvelle vérification depuis (par exemple après un changement de la démarche), mesurée à la fin de chaque
            mois. « Non mesuré » : les chiffres n’étaient pas encore calculés ce mois-là.
          </dd>
          <dt>Questions évitées</dt>
          <dd>
            Les fois où une personne en train de rédiger une nouvelle question a choisi, ce mois-là, l’une des questions
            déjà posées ou des pages officielles proposées sous son titre : autant de questions sans doute pas posées
            deux fois. Comptées pour la démarche de ce qui a été choisi.
          </dd>
        </dl>
        <p className="muted">
          Les mois sont comptés en temps universel (UTC). Aucune donnée personnelle n’est publiée : ni nom, ni adresse
          électronique, ni identifiant de personne.
        </p>
      </div>

      {figures !== null && (
        <>
          <section aria-labelledby="chiffres-ensemble">
            <h2 id="chiffres-ensemble">Sur l’ensemble du site</h2>
            <FiguresTable
              caption="Ensemble du site : chiffres mois par mois, du plus récent au plus ancien"
              id="tableau-ensemble"
              months={figures.total.months}
            />
          </section>
          {figures.agencies.map((agency) => {
            const procedures = figures.procedures.filter((procedure) => procedure.agency === agency.slug)
            return (
              <section aria-labelledby={`chiffres-${agency.slug}`} key={agency.slug}>
                <h2 id={`chiffres-${agency.slug}`}>{agency.name}</h2>
                <FiguresTable
                  caption={`${agency.name}, toutes démarches : chiffres mois par mois, du plus récent au plus ancien`}
                  id={`tableau-${agency.slug}`}
                  months={agency.months}
                />
                {procedures.map((procedure) => (
                  <section aria-labelledby={`chiffres-demarche-${procedure.slug}`} key={procedure.slug}>
                    <h3 id={`chiffres-demarche-${procedure.slug}`}>{procedure.title}</h3>
                    <FiguresTable
                      caption={`${procedure.title} : chiffres mois par mois, du plus récent au plus ancien`}
                      id={`tableau-demarche-${procedure.slug}`}
                      months={procedure.months}
                    />
                  </section>
                ))}
              </section>
            )
          })}
        </>
      )}
    </>
  )
}

export default FiguresPage
