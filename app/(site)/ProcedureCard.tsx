import Link from 'next/link'

/** A procedure as a DSFR card: its title links to its page (the whole card is clickable), its summary, an optional detail. */
export const ProcedureCard = ({
  detail,
  slug,
  summary,
  title,
}: {
  slug: string
  title: string
  summary?: string | null
  detail?: string
}) => (
  <div className="fr-card fr-enlarge-link">
    <div className="fr-card__body">
      <div className="fr-card__content">
        <h3 className="fr-card__title">
          <Link href={`/demarches/${slug}`}>{title}</Link>
        </h3>
        {summary && <p className="fr-card__desc">{summary}</p>}
        {detail && (
          <div className="fr-card__end">
            <p className="fr-card__detail">{detail}</p>
          </div>
        )}
      </div>
    </div>
  </div>
)
