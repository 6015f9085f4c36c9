import { createElement, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'

import { createClient, type EntraideClient } from '../../src/widget/client.ts'
import { WidgetProvider, type WidgetContextValue } from '../../src/widget/context.ts'
import { stringsFor, type Lang } from '../../src/widget/strings.ts'

/** The widget's context on the passport procedure, nobody signed in, in the given language. */
const widgetContext = (lang: Lang, client: EntraideClient): WidgetContextValue => ({
  client,
  headingLevel: 2,
  idPrefix: 'ew',
  lang,
  onSessionLost: () => undefined,
  procedure: 'passeport',
  refresh: () => Promise.resolve(),
  requireSignIn: () => undefined,
  step: null,
  t: stringsFor(lang),
  viewer: null,
})

/** A part of the widget rendered to static markup, as the server renders it, inside that context. */
export const renderInWidget = (
  element: ReactElement,
  { client, lang = 'fr' }: { lang?: Lang; client?: EntraideClient } = {},
): string =>
  renderToStaticMarkup(
    createElement(WidgetProvider, { value: widgetContext(lang, client ?? createClient('', lang)) }, element),
  )
