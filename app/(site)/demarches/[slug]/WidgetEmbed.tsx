'use client'

import Script from 'next/script'
import { useEffect, useRef, useState, type ReactNode } from 'react'

/** Path of the standalone widget bundle, as a host website links it. */
const widgetScript = '/entraide-widget.js'

// The script loads once per visit; a failure must still show on the next procedure page.
let hasScriptFailed = false

/**
 * The widget as any administration embeds it: one element with
 * `data-entraide-*` attributes, and the script tag. Until the script mounts
 * the widget (in a shadow root, which hides this element's own content), the
 * element says what is happening; if the script is missing, it says so.
 */
export const WidgetEmbed = ({
  children,
  label,
  procedure,
  step,
}: {
  /** The region's name, read when focus lands on it. */
  label: string
  procedure: string
  step: number | null
  /** What the host says before the widget, inside the same region (which step it is about). */
  children?: ReactNode
}) => {
  const [isMissing, setMissing] = useState(false)
  const targetRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (hasScriptFailed) setMissing(true)
    // A step's link (`?etape=2#entraide`) renders this anew: focus follows the
    // reader there, as a same-page link's would, and the region's name says
    // which step the help is about.
    if (window.location.hash === '#entraide') targetRef.current?.focus()
  }, [])
  return (
    <>
      {/* The links' target is a wrapper: a shadow host with a negative tabindex takes its whole shadow tree out of the Tab order. */}
      <div aria-label={label} id="entraide" ref={targetRef} role="region" tabIndex={-1}>
        {children}
        <div
          data-entraide-lang="fr"
          data-entraide-procedure={procedure}
          data-entraide-step={step === null ? undefined : String(step)}
        >
          {isMissing ? (
            <div className="notice notice--warning" role="alert">
              <p>
                L’entraide entre usagers n’a pas pu être chargée : le script <code>{widgetScript}</code> est introuvable
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
        src={widgetScript}
        strategy="afterInteractive"
      />
    </>
  )
}
