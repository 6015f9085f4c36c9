'use client'

import { Component, useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react'

import { revealAnchor } from './anchors.ts'
import { AuthDialog } from './authDialog.tsx'
import { ApiError, createClient } from './client.ts'
import { WidgetProvider, type WidgetContextValue } from './context.ts'
import { NotificationBell } from './notifications.tsx'
import { QuestionsSection } from './questions.tsx'
import { SearchBox } from './search.tsx'
import { GuideSection, OfficialSection, TipsSection } from './sections.tsx'
import { stringsFor, type Lang } from './strings.ts'
import { rootClass, widgetCss } from './styles.ts'
import type { ProcedurePageData, PublicPerson } from './types.ts'
import { Heading, messageOf } from './ui.tsx'

/** Properties of the Entraide widget. */
export type EntraideWidgetProps = {
  /** Slug of the procedure the widget is attached to, e.g. `passeport`. */
  procedure: string
  /** Index (from 0) of the procedure step to narrow tips and questions to. */
  step?: number | null
  /** Language of the widget. @default 'fr' */
  lang?: Lang
  /** Base URL of the Entraide app (where `/api` and `/admin` live). @default '' (same origin) */
  apiUrl?: string
  /** Level of the widget's title; its sections are one level below. @default 2 */
  headingLevel?: 2 | 3 | 4
  /** Whether the widget adds its own `<style>`; turn off when the host ships `widgetCss` itself. @default true */
  hasStyles?: boolean
}

type LoadState = { kind: 'loading' } | { kind: 'ready'; data: ProcedurePageData } | { kind: 'failed'; error: unknown }

type PendingSignIn = { opener: HTMLElement | null; then: () => void }

/**
 * After the coming render, returns focus to `element` (the control that
 * opened the sign-in dialog), or to `fallback` when that render removed it,
 * unless something else took focus meanwhile (a form that opened).
 */
const focusLater = (element: HTMLElement | null, fallback?: { current: HTMLElement | null }) =>
  setTimeout(() => {
    const target = element?.isConnected ? element : fallback?.current
    if (!target) return
    const root = target.getRootNode()
    const active = root instanceof ShadowRoot || root instanceof Document ? root.activeElement : null
    const isLost = !active || active === element || active.tagName === 'BODY' || active.closest('dialog') !== null
    if (isLost) target.focus()
  }, 0)

const WidgetRoot = ({ apiUrl = '', headingLevel = 2, lang = 'fr', procedure, step = null }: EntraideWidgetProps) => {
  const t = stringsFor(lang)
  const client = useMemo(() => createClient(apiUrl, lang), [apiUrl, lang])
  const [load, setLoad] = useState<LoadState>({ kind: 'loading' })
  const [viewer, setViewer] = useState<PublicPerson | null>(null)
  // Each opening is a new request, so a close and a reopen in one batch of updates still reopen.
  const [dialog, setDialog] = useState<{ mode: 'closed' | 'sign-in' | 'sign-up'; request: number }>({
    mode: 'closed',
    request: 0,
  })
  const showDialog = (mode: 'sign-in' | 'sign-up') => setDialog((current) => ({ mode, request: current.request + 1 }))
  const hideDialog = () => setDialog((current) => ({ ...current, mode: 'closed' }))
  const pendingRef = useRef<PendingSignIn | null>(null)
  const rootRef = useRef<HTMLElement>(null)
  // Where focus lands when the button that opened the dialog is gone (the sign-in buttons are, once signed in).
  const accountRef = useRef<HTMLButtonElement>(null)
  const signInRef = useRef<HTMLButtonElement>(null)
  const hasScrolledRef = useRef(false)
  const idPrefix = useId()
  const titleId = `${idPrefix}-title`
  const normalizedStep = typeof step === 'number' && Number.isInteger(step) && step >= 0 ? step : null

  const refresh = useCallback(async () => {
    try {
      const data = await client.loadPage({ procedure, step: normalizedStep })
      setLoad({ data, kind: 'ready' })
      setViewer(data.viewer)
    } catch (error) {
      // A failed refresh keeps what is on screen; only a first load shows the error.
      setLoad((current) => (current.kind === 'ready' ? current : { error, kind: 'failed' }))
    }
  }, [client, normalizedStep, procedure])

  useEffect(() => {
    setLoad({ kind: 'loading' })
    void refresh()
  }, [refresh])

  // Links to `#entraide-thread-…` (provenance, search results, other pages) name items
  // the browser cannot find inside a shadow root: resolve them once the data is
  // shown, and whenever the fragment changes.
  useEffect(() => {
    if (load.kind !== 'ready' || hasScrolledRef.current || typeof window === 'undefined') return
    hasScrolledRef.current = true
    revealAnchor(rootRef.current, window.location.hash)
  }, [load])
  useEffect(() => {
    const onHashChange = () => revealAnchor(rootRef.current, window.location.hash)
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [])

  const requireSignIn = useCallback(
    (opener: HTMLElement | null, then: () => void) => {
      if (viewer) {
        then()
        return
      }
      pendingRef.current = { opener, then }
      showDialog('sign-in')
    },
    [viewer],
  )

  const openDialog = (mode: 'sign-in' | 'sign-up', opener: HTMLElement) => {
    pendingRef.current = { opener, then: () => undefined }
    showDialog(mode)
  }

  const closeDialog = useCallback(() => {
    const pending = pendingRef.current
    pendingRef.current = null
    hideDialog()
    if (pending) focusLater(pending.opener, accountRef)
  }, [])

  const onSignedIn = (person: PublicPerson) => {
    const pending = pendingRef.current
    pendingRef.current = null
    setViewer(person)
    hideDialog()
    if (pending) {
      focusLater(pending.opener, accountRef)
      pending.then()
    }
    void refresh()
  }

  const onSessionLost = useCallback(() => setViewer(null), [])

  const signOut = async () => {
    await client.signOut()
    setViewer(null)
    focusLater(null, signInRef)
    await refresh()
  }

  const context: WidgetContextValue = {
    client,
    headingLevel,
    idPrefix,
    lang,
    onSessionLost,
    procedure,
    refresh,
    requireSignIn,
    step: normalizedStep,
    t,
    viewer,
  }

  const data = load.kind === 'ready' ? load.data : null
  const stepTitle = data && normalizedStep !== null ? (data.procedure.steps[normalizedStep]?.title ?? null) : null
  const isNotFound = load.kind === 'failed' && load.error instanceof ApiError && load.error.status === 404

  return (
    <WidgetProvider value={context}>
      <section aria-labelledby={titleId} ref={rootRef}>
        <Heading id={titleId} level={headingLevel}>
          {t.widgetTitle}
        </Heading>
        <p className="ew-intro">{t.widgetIntro}</p>
        {normalizedStep !== null && <p className="ew-intro">{t.stepScope(normalizedStep, stepTitle)}</p>}
        <div className="ew-account">
          {viewer ? (
            <>
              <span>{t.signedInAs(viewer.displayName)}</span>
              <button
                className="ew-button ew-button--tertiary"
                onClick={() => void signOut()}
                ref={accountRef}
                type="button"
              >
                {t.signOut}
              </button>
              <NotificationBell key={String(viewer.id)} recipient={viewer.id} />
            </>
          ) : (
            <>
              <span className="ew-meta">{t.signInToContribute}</span>
              <button
                className="ew-button ew-button--tertiary"
                onClick={(event) => openDialog('sign-in', event.currentTarget)}
                ref={signInRef}
                type="button"
              >
                {t.signIn}
              </button>
              <button
                className="ew-button ew-button--tertiary"
                onClick={(event) => openDialog('sign-up', event.currentTarget)}
                type="button"
              >
                {t.signUp}
              </button>
            </>
          )}
        </div>
        <SearchBox />
        {load.kind === 'loading' && (
          <p className="ew-meta" role="status">
            {t.loading}
          </p>
        )}
        {load.kind === 'failed' && (
          <div className="ew-notice ew-notice--error" role="alert">
            <p>{isNotFound ? t.notFound : t.unavailable}</p>
            {!isNotFound && (
              <>
                <p className="ew-meta">{messageOf(load.error, t)}</p>
                <button
                  className="ew-button ew-button--secondary"
                  onClick={() => {
                    setLoad({ kind: 'loading' })
                    void refresh()
                  }}
                  type="button"
                >
                  {t.retry}
                </button>
              </>
            )}
          </div>
        )}
        {data && (
          <>
            <OfficialSection pages={data.officialPages} />
            <GuideSection guide={data.guide} />
            <TipsSection procedureId={data.procedure.id} tips={data.tips} />
            <QuestionsSection procedureId={data.procedure.id} threads={data.threads} />
          </>
        )}
        <AuthDialog
          initialMode={dialog.mode === 'sign-up' ? 'sign-up' : 'sign-in'}
          isOpen={dialog.mode !== 'closed'}
          openRequest={dialog.request}
          onClose={closeDialog}
          onSignedIn={onSignedIn}
        />
      </section>
    </WidgetProvider>
  )
}

type BoundaryProps = { lang: Lang; children: ReactNode }

/** Keeps a rendering failure inside the widget: the host page stays usable. */
class WidgetBoundary extends Component<BoundaryProps, { hasFailed: boolean }> {
  state = { hasFailed: false }

  static getDerivedStateFromError() {
    return { hasFailed: true }
  }

  render() {
    if (!this.state.hasFailed) return this.props.children
    return (
      <div className="ew-notice ew-notice--error" role="alert">
        <p>{stringsFor(this.props.lang).unavailable}</p>
      </div>
    )
  }
}

/**
 * The Entraide widget for a host procedure page: the official answer, the
 * simplified guide, the best tips and the questions of one procedure, with
 * search, sign-in and contributions in place. French by default.
 *
 * @example
 * <EntraideWidget procedure="passeport" step={1} lang="fr" apiUrl="https://entraide.example.gouv.fr" />
 */
export const EntraideWidget = (props: EntraideWidgetProps) => {
  const lang = props.lang === 'en' ? 'en' : 'fr'
  return (
    <div className={rootClass} lang={lang}>
      {props.hasStyles !== false && <style>{widgetCss}</style>}
      <WidgetBoundary lang={lang}>
        <WidgetRoot {...props} lang={lang} />
      </WidgetBoundary>
    </div>
  )
}
