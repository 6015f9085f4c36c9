'use client'

import { Button, toast } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useId, useState } from 'react'

import { useEndpoint } from '../client/useEndpoint.ts'
import { useEntraideTranslation } from '../client/useEntraideTranslation.ts'

/** One button of a queue row, possibly with a text the action sends along. */
export type QuickActionButton = {
  label: string
  /** Path under the API route. */
  path: string
  body?: Record<string, unknown>
  /** Body field that receives the text typed in the row's input. */
  textField?: string
  /** The text is required for this button; the message says why when it is missing. */
  requiredTextMessage?: string
  /** Shown in a toast once done. */
  doneMessage: string
  style?: 'primary' | 'secondary'
}

/**
 * The actions of one row of a review queue: each button calls a REST endpoint
 * (the same as the API), shows the API's message when it fails, confirms in a
 * toast when it succeeds and refreshes the view, which drops the row.
 */
export const QuickActions = ({
  buttons,
  textLabel,
  rowLabel,
}: {
  buttons: QuickActionButton[]
  /** Label of an optional text input (a note, a reason) shared by the buttons. */
  textLabel?: string
  /** What the row is about, for screen readers: "answer by Awa" (already in the admin user's language). */
  rowLabel: string
}) => {
  const call = useEndpoint()
  const { t } = useEntraideTranslation()
  const router = useRouter()
  const inputId = useId()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  const run = async (button: QuickActionButton) => {
    const value = text.trim()
    if (button.requiredTextMessage && value === '') {
      setError(button.requiredTextMessage)
      return
    }
    setBusy(button.label)
    setError(null)
    const body = { ...button.body, ...(button.textField && value !== '' ? { [button.textField]: value } : {}) }
    const result = await call({ body, path: button.path })
    setBusy(null)
    if (!result.isOk) {
      setError(result.message)
      return
    }
    setText('')
    toast.success(button.doneMessage)
    router.refresh()
  }

  return (
    <div className="entraide-row-actions">
      {textLabel ? (
        <>
          <label className="entraide-label" htmlFor={inputId}>
            {textLabel}
          </label>
          <input
            className="entraide-input"
            id={inputId}
            maxLength={1000}
            onChange={(event) => setText(event.target.value)}
            type="text"
            value={text}
          />
        </>
      ) : null}
      <div className="entraide-panel__actions">
        {buttons.map((button) => (
          <Button
            aria-label={t('entraide:rowAction', { action: button.label, row: rowLabel })}
            buttonStyle={button.style ?? 'secondary'}
            disabled={busy !== null}
            key={button.label}
            margin={false}
            onClick={() => void run(button)}
            size="small"
            type="button"
          >
            {busy === button.label ? `${button.label}…` : button.label}
          </Button>
        ))}
      </div>
      <div aria-live="assertive" role="alert">
        {error ? <p className="entraide-status__error">{error}</p> : null}
      </div>
    </div>
  )
}
