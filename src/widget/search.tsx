import { useEffect, useId, useRef, useState } from 'react'

import { revealAnchor } from './anchors.ts'
import { useWidget } from './context.ts'
import { Highlighted } from './highlight.tsx'
import type { WikiPageContent } from './client.ts'
import { RichText, safeHref } from './richText.tsx'
import type { SearchHit } from './types.ts'

/** Wait after the last keystroke before searching. */
export const searchDebounceMs = 250

/** Shortest query worth sending. */
export const minQueryLength = 2

/** Hits per page: the first results, then as many more at each "show more". */
const hitLimit = 8

// The search endpoint serves no page starting past this many hits.
const maxReachableHits = 1000

type MoreState = 'idle' | 'loading' | 'failed'

type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching'; query: string }
  | {
      kind: 'done'
      query: string
      isWide: boolean
      hits: SearchHit[]
      total: number
      isTotalExact: boolean
      more: MoreState
    }
  | { kind: 'failed'; query: string }

const wikiPrefix = 'wiki-pages-'

const sameText = (left: string, right: string): boolean =>
  left.trim().toLocaleLowerCase('fr') === right.trim().toLocaleLowerCase('fr')

/**
 * Opens a search hit's link: one to an item of this very page scrolls to the
 * item in the widget (found from `from`, even inside a shadow root) instead
 * of reloading the page; any other link is followed.
 */
export const openHitInWidget = (from: Element | null, event: { preventDefault: () => void }, href: string): void => {
  const url = new URL(href, window.location.href)
  if (url.origin !== window.location.origin || url.pathname !== window.location.pathname) return
  if (revealAnchor(from, url.hash)) event.preventDefault()
}

type WikiState = { kind: 'closed' } | { kind: 'loading' } | { kind: 'open'; page: WikiPageContent } | { kind: 'failed' }

/**
 * One search result. Its title links to where the item lives; an official
 * page that the host website gives no address (not attached to a procedure,
 * no `search.wikiPageUrl`) opens here instead, under its title.
 */
const Hit = ({
  hit,
  isWide,
  onOpenLink,
}: {
  hit: SearchHit
  isWide: boolean
  onOpenLink: (event: { preventDefault: () => void }, href: string) => void
}) => {
  const { client, headingLevel, t } = useWidget()
  const [wiki, setWiki] = useState<WikiState>({ kind: 'closed' })
  const panelId = `${useId()}-page`
  const link = safeHref(hit.url)
  const hitId = String(hit.id)
  const wikiPageId = !link && hit.type === 'wiki' && hitId.startsWith(wikiPrefix) ? hitId.slice(wikiPrefix.length) : null
  const isExpanded = wiki.kind !== 'closed'
  const toggle = (pageId: string) => {
    if (isExpanded) {
      setWiki({ kind: 'closed' })
      return
    }
    setWiki({ kind: 'loading' })
    client
      .loadWikiPage(pageId)
      .then((page) => setWiki({ kind: 'open', page }))
      .catch(() => setWiki({ kind: 'failed' }))
  }
  const title = <Highlighted text={hit.title} />
  // "Déclarer ses revenus — Déclarer ses revenus" says nothing twice.
  const showsProcedure = isWide && hit.procedure !== null && !sameText(hit.procedure.title, hit.title)
  return (
    <li data-hit={hitId} tabIndex={-1}>
      <p className="ew-badges">
        {t.hitTypes[hit.type] && <span className="ew-badge">{t.hitTypes[hit.type]}</span>}
        {hit.isOfficial && <span className="ew-badge ew-badge--official">{t.officialBadge}</span>}
        {hit.isValidated && <span className="ew-badge ew-badge--validated">{t.validatedBadge}</span>}
      </p>
      <p>
        {link ? (
          <a href={link.href} onClick={(event) => onOpenLink(event, link.href)}>
            {title}
          </a>
        ) : wikiPageId !== null ? (
          <button
            aria-controls={panelId}
            aria-expanded={isExpanded}
            className="ew-link-button"
            onClick={() => toggle(wikiPageId)}
            type="button"
          >
            {title}
            <span className="ew-sr-only"> – {isExpanded ? t.hitClose : t.hitOpen}</span>
          </button>
        ) : (
          title
        )}
        {showsProcedure && <span className="ew-meta"> — {hit.procedure?.title}</span>}
      </p>
      {hit.snippet && !isExpanded && (
        <p className="ew-meta">
          <Highlighted text={hit.snippet} />
        </p>
      )}
      {wikiPageId !== null && (
        <div aria-live="polite" className="ew-hit-page" hidden={!isExpanded} id={panelId}>
          {wiki.kind === 'loading' && <p className="ew-meta">{t.hitLoading}</p>}
          {wiki.kind === 'failed' && <p className="ew-error">{t.hitUnavailable}</p>}
          {wiki.kind === 'open' && (
            <RichText baseLevel={headingLevel + 3} newWindowLabel={t.newWindow} value={wiki.page.body} />
          )}
        </div>
      )}
    </li>
  )
}

