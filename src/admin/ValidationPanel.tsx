'use client'

import { Button, useFormModified } from '@payloadcms/ui'
import { useEffect, useId, useState, type KeyboardEvent } from 'react'

import { isRecord } from '../utilities/ids.ts'
import { ActionStatus, type ActionOutcome } from './client/ActionStatus.tsx'
import { callEndpoint } from './client/callEndpoint.ts'
import { useApiRoute } from './client/useApiRoute.ts'
import { useRefreshDocument } from './client/useRefreshDocument.ts'
import type { ValidationState } from './queries/itemState.ts'

/** Props of the validation panel, prepared on the server by `ValidationField`. */
export type ValidationPanelProps = {
  state: ValidationState
  /** Dates already written for the reader. */
  validatedAtLabel: string
  adminRoute: string
}

type WikiPageOption = { id: string; title: string; status: string }

const kindLabel = (collection: ValidationState['collection']): string => (collection === 'answers' ? 'answer' : 'tip')

/** Stops Enter in a panel field from submitting the whole document form. */
const onEnter = (action: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
  if (event.key !== 'Enter') return
  event.preventDefault()
  action()
}

/** Searches wiki pages (drafts included) by title for the promote target. */
const useWikiPageSearch = (apiRoute: string, query: string, isEnabled: boolean) => {
  const [options, setOptions] = useState<WikiPageOption[]>([])
  const [isLoading, setIsLoading] = useState(false)
  useEffect(() => {
    if (!isEnabled) return
    let isCurrent = true
    setIsLoading(true)
    const timer = setTimeout(async () => {
      const params = new URLSearchParams({ depth: '0', draft: 'true', limit: '20', sort: '-updatedAt' })
      if (query.trim() !== '') params.set('where[title][like]', query.trim())
      const result = await callEndpoint({ apiRoute, method: 'GET', path: `/wiki-pages?${params.toString()}` })
      if (!isCurrent) return
      setIsLoading(false)
      const docs = result.isOk && Array.isArray(result.body.docs) ? result.body.docs : []
      setOptions(
        docs.filter(isRecord).map((doc) => ({
          id: String(doc.id),
          status: doc._status === 'published' ? 'published' : 'draft',
          title: typeof doc.title === 'string' ? doc.title : String(doc.id),
        })),
      )
    }, 250)
    return () => {
      isCurrent = false
      clearTimeout(timer)
    }
  }, [apiRoute, isEnabled, query])
  return { isLoading, options }
}

/**
 * The validation panel of an answer or a tip: its state (accepted, validated by
 * whom and when, the note, the wiki page it was promoted into) and, for agents
 * of the procedure's agency, editors and admins, the Validate and Promote
 * actions — the same REST endpoints the API offers, with their messages.
 */
