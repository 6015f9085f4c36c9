import type { UIFieldServerProps } from 'payload'

import { documentPath, formatDateTime } from './format.ts'
import { loadProvenance, type ProvenanceEntry } from './queries/provenance.ts'

const SourceLine = ({ adminRoute, entry }: { adminRoute: string; entry: ProvenanceEntry }) => (
  <li className="entraide-provenance__item">
    <p className="entraide-provenance__what">
      <span className="entraide-badge">{entry.kind === 'answer' ? 'Answer' : 'Tip'}</span>{' '}
      {entry.source ? (
        <a href={documentPath(adminRoute, entry.source.collection, entry.source.id)}>
          {entry.source.excerpt ?? `The ${entry.kind} is no longer available`}
        </a>
      ) : (
        <span>The {entry.kind} is no longer available</span>
      )}
    </p>
    {entry.thread ? (
      <p>
        In reply to <a href={documentPath(adminRoute, 'threads', entry.thread.id)}>{entry.thread.title}</a>
      </p>
    ) : null}
    <p className="entraide-provenance__who">
      By {entry.contributor ?? 'an unknown contributor'}
      {entry.validatedBy
        ? `, validated by ${entry.validatedBy}${entry.validatedAt ? ` on ${formatDateTime(entry.validatedAt)}` : ''}`
        : ''}
    </p>
  </li>
)

/**
 * The provenance of a wiki page, readable: each promoted source with a link to
 * the answer or tip and its question in the admin panel, its author, who
 * validated it and when; then the people the page credits.
 */
export const ProvenanceField = async ({ id, req }: UIFieldServerProps) => {
  if (id === undefined || id === null) return null
  const { contributors, sources } = await loadProvenance({ req, wikiPageId: String(id) })
  const adminRoute = req.payload.config.routes.admin
  return (
    <section aria-labelledby="entraide-provenance-title" className="entraide-panel entraide-provenance">
      <h3 className="entraide-panel__title" id="entraide-provenance-title">
        Provenance
      </h3>
      {sources.length === 0 ? (
        <p className="entraide-hint">Written directly in the wiki: no promoted answer or tip.</p>
      ) : (
        <ol className="entraide-provenance__list">
          {sources.map((entry, index) => (
            <SourceLine adminRoute={adminRoute} entry={entry} key={`${entry.kind}-${entry.source?.id ?? index}`} />
          ))}
        </ol>
      )}
      <h4 className="entraide-panel__subtitle">Contributors</h4>
      {contributors.length === 0 ? (
        <p className="entraide-hint">Nobody credited yet.</p>
      ) : (
        <ul className="entraide-contributors">
          {contributors.map((person) => (
            <li key={person.id}>{person.name}</li>
          ))}
        </ul>
      )}
    </section>
  )
}
