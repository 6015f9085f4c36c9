import type { UIFieldServerProps } from 'payload'

import { entraideT, type EntraideT } from '../translations/i18n.ts'
import { documentPath, formatDateTime } from './format.ts'
import { loadProvenance, type ProvenanceEntry } from './queries/provenance.ts'

type SourceLineProps = { adminRoute: string; entry: ProvenanceEntry; language: string; t: EntraideT }

const SourceLine = ({ adminRoute, entry, language, t }: SourceLineProps) => {
  const isAnswer = entry.kind === 'answer'
  const gone = isAnswer ? t('entraide:answerGone') : t('entraide:tipGone')
  const validation = entry.validatedBy
    ? entry.validatedAt
      ? t('entraide:validatedByOn', { date: formatDateTime(entry.validatedAt, language), name: entry.validatedBy })
      : t('entraide:validatedBy', { name: entry.validatedBy })
    : ''
  return (
    <li className="entraide-provenance__item">
      <p className="entraide-provenance__what">
        <span className="entraide-badge">{isAnswer ? t('entraide:kindAnswer') : t('entraide:kindTip')}</span>{' '}
        {entry.source ? (
          <a href={documentPath(adminRoute, entry.source.collection, entry.source.id)}>{entry.source.excerpt ?? gone}</a>
        ) : (
          <span>{gone}</span>
        )}
      </p>
      {entry.thread ? (
        <p>
          {t('entraide:inReplyTo')} <a href={documentPath(adminRoute, 'threads', entry.thread.id)}>{entry.thread.title}</a>
        </p>
      ) : null}
      <p className="entraide-provenance__who">
        {t('entraide:byContributor', { name: entry.contributor ?? t('entraide:unknownContributor') })}
        {validation}
      </p>
    </li>
  )
}

/**
 * The provenance of a wiki page, readable: each promoted source with a link to
 * the answer or tip and its question in the admin panel, its author, who
 * validated it and when; then the people the page credits.
 */
export const ProvenanceField = async ({ id, req }: UIFieldServerProps) => {
  if (id === undefined || id === null) return null
  const t = entraideT(req.i18n)
  const { contributors, sources } = await loadProvenance({ req, wikiPageId: String(id) })
  const adminRoute = req.payload.config.routes.admin
  return (
    <section aria-labelledby="entraide-provenance-title" className="entraide-panel entraide-provenance">
      <h3 className="entraide-panel__title" id="entraide-provenance-title">
        {t('entraide:provenanceTitle')}
      </h3>
      {sources.length === 0 ? (
        <p className="entraide-hint">{t('entraide:writtenInWiki')}</p>
      ) : (
        <ol className="entraide-provenance__list">
          {sources.map((entry, index) => (
            <SourceLine
              adminRoute={adminRoute}
              entry={entry}
              key={`${entry.kind}-${entry.source?.id ?? index}`}
              language={req.i18n.language}
              t={t}
            />
          ))}
        </ol>
      )}
      <h4 className="entraide-panel__subtitle">{t('entraide:contributorsTitle')}</h4>
      {contributors.length === 0 ? (
        <p className="entraide-hint">{t('entraide:nobodyCredited')}</p>
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
