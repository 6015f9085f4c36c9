import { createContext, useContext } from 'react'

import type { EntraideClient } from './client.ts'
import type { Lang, Strings } from './strings.ts'
import type { PublicPerson } from './types.ts'

/** What every part of the widget needs: words, API, the signed-in person and how to refresh. */
export type WidgetContextValue = {
  lang: Lang
  t: Strings
  client: EntraideClient
  procedure: string
  step: number | null
  viewer: PublicPerson | null
  /** Level of the widget's own title; sections and items are one and two levels below. */
  headingLevel: number
  /** Reloads the page data after a change, keeping what is on screen meanwhile. */
  refresh: () => Promise<void>
  /**
   * Runs `then` at once when someone is signed in; otherwise opens the sign-in
   * dialog and runs it after a successful sign-in. Focus returns to `opener`
   * when the dialog is closed without signing in.
   */
  requireSignIn: (opener: HTMLElement | null, then: () => void) => void
  /** The API no longer knows the session (it expired): show the person as signed out. */
  onSessionLost: () => void
  /** Unique prefix for element ids, so that several widgets can share a page. */
  idPrefix: string
}

const WidgetContext = createContext<WidgetContextValue | null>(null)

/** Provides the widget context to its parts. */
export const WidgetProvider = WidgetContext.Provider

/** The widget context; only parts rendered inside `EntraideWidget` use it. */
export const useWidget = (): WidgetContextValue => {
  const value = useContext(WidgetContext)
  if (!value) throw new Error('Entraide widget parts must be rendered inside <EntraideWidget>.')
  return value
}
