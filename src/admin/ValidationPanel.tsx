'use client'

import { Button, useFormModified } from '@payloadcms/ui'
import { useEffect, useId, useState, type KeyboardEvent } from 'react'

import type { EntraideTranslationKey } from '../translations/i18n.ts'
import { isRecord } from '../utilities/ids.ts'
import { ActionStatus, type ActionOutcome } from './client/ActionStatus.tsx'
import { useEndpoint } from './client/useEndpoint.ts'
import { useEntraideTranslation } from './client/useEntraideTranslation.ts'
import { useRefreshDocument } from './client/useRefreshDocument.ts'
import type { ValidationState } from './queries/itemState.ts'

/** Props of the validation panel, prepared on the server by `ValidationField`. */
export type ValidationPanelProps = {
  state: ValidationState
  /** Dates already written for the reader. */
  validatedAtLabel: string
  adminRoute: string
}

type WikiPageOption = { id: string; title: string; isPublished: boolean }

/** What the panel says of an answer or of a tip, where the wording depends on which it is. */
const wordings: Record<
  ValidationState['collection'],
  Record<'validated' | 'pending' | 'hidden' | 'validateFirst' | 'notPublished', EntraideTranslationKey>
> = {
  answers: {
    hidden: 'entraide:answerHiddenValidate',
    notPublished: 'entraide:answerNotPublished',
    pending: 'entraide:answerPendingValidate',
    validateFirst: 'entraide:validateAnswerFirst',
    validated: 'entraide:answerValidated',
  },
  tips: {
    hidden: 'entraide:tipHiddenValidate',
    notPublished: 'entraide:tipNotPublished',
    pending: 'entraide:tipPendingValidate',
    validateFirst: 'entraide:validateTipFirst',
    validated: 'entraide:tipValidated',
  },
}

/** Stops Enter in a panel field from submitting the whole document form. */
const onEnter = (action: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
  if (event.key !== 'Enter') return
  event.preventDefault()
  action()
}

/** Searches wiki pages (drafts included) by title for the promote target. */
const useWikiPageSearch = (
  call: ReturnType<typeof useEndpoint>,
  query: string,
  isEnabled: boolean,
  scope: readonly string[] | null,
) => {
  const [options, setOptions] = useState<WikiPageOption[]>([])
  const [isLoading, setIsLoading] = useState(false)
  useEffect(() => {
    if (!isEnabled || scope?.length === 0) return
    let isCurrent = true
    setIsLoading(true)
    const timer = setTimeout(async () => {
      const params = new URLSearchParams({ depth: '0', draft: 'true', limit: '20', sort: '-updatedAt' })
      if (query.trim() !== '') params.set('where[and][0][title][like]', query.trim())
      // Only the pages the person may promote into: those of their agency's procedures.
      scope?.forEach((procedure, index) => params.set(`where[and][1][procedure][in][${index}]`, procedure))
      const result = await call({ method: 'GET', path: `/wiki-pages?${params.toString()}` })
      if (!isCurrent) return
      setIsLoading(false)
      const docs = result.isOk && Array.isArray(result.body.docs) ? result.body.docs : []
      setOptions(
        docs.filter(isRecord).map((doc) => ({
          id: String(doc.id),
          isPublished: doc._status === 'published',
          title: typeof doc.title === 'string' ? doc.title : String(doc.id),
        })),
      )
    }, 250)
    return () => {
      isCurrent = false
      clearTimeout(timer)
    }
  }, [call, isEnabled, query, scope])
  return { isLoading, options }
}

/**
 * The validation panel of an answer or a tip: its state (accepted, validated by
 * whom and when, the note, the wiki page it was promoted into) and, for agents
 * of the procedure's agency, editors and admins, the Validate and Promote
 * actions — the same REST endpoints the API offers, with their messages.
 */
