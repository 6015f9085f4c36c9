'use client'

import { safeHref, splitHighlights, stringsFor, type SearchHit, type SearchResponse } from 'entraide/widget'
import { useEffect, useState } from 'react'

const t = stringsFor('fr')

/** How many results the page shows. */
const resultLimit = 20

type State = { kind: 'searching' } | { kind: 'done'; response: SearchResponse } | { kind: 'failed' }

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

const isHit = (value: unknown): value is SearchHit =>
  isRecord(value) &&
  typeof value.id === 'string' &&
  typeof value.type === 'string' &&
  typeof value.title === 'string' &&
  typeof value.url === 'string' &&
  typeof value.snippet === 'string' &&
  (value.procedure === null || (isRecord(value.procedure) && typeof value.procedure.title === 'string'))

/** The API's answer, keeping only the hits it can show. */
const responseOf = (data: unknown): SearchResponse => {
  const hits = isRecord(data) && Array.isArray(data.hits) ? data.hits.filter(isHit) : []
  return {
    hits,
    isTotalExact: !(isRecord(data) && data.isTotalExact === false),
    processingTimeMs: isRecord(data) && typeof data.processingTimeMs === 'number' ? data.processingTimeMs : 0,
    total: isRecord(data) && typeof data.total === 'number' ? data.total : hits.length,
  }
}

const Highlighted = ({ text }: { text: string }) => (
  <>
    {splitHighlights(text).map((segment, index) =>
      segment.isMatch ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
    )}
  </>
)

/**
 * The results of a search across every procedure, from Entraide's search API
 * (the one the widget uses), their number announced to screen readers.
 */
export const SearchResults = ({ query }: { query: string }) => {
  const [state, setState] = useState<State>({ kind: 'searching' })
  useEffect(() => {
    const controller = new AbortController()
    setState({ kind: 'searching' })
    fetch(`/api/entraide/search?${new URLSearchParams({ limit: String(resultLimit), q: query })}`, {
      headers: { Accept: 'application/json', 'Accept-Language': 'fr' },
      signal: controller.signal,
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(`The search answered ${response.status}.`)
        setState({ kind: 'done', response: responseOf(await response.json()) })
      })
      .catch(() => {
        if (!controller.signal.aborted) setState({ kind: 'failed' })
      })
    return () => controller.abort()
  }, [query])

  const status =
    state.kind === 'searching'
      ? t.searching
      : state.kind === 'failed'
        ? t.searchFailed
        : state.response.isTotalExact
          ? t.searchResults(state.response.total, query)
          : t.searchResultsMoreThan(state.response.total, query)

  return (
    <>
      <p
        aria-live="polite"
        className={state.kind === 'failed' ? 'fr-alert fr-alert--error fr-alert--sm' : 'muted'}
        role="status"
      >
        {status}
      </p>
      {state.kind === 'done' && state.response.hits.length > 0 && (
        <ol className="search-hits">
          {state.response.hits.map((hit) => {
            const link = safeHref(hit.url)
            const title = <Highlighted text={hit.title} />
            return (
              <li key={hit.id}>
                <p className="search-hits__kind">
                  {t.hitTypes[hit.type] ?? ''}
                  {hit.isOfficial ? ` · ${t.officialBadge}` : ''}
                  {hit.isValidated ? ` · ${t.validatedBadge}` : ''}
                </p>
                <h2>{link ? <a href={link.href}>{title}</a> : title}</h2>
                {hit.procedure && hit.procedure.title !== hit.title && (
                  <p className="muted">Démarche : {hit.procedure.title}</p>
                )}
                {hit.snippet && (
                  <p>
                    <Highlighted text={hit.snippet} />
                  </p>
                )}
              </li>
            )
          })}
        </ol>
      )}
      {state.kind === 'done' && state.response.total > state.response.hits.length && (
        <p className="muted">
          Seuls les {state.response.hits.length} premiers résultats sont affichés : précisez votre recherche pour
          trouver les autres.
        </p>
      )}
    </>
  )
}
