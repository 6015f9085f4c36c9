// Entry of the standalone bundle `public/entraide-widget.js`: one script tag
// on any host page mounts the widget on every
// `<div data-entraide-procedure="…" data-entraide-step="…" data-entraide-lang="…" data-entraide-api="…">`.
// Built with react aliased to preact/compat (see scripts/buildWidget.ts).
import { createRoot } from 'react-dom/client'

import { EntraideWidget } from './EntraideWidget.tsx'
import { isLang } from './strings.ts'

const selector = '[data-entraide-procedure]'

// Captured while the script runs: afterwards `currentScript` is null. The API
// defaults to the origin that served the script, so one tag is enough.
const scriptOrigin = (() => {
  const script = document.currentScript
  if (!(script instanceof HTMLScriptElement) || !script.src) return ''
  try {
    return new URL(script.src, window.location.href).origin
  } catch {
    return ''
  }
})()

const mounted = new WeakSet<Element>()

const stepOf = (value: string | undefined): number | null =>
  value !== undefined && /^\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : null

/**
 * Mounts the widget on one host element, inside a shadow root so that the
 * host's CSS and the widget's do not meet. Mounting twice does nothing.
 */
export const mountEntraideWidget = (element: HTMLElement): void => {
  const procedure = element.dataset.entraideProcedure?.trim()
  if (!procedure || mounted.has(element)) return
  mounted.add(element)
  const lang = isLang(element.dataset.entraideLang) ? element.dataset.entraideLang : 'fr'
  const apiUrl = element.dataset.entraideApi?.trim() || scriptOrigin
  let container: HTMLElement = element
  try {
    const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' })
    container = document.createElement('div')
    shadow.appendChild(container)
  } catch {
    // The element cannot host a shadow root: render in place, the styles are scoped by class anyway.
    element.replaceChildren()
  }
  createRoot(container).render(
    <EntraideWidget apiUrl={apiUrl} lang={lang} procedure={procedure} step={stepOf(element.dataset.entraideStep)} />,
  )
}

/** Mounts the widget on every host element of the document not mounted yet. */
export const mountAllEntraideWidgets = (root: ParentNode = document): void => {
  root.querySelectorAll<HTMLElement>(selector).forEach(mountEntraideWidget)
}

const start = () => {
  mountAllEntraideWidgets()
  // Single-page hosts add procedure pages after the script ran.
  new MutationObserver((records) => {
    for (const record of records) {
      record.addedNodes.forEach((node) => {
        if (!(node instanceof HTMLElement)) return
        if (node.matches(selector)) mountEntraideWidget(node)
        else mountAllEntraideWidgets(node)
      })
    }
  }).observe(document.body, { childList: true, subtree: true })
}

// Augmenting the global Window can only be done with an interface.
declare global {
  interface Window {
    /** Lets hosts mount widgets they add themselves. */
    EntraideWidget?: { mount: (element: HTMLElement) => void; mountAll: (root?: ParentNode) => void }
  }
}

window.EntraideWidget = { mount: mountEntraideWidget, mountAll: mountAllEntraideWidgets }
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true })
else start()
