'use client'

import Script from 'next/script'
import { useEffect, useState } from 'react'

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
export const WidgetEmbed = ({ procedure, step }: { procedure: string; step: number | null }) => {
  const [isMissing, setMissing] = useState(false)
  useEffect(() => {
    if (hasScriptFailed) setMissing(true)
  }, [])
  return (
    <>
      {/* The links' target is a wrapper: a shadow host with a negative tabindex takes its whole shadow tree out of the Tab order. */}
      <div id="entraide" tabIndex={-1}>
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
