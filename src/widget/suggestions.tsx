import { useEffect, useId, useRef, useState, type RefObject } from 'react'

import { useWidget } from './context.ts'
import { safeHref } from './richText.tsx'
import { openHitInWidget } from './search.tsx'
import type { SearchHit } from './types.ts'

/** Wait after the last keystroke in the title before looking for similar questions. */
export const suggestionDebounceMs = 400

/** Most suggestions shown: a few good ones, not a second search page. */
export const maxSuggestions = 4

/** What may already answer a question: questions (with their accepted and validated answers) and official pages. */
const suggestedTypes = ['thread', 'wiki'] as const

/** Whether a title says enough to look for questions like it: three words, or 12 characters. */
export const isTitleWorthSuggesting = (title: string): boolean => {
  const trimmed = title.trim()
  return trimmed.length >= 12 || trimmed.split(/\s+/).filter(Boolean).length >= 3
}

const isFocused = (element: Element | null): boolean => {
  const root = element?.getRootNode()
  return (root instanceof ShadowRoot || root instanceof Document) && root.activeElement === element
}

/**
 * Under the title of a question being typed, the existing questions and
 * official answers of the procedure that may already answer it. Looked up
 * once the person pauses (stale lookups cancelled, and not recorded as
 * searches); the list changes only while the title field has focus, so a
 * late answer never moves the form under a pointer on its way to the send
 * button; a polite status says how many there are when the list changes,
 * not at each keystroke. Choosing one tells the API (a "found" signal) and
 * opens it as search results do.
 */
export const QuestionSuggestions = ({ title, titleRef }: { title: string; titleRef: RefObject<Element | null> }) => {
  const { client, procedure, t } = useWidget()
  const [hits, setHits] = useState<SearchHit[]>([])
  const [announcement, setAnnouncement] = useState('')
  const shownKey = useRef('')
  const containerRef = useRef<HTMLDivElement>(null)
  const titleId = useId()

  useEffect(() => {
    const show = (next: SearchHit[]) => {
      const key = next.map((hit) => hit.id).join(' ')
      if (key === shownKey.current) return
      shownKey.current = key
      setHits(next)
      setAnnouncement(next.length > 0 ? t.suggestionsFound(next.length) : '')
    }
    const query = title.trim()
    if (!isTitleWorthSuggesting(query)) {
      show([])
      return
    }
    const controller = new AbortController()
    const timer = setTimeout(() => {
      client
        .search({ isSuggestion: true, limit: maxSuggestions, procedure, query, types: suggestedTypes }, controller.signal)
        .then(({ hits: found }) => {
          if (!controller.signal.aborted && isFocused(titleRef.current)) show(found.slice(0, maxSuggestions))
        })
        // A help, not a step: when the lookup fails, nothing is shown and the person asks as usual.
        .catch(() => undefined)
    }, suggestionDebounceMs)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [client, procedure, t, title, titleRef])

  const choose = (event: { preventDefault: () => void }, hit: SearchHit, href: string) => {
    // Sent even when the link leaves the page; a lost signal costs a figure, never the person's way.
    void client
      .post('/entraide/suggestions/found', { document: String(hit.id), title: title.trim() }, { keepalive: true })
      .catch(() => undefined)
    openHitInWidget(containerRef.current, event, href)
  }

  return (
    <>
      <p aria-live="polite" className="ew-sr-only" role="status">
        {announcement}
      </p>
      {hits.length > 0 && (
        <div aria-labelledby={titleId} className="ew-suggestions" ref={containerRef} role="region">
          <p className="ew-suggestions-title" id={titleId}>
            {t.suggestionsTitle}
          </p>
          <p className="ew-hint">{t.suggestionsHint}</p>
          <ul>
            {hits.map((hit) => {
              const link = safeHref(hit.url)
              const kind = t.hitTypes[hit.type]
              return (
                <li data-suggestion={hit.id} key={hit.id}>
                  {kind && <span className="ew-badge">{kind}</span>}{' '}
                  {hit.isValidated && <span className="ew-badge ew-badge--validated">{t.validatedBadge}</span>}{' '}
                  {link ? (
                    <a href={link.href} onClick={(event) => choose(event, hit, link.href)}>
                      {hit.title}
                    </a>
                  ) : (
                    hit.title
                  )}
                </li>
              )
            })}
          </ul>
        </div>
      )}
    </>
  )
}
