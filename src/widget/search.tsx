import { useEffect, useId, useRef, useState } from 'react'

import { revealAnchor } from './anchors.ts'
import { useWidget } from './context.ts'
import { Highlighted } from './highlight.tsx'
import { safeHref } from './richText.tsx'
import type { SearchHit } from './types.ts'

/** Wait after the last keystroke before searching. */
export const searchDebounceMs = 250

/** Shortest query worth sending. */
export const minQueryLength = 2

const hitLimit = 8

type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching'; query: string }
  | { kind: 'done'; query: string; hits: SearchHit[]; total: number; isTotalExact: boolean }
  | { kind: 'failed'; query: string }

/**
 * Search-as-you-type across the knowledge base: debounced, scoped to the
 * procedure unless the reader widens it, stale answers dropped, and the
 * number of results announced to screen readers through a polite live region.
 */
export const SearchBox = () => {
  const { client, procedure, t } = useWidget()
  const [query, setQuery] = useState('')
  const [isWide, setWide] = useState(false)
  const [state, setState] = useState<SearchState>({ kind: 'idle' })
  const id = useId()
  const containerRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const trimmed = query.trim()
    if (trimmed.length < minQueryLength) {
      setState({ kind: 'idle' })
      return
    }
    const controller = new AbortController()
    const timer = setTimeout(() => {
      setState({ kind: 'searching', query: trimmed })
      client
        .search({ limit: hitLimit, procedure: isWide ? null : procedure, query: trimmed }, controller.signal)
        .then(({ hits, isTotalExact, total }) => setState({ hits, isTotalExact, kind: 'done', query: trimmed, total }))
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setState({ kind: 'failed', query: trimmed })
          return error
        })
    }, searchDebounceMs)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [client, isWide, procedure, query])

  // Results on this very page scroll to the item in the widget, even inside a shadow root.
  const openHit = (event: { preventDefault: () => void }, href: string) => {
    const url = new URL(href, window.location.href)
    if (url.origin !== window.location.origin || url.pathname !== window.location.pathname) return
    if (revealAnchor(containerRef.current, url.hash)) event.preventDefault()
  }

  const announcement =
    state.kind === 'searching'
      ? t.searching
      : state.kind === 'done'
        ? state.isTotalExact
          ? t.searchResults(state.total, state.query)
          : t.searchResultsMoreThan(state.total, state.query)
        : state.kind === 'failed'
          ? t.searchFailed
          : ''

  return (
    <div className="ew-search" ref={containerRef}>
      <form onSubmit={(event) => event.preventDefault()} role="search" aria-label={t.searchLabel}>
        <label className="ew-label" htmlFor={`${id}-q`}>
          {t.searchLabel}
        </label>
        <span className="ew-hint" id={`${id}-hint`}>
          {t.searchHint}
        </span>
        <div className="ew-search-row">
          <input
            aria-controls={`${id}-results`}
            aria-describedby={`${id}-hint`}
            autoComplete="off"
            className="ew-input"
            id={`${id}-q`}
            maxLength={200}
            onChange={(event) => setQuery(event.currentTarget.value)}
            type="search"
            value={query}
          />
        </div>
        <div className="ew-check">
          <input
            checked={isWide}
            id={`${id}-wide`}
            onChange={(event) => setWide(event.currentTarget.checked)}
            type="checkbox"
          />
          <label htmlFor={`${id}-wide`}>{t.searchWiden}</label>
        </div>
      </form>
      <p aria-live="polite" className={state.kind === 'failed' ? 'ew-error' : 'ew-meta'} role="status">
        {announcement}
      </p>
      <div aria-label={t.searchResultsLabel} id={`${id}-results`} role="region">
        {state.kind === 'done' && state.hits.length > 0 && (
          <ul className="ew-hits">
            {state.hits.map((hit) => {
              const link = safeHref(hit.url)
              const title = <Highlighted text={hit.title} />
              return (
                <li key={hit.id}>
                  <p className="ew-badges">
                    {t.hitTypes[hit.type] && <span className="ew-badge">{t.hitTypes[hit.type]}</span>}
                    {hit.isOfficial && <span className="ew-badge ew-badge--official">{t.officialBadge}</span>}
                    {hit.isValidated && <span className="ew-badge ew-badge--validated">{t.validatedBadge}</span>}
                  </p>
                  <p>
                    {link ? (
                      <a href={link.href} onClick={(event) => openHit(event, link.href)}>
                        {title}
                      </a>
                    ) : (
                      title
                    )}
                    {isWide && hit.procedure && <span className="ew-meta"> — {hit.procedure.title}</span>}
                  </p>
                  {hit.snippet && (
                    <p className="ew-meta">
                      <Highlighted text={hit.snippet} />
                    </p>
                  )}
                </li>
              )
            })}
          </ul>
        )}
      </div>
    </div>
  )
}