/**
 * Search-as-you-type across the knowledge base: debounced, scoped to the
 * procedure unless the reader widens it (in one click when the procedure has
 * nothing), stale answers dropped, more results page by page, and the number
 * of results announced to screen readers through a polite live region.
 */
export const SearchBox = () => {
  const { client, procedure, t } = useWidget()
  const [query, setQuery] = useState('')
  const [isWide, setWide] = useState(false)
  const [state, setState] = useState<SearchState>({ kind: 'idle' })
  const id = useId()
  const containerRef = useRef<HTMLDivElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  // The search button searches at once, without the typing delay.
  const [submits, setSubmits] = useState(0)
  const isSubmittedRef = useRef(false)
  // The first hit of the page just loaded by "show more", which receives focus.
  const focusHitRef = useRef<string | null>(null)

  useEffect(() => {
    const delay = isSubmittedRef.current ? 0 : searchDebounceMs
    isSubmittedRef.current = false
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
        .then(({ hits, isTotalExact, total }) =>
          setState({ hits, isTotalExact, isWide, kind: 'done', more: 'idle', query: trimmed, total }),
        )
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setState({ kind: 'failed', query: trimmed })
          return error
        })
    }, delay)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [client, isWide, procedure, query, submits])

  useEffect(() => {
    const hitId = focusHitRef.current
    if (hitId === null || state.kind !== 'done') return
    focusHitRef.current = null
    const items = containerRef.current?.querySelectorAll<HTMLElement>('[data-hit]') ?? []
    for (const item of items) if (item.dataset.hit === hitId) item.focus()
  }, [state])

  const loadMore = () => {
    if (state.kind !== 'done' || state.more === 'loading') return
    const from = state
    const isSameSearch = (current: SearchState) =>
      current.kind === 'done' && current.query === from.query && current.isWide === from.isWide
    setState({ ...from, more: 'loading' })
    client
      .search(
        { limit: hitLimit, offset: from.hits.length, procedure: from.isWide ? null : procedure, query: from.query },
        new AbortController().signal,
      )
      .then(({ hits, isTotalExact, total }) =>
        setState((current) => {
          if (!isSameSearch(current) || current.kind !== 'done') return current
          const known = new Set(current.hits.map((hit) => String(hit.id)))
          const added = hits.filter((hit) => !known.has(String(hit.id)))
          focusHitRef.current = added[0] ? String(added[0].id) : null
          // An empty page means the index changed meanwhile: the count shown follows what exists.
          const newTotal = added.length === 0 ? current.hits.length : total
          return { ...current, hits: [...current.hits, ...added], isTotalExact, more: 'idle', total: newTotal }
        }),
      )
      .catch(() => setState((current) => (isSameSearch(current) && current.kind === 'done' ? { ...current, more: 'failed' } : current)))
  }

  const searchEverywhere = () => {
    setWide(true)
    inputRef.current?.focus()
  }

  const openHit = (event: { preventDefault: () => void }, href: string) => openHitInWidget(containerRef.current, event, href)

  const isNothingHere = state.kind === 'done' && state.total === 0 && !state.isWide
  const hasMore =
    state.kind === 'done' && state.hits.length > 0 && state.hits.length < state.total && state.hits.length < maxReachableHits
  const announcement =
    state.kind === 'searching'
      ? t.searching
      : state.kind === 'done'
        ? isNothingHere
          ? t.searchNothingHere(state.query)
          : `${state.isTotalExact ? t.searchResults(state.total, state.query) : t.searchResultsMoreThan(state.total, state.query)}${
              state.hits.length > 0 && state.hits.length < state.total ? ` ${t.searchShown(state.hits.length, state.total)}` : ''
            }`
        : state.kind === 'failed'
          ? t.searchFailed
          : ''

  return (
    <div className="ew-search" ref={containerRef}>
      <form
        aria-label={t.searchLabel}
        onSubmit={(event) => {
          event.preventDefault()
          isSubmittedRef.current = true
          setSubmits((count) => count + 1)
        }}
        role="search"
      >
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
            ref={inputRef}
            type="search"
            value={query}
          />
          <button className="ew-button" type="submit">
            {t.searchSubmit}
          </button>
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
        {state.kind === 'done' && isNothingHere && (
          <p>
            <button className="ew-button ew-button--secondary" onClick={searchEverywhere} type="button">
              {t.searchEverywhere(state.query)}
            </button>
          </p>
        )}
        {state.kind === 'done' && state.hits.length > 0 && (
          <ul className="ew-hits">
            {state.hits.map((hit) => (
              <Hit hit={hit} isWide={state.isWide} key={hit.id} onOpenLink={openHit} />
            ))}
          </ul>
        )}
        {hasMore && state.kind === 'done' && (
          <p>
            <button
              aria-disabled={state.more === 'loading' || undefined}
              className="ew-button ew-button--secondary"
              onClick={loadMore}
              type="button"
            >
              {state.more === 'loading' ? t.searching : t.searchMore}
            </button>
          </p>
        )}
        {state.kind === 'done' && state.more === 'failed' && <p className="ew-error">{t.searchFailed}</p>}
      </div>
    </div>
  )
}