export const ValidationPanel = ({ adminRoute, state, validatedAtLabel }: ValidationPanelProps) => {
  const call = useEndpoint()
  const { t } = useEntraideTranslation()
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
  // The page just promoted into, shown at once: the server-rendered state follows only once the document reloads.
  const [promotedNow, setPromotedNow] = useState<ValidationState['promotedTo']>(null)
  const promotedTo = state.promotedTo ?? promotedNow
  const search = useWikiPageSearch(call, query, state.access === 'allowed' && target === 'existing', state.promotionScope)
  const wording = wordings[state.collection]
  const isValidated = state.validatedAt !== null
  const canAct = state.access === 'allowed'

  useEffect(() => {
    if (search.options.length > 0 && !search.options.some((option) => option.id === pageId)) {
      setPageId(search.options[0]?.id ?? '')
    }
  }, [pageId, search.options])

  const blockedBy = (reasons: (string | false)[]): string | null => reasons.find((reason) => reason !== false) || null
  const validateBlocked = blockedBy([
    !canAct && t('entraide:onlyAgentsValidate'),
    isModified && t('entraide:saveFirst'),
    state.visibility !== 'published' && t(state.visibility === 'pending' ? wording.pending : wording.hidden),
  ])
  const promoteBlocked = blockedBy([
    !canAct && t('entraide:onlyAgentsPromote'),
    isModified && t('entraide:saveFirst'),
    !isValidated && t(wording.validateFirst),
    state.visibility !== 'published' && t(wording.notPublished),
    target === 'existing' && pageId === '' && t('entraide:chooseWikiPage'),
  ])

  const run = async (path: string, body: Record<string, unknown>, onSuccess: (body: Record<string, unknown>) => ActionOutcome) => {
    setIsBusy(true)
    setOutcome(null)
    const result = await call({ body, path })
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
      () => ({ kind: 'success', message: t(wording.validated) }),
    )
  }

  const promote = () => {
    if (promoteBlocked || isBusy) return
    const body: Record<string, unknown> =
      target === 'existing' ? { wikiPage: pageId } : title.trim() === '' ? {} : { title: title.trim() }
    void run(`/${state.collection}/${encodeURIComponent(state.id)}/promote`, body, (response) => {
      const page = isRecord(response.wikiPage) ? response.wikiPage : {}
      const pageTitle = typeof page.title === 'string' ? page.title : t('entraide:theWikiPage')
      if (typeof page.id === 'string' || typeof page.id === 'number') {
        setPromotedNow({ id: page.id, status: page._status === 'published' ? 'published' : 'draft', title: pageTitle })
      }
      return {
        kind: 'success',
        link: { href: `${adminRoute}/collections/wiki-pages/${encodeURIComponent(String(page.id))}`, label: t('entraide:openPage', { title: pageTitle }) },
        message:
          target === 'existing'
            ? t('entraide:addedToDraft', { title: pageTitle })
            : t('entraide:promotedIntoDraft', { title: pageTitle }),
      }
    })
  }

  return (
    <section aria-labelledby={`${baseId}-title`} className="entraide-panel entraide-validation">
      <h3 className="entraide-panel__title" id={`${baseId}-title`}>
        {t('entraide:validationTitle')}
      </h3>
      <dl className="entraide-facts">
        {state.isAccepted !== null ? (
          <>
            <dt>{t('entraide:acceptedByAsker')}</dt>
            <dd>{state.isAccepted ? t('entraide:yes') : t('entraide:no')}</dd>
          </>
        ) : null}
        <dt>{t('entraide:validated')}</dt>
        <dd data-testid="entraide-validated">
          {isValidated
            ? t('entraide:byOn', { date: validatedAtLabel, name: state.validatedBy ?? t('entraide:anAgent') })
            : t('entraide:notYet')}
        </dd>
        {state.note ? (
          <>
            <dt>{t('entraide:agentNote')}</dt>
            <dd>{state.note}</dd>
          </>
        ) : null}
        <dt>{t('entraide:promotedTo')}</dt>
        <dd data-testid="entraide-promoted">
          {promotedTo ? (
            <>
              <a href={`${adminRoute}/collections/wiki-pages/${encodeURIComponent(String(promotedTo.id))}`}>
                {promotedTo.title}
              </a>{' '}
              ({promotedTo.status === 'published' ? t('entraide:statusPublished') : t('entraide:statusDraft')})
            </>
          ) : (
            t('entraide:notPromoted')
          )}
        </dd>
      </dl>

      {state.access === 'none' ? null : (
        <>
          {state.access === 'other-agency' ? (
            <p className="entraide-hint">{t('entraide:otherAgencyValidation')}</p>
          ) : null}

          {isValidated ? null : (
            <div className="entraide-panel__group">
              {state.collection === 'answers' ? (
                <>
                  <label className="entraide-label" htmlFor={`${baseId}-note`}>
                    {t('entraide:validationNote')}
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
                {t('entraide:validate')}
              </Button>
              {validateBlocked ? (
                <p className="entraide-hint" id={`${baseId}-validate-why`}>
                  {validateBlocked}
                </p>
              ) : null}
            </div>
          )}

          {promotedTo ? null : (
            <fieldset className="entraide-panel__group entraide-fieldset" disabled={!canAct || isBusy}>
              <legend className="entraide-label">{t('entraide:promoteLegend')}</legend>
              <label className="entraide-choice">
                <input checked={target === 'new'} name={`${baseId}-target`} onChange={() => setTarget('new')} type="radio" />
                {t('entraide:newPage')}
              </label>
              {target === 'new' ? (
                <>
                  <label className="entraide-label" htmlFor={`${baseId}-page-title`}>
                    {t('entraide:pageTitleOptional')}
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
                {t('entraide:existingPage')}
              </label>
              {target === 'existing' ? (
                <>
                  <label className="entraide-label" htmlFor={`${baseId}-page-search`}>
                    {t('entraide:findWikiPage')}
                  </label>
                  <input
                    className="entraide-input"
                    id={`${baseId}-page-search`}
                    onChange={(event) => setQuery(event.target.value)}
                    onKeyDown={onEnter(() => undefined)}
                    placeholder={t('entraide:typeTitlePart')}
                    type="search"
                    value={query}
                  />
                  <label className="entraide-label" htmlFor={`${baseId}-page`}>
                    {t('entraide:wikiPage')}
                  </label>
                  <select
                    className="entraide-input"
                    id={`${baseId}-page`}
                    onChange={(event) => setPageId(event.target.value)}
                    value={pageId}
                  >
                    {search.options.length === 0 ? (
                      <option value="">{search.isLoading ? t('entraide:searching') : t('entraide:noPageFound')}</option>
                    ) : null}
                    {search.options.map((option) => (
                      <option key={option.id} value={option.id}>
                        {option.title} ({option.isPublished ? t('entraide:statusPublished') : t('entraide:statusDraft')})
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
                {t('entraide:promote')}
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