export const ValidationPanel = ({ adminRoute, state, validatedAtLabel }: ValidationPanelProps) => {
  const apiRoute = useApiRoute()
  const refresh = useRefreshDocument()
  const isModified = useFormModified()
  const baseId = useId()
  const [note, setNote] = useState('')
  const [target, setTarget] = useState<'new' | 'existing'>('new')
  const [title, setTitle] = useState('')
  const [query, setQuery] = useState('')
  const [pageId, setPageId] = useState('')
  const [isBusy, setIsBusy] = useState(false)
  const [outcome, setOutcome] = useState<ActionOutcome>(null)
  const search = useWikiPageSearch(apiRoute, query, state.access === 'allowed' && target === 'existing')
  const kind = kindLabel(state.collection)
  const isValidated = state.validatedAt !== null
  const canAct = state.access === 'allowed'

  useEffect(() => {
    if (search.options.length > 0 && !search.options.some((option) => option.id === pageId)) {
      setPageId(search.options[0]?.id ?? '')
    }
  }, [pageId, search.options])

  const blockedBy = (reasons: (string | false)[]): string | null => reasons.find((reason) => reason !== false) || null
  const validateBlocked = blockedBy([
    !canAct && 'Only agents of this procedure’s agency, editors and admins validate it.',
    isModified && 'Save your changes first.',
    state.visibility !== 'published' &&
      `This ${kind} is ${state.visibility === 'pending' ? 'awaiting moderation' : 'hidden'}; publish it before validating it.`,
  ])
  const promoteBlocked = blockedBy([
    !canAct && 'Only agents of this procedure’s agency, editors and admins promote it.',
    isModified && 'Save your changes first.',
    !isValidated && `Validate this ${kind} before promoting it.`,
    state.visibility !== 'published' && `This ${kind} is not published, so it cannot be promoted.`,
    target === 'existing' && pageId === '' && 'Choose the wiki page to add it to.',
  ])

  const run = async (path: string, body: Record<string, unknown>, onSuccess: (body: Record<string, unknown>) => ActionOutcome) => {
    setIsBusy(true)
    setOutcome(null)
    const result = await callEndpoint({ apiRoute, body, path })
    if (result.isOk) {
      setOutcome(onSuccess(result.body))
      await refresh()
    } else {
      setOutcome({ kind: 'error', message: result.message })
    }
    setIsBusy(false)
  }

  const validate = () => {
    if (validateBlocked || isBusy) return
    void run(
      `/${state.collection}/${encodeURIComponent(state.id)}/validate`,
      state.collection === 'answers' && note.trim() !== '' ? { note: note.trim() } : {},
      () => ({ kind: 'success', message: `The ${kind} is validated.` }),
    )
  }

  const promote = () => {
    if (promoteBlocked || isBusy) return
    const body: Record<string, unknown> =
      target === 'existing' ? { wikiPage: pageId } : title.trim() === '' ? {} : { title: title.trim() }
    void run(`/${state.collection}/${encodeURIComponent(state.id)}/promote`, body, (response) => {
      const page = isRecord(response.wikiPage) ? response.wikiPage : {}
      const pageTitle = typeof page.title === 'string' ? page.title : 'the wiki page'
      return {
        kind: 'success',
        link: { href: `${adminRoute}/collections/wiki-pages/${encodeURIComponent(String(page.id))}`, label: `Open “${pageTitle}”` },
        message:
          target === 'existing'
            ? `Added to the draft of “${pageTitle}”. An editor publishes it.`
            : `Promoted into the wiki draft “${pageTitle}”. An editor publishes it.`,
      }
    })
  }

  return (
    <section aria-labelledby={`${baseId}-title`} className="entraide-panel entraide-validation">
      <h3 className="entraide-panel__title" id={`${baseId}-title`}>
        Validation
      </h3>
      <dl className="entraide-facts">
        {state.isAccepted !== null ? (
          <>
            <dt>Accepted by the asker</dt>
            <dd>{state.isAccepted ? 'Yes' : 'No'}</dd>
          </>
        ) : null}
        <dt>Validated</dt>
        <dd data-testid="entraide-validated">
          {isValidated ? `By ${state.validatedBy ?? 'an agent'}, ${validatedAtLabel}` : 'Not yet'}
        </dd>
        {state.note ? (
          <>
            <dt>Agent’s note</dt>
            <dd>{state.note}</dd>
          </>
        ) : null}
        <dt>Promoted to</dt>
        <dd data-testid="entraide-promoted">
          {state.promotedTo ? (
            <>
              <a href={`${adminRoute}/collections/wiki-pages/${encodeURIComponent(state.promotedTo.id)}`}>
                {state.promotedTo.title}
              </a>{' '}
              ({state.promotedTo.status === 'published' ? 'published' : 'draft'})
            </>
          ) : (
            'Not promoted'
          )}
        </dd>
      </dl>

      {state.access === 'none' ? null : (
        <>
          {state.access === 'other-agency' ? (
            <p className="entraide-hint">
              This procedure belongs to another agency: only its agents, editors and admins validate and promote it.
            </p>
          ) : null}

          {isValidated ? null : (
            <div className="entraide-panel__group">
              {state.collection === 'answers' ? (
                <>
                  <label className="entraide-label" htmlFor={`${baseId}-note`}>
                    Note for the validation (optional)
                  </label>
                  <textarea
                    className="entraide-input"
                    disabled={!canAct || isBusy}
                    id={`${baseId}-note`}
                    maxLength={1000}
                    onChange={(event) => setNote(event.target.value)}
                    rows={2}
                    value={note}
                  />
                </>
              ) : null}
              <Button
                buttonStyle="primary"
                disabled={validateBlocked !== null || isBusy}
                extraButtonProps={{ 'aria-describedby': validateBlocked ? `${baseId}-validate-why` : undefined }}
                margin={false}
                onClick={validate}
                size="small"
                type="button"
              >
                Validate
              </Button>
              {validateBlocked ? (
                <p className="entraide-hint" id={`${baseId}-validate-why`}>
                  {validateBlocked}
                </p>
              ) : null}
            </div>
          )}

          {state.promotedTo ? null : (
            <fieldset className="entraide-panel__group entraide-fieldset" disabled={!canAct || isBusy}>
              <legend className="entraide-label">Promote into the wiki</legend>
              <label className="entraide-choice">
                <input checked={target === 'new'} name={`${baseId}-target`} onChange={() => setTarget('new')} type="radio" />
                A new page
              </label>
              {target === 'new' ? (
                <>
                  <label className="entraide-label" htmlFor={`${baseId}-page-title`}>
                    Page title (optional)
                  </label>
                  <input
                    className="entraide-input"
                    id={`${baseId}-page-title`}
                    maxLength={200}
                    onChange={(event) => setTitle(event.target.value)}
                    onKeyDown={onEnter(promote)}
                    placeholder={state.suggestedTitle}
                    type="text"
                    value={title}
                  />
                </>
              ) : null}
              <label className="entraide-choice">
                <input
                  checked={target === 'existing'}
                  name={`${baseId}-target`}
                  onChange={() => setTarget('existing')}
                  type="radio"
                />
                An existing page
              </label>
              {target === 'existing' ? (
                <>
                  <label className="entraide-label" htmlFor={`${baseId}-page-search`}>
                    Find a wiki page
                  </label>
                  <input
                    className="entraide-input"
                    id={`${baseId}-page-search`}
                    onChange={(event) => setQuery(event.target.value)}
                    onKeyDown={onEnter(() => undefined)}
                    placeholder="Type part of the title"
                    type="search"
                    value={query}
                  />
                  <label className="entraide-label" htmlFor={`${baseId}-page`}>
                    Wiki page
                  </label>
                  <select
                    className="entraide-input"
                    id={`${baseId}-page`}
                    onChange={(event) => setPageId(event.target.value)}
                    value={pageId}
                  >
                    {search.options.length === 0 ? (
                      <option value="">{search.isLoading ? 'Searching…' : 'No page found'}</option>
                    ) : null}
                    {search.options.map((option) => (
                      <option key={option.id} value={option.id}>
                        {option.title} ({option.status})
                      </option>
                    ))}
                  </select>
                </>
              ) : null}
              <Button
                buttonStyle="secondary"
                disabled={promoteBlocked !== null || isBusy}
                extraButtonProps={{ 'aria-describedby': promoteBlocked ? `${baseId}-promote-why` : undefined }}
                margin={false}
                onClick={promote}
                size="small"
                type="button"
              >
                Promote
              </Button>
              {promoteBlocked ? (
                <p className="entraide-hint" id={`${baseId}-promote-why`}>
                  {promoteBlocked}
                </p>
              ) : null}
            </fieldset>
          )}
        </>
      )}
      <ActionStatus outcome={outcome} />
    </section>
  )
}
