'use client'

import Script from 'next/script'
import { useEffect, useRef, useState, type ReactNode } from 'react'

// The script loads once per visit; a failure must still show on the next procedure page.
let hasScriptFailed = false

/** Whether a click on this link leads to the help of the page as it is now (a link the router will not follow). */
const isLinkToCurrentHelp = (target: EventTarget | null): boolean => {
  const link = target instanceof Element ? target.closest('a') : null
  return (
    link !== null &&
    link.hash === '#entraide' &&
    link.origin === window.location.origin &&
    link.pathname === window.location.pathname &&
    link.search === window.location.search
  )
}

/**
 * The widget as any administration embeds it: one element with
 * `data-entraide-*` attributes, and the script tag. Until the script mounts
 * the widget (in a shadow root, which hides this element's own content), the
 * element says what is happening; if the script is missing, it says so.
 *
 * A step's link (`?etape=2#entraide`) changes the step without loading a new
 * page: the element is made anew for the script to mount the widget on that
 * step, focus moves to the help region (named after the step), and a status
 * message says which step the help now covers, since nothing else tells a
 * screen-reader user the content changed.
 */
export const WidgetEmbed = ({
  children,
  label,
  procedure,
  scriptSrc,
  step,
}: {
  /** The region's name, read when focus lands on it. */
  label: string
  procedure: string
  /** The widget bundle's address (its content-hashed name when built; see widgetAsset.ts). */
  scriptSrc: string
  step: number | null
  /** What the host says before the widget, inside the same region (which step it is about). */
  children?: ReactNode
}) => {
  const [isMissing, setMissing] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const targetRef = useRef<HTMLDivElement>(null)
  const shownRef = useRef<string | null>(null)
  useEffect(() => {
    if (hasScriptFailed) setMissing(true)
  }, [])
  // Focus moves to the help unless the reader is already in it (a Tab pressed
  // before this ran must not be undone).
  const focusHelp = () => {
    const region = targetRef.current
    const active = document.activeElement
    if (!region || (active !== region && active !== null && region.contains(active))) return
    region.focus()
  }
  useEffect(() => {
    const shown = `${procedure}-${step ?? 'all'}`
    const isChange = shownRef.current !== null && shownRef.current !== shown
    shownRef.current = shown
    // Focus follows the reader to the help, as a same-page link's would.
    if (window.location.hash === '#entraide') focusHelp()
    if (isChange) setAnnouncement(`${label}.`)
  }, [label, procedure, step])
  useEffect(() => {
    // A link to the help of the page as it is (the same step's link, pressed again) changes no
    // address: the router does nothing, so focus moves here.
    const onClick = (event: MouseEvent) => {
      if (!isLinkToCurrentHelp(event.target)) return
      setTimeout(focusHelp, 0)
    }
    document.addEventListener('click', onClick)
    return () => document.removeEventListener('click', onClick)
  }, [])
  return (
    <>
      <p className="fr-sr-only" role="status">
        {announcement}
      </p>
      {/* The links' target is a wrapper: a shadow host with a negative tabindex takes its whole shadow tree out of the Tab order. */}
      <div aria-label={label} id="entraide" ref={targetRef} role="region" tabIndex={-1}>
        {children}
        <div
          data-entraide-lang="fr"
          data-entraide-procedure={procedure}
          data-entraide-step={step === null ? undefined : String(step)}
          // A new element for each step: the script mounts the widget on elements it has not seen.
          key={`${procedure}-${step ?? 'all'}`}
        >
          {isMissing ? (
            <div className="fr-alert fr-alert--warning fr-alert--sm" role="alert">
              <p>
                L’entraide entre usagers n’a pas pu être chargée : le script <code>{scriptSrc}</code> est introuvable
                (il est produit par <code>npm run build:widget</code>). Les informations officielles ci-dessus restent
                valables.
              </p>
            </div>
          ) : (
            <p className="muted">Chargement de l’entraide entre usagers…</p>
          )}
        </div>
      </div>
      <Script
        onError={() => {
          hasScriptFailed = true
          setMissing(true)
        }}
        src={scriptSrc}
        strategy="afterInteractive"
      />
    </>
  )
}
