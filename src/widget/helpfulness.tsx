import { useId, useState } from 'react'

import { useWidget } from './context.ts'
import type { Id } from './types.ts'
import { Field, FormError, useFieldProblems, useSubmit } from './ui.tsx'

/** The items readers say were helpful or not. */
export type HelpfulnessCollection = 'guides' | 'wiki-pages' | 'answers'

const reasons = ['out-of-date', 'unclear', 'did-not-answer', 'other'] as const
type Reason = (typeof reasons)[number]

/**
 * "Was this helpful?": yes, or no and why (a short note with "other"). Open
 * to anonymous readers; the server keeps one answer per person or browser.
 */
export const HelpfulQuestion = ({ collection, id, itemLabel }: { collection: HelpfulnessCollection; id: Id; itemLabel: string }) => {
  const { client, t } = useWidget()
  const baseId = useId()
  const [step, setStep] = useState<'ask' | 'why' | 'thanks'>('ask')
  const [reason, setReason] = useState<Reason>('out-of-date')
  const [note, setNote] = useState('')
  const { error, isBusy, run } = useSubmit()
  const problemOf = useFieldProblems(error)
  const errorId = `${baseId}-error`
  const send = (body: Record<string, unknown>) =>
    void run(async () => {
      await client.post(`/${collection}/${encodeURIComponent(id)}/helpful`, body)
      setStep('thanks')
    })
  if (step === 'thanks') {
    return (
      <p className="ew-meta" role="status">
        {t.helpfulThanks}
      </p>
    )
  }
  return (
    <div className="ew-helpful">
      {step === 'ask' ? (
        <div aria-labelledby={`${baseId}-question`} className="ew-actions" role="group">
          <span className="ew-meta" id={`${baseId}-question`}>
            {t.helpfulQuestion}
            <span className="ew-sr-only"> – {itemLabel}</span>
          </span>
          <button className="ew-button ew-button--secondary" disabled={isBusy} onClick={() => send({ helpful: true })} type="button">
            {t.helpfulYes}
          </button>
          <button className="ew-button ew-button--secondary" disabled={isBusy} onClick={() => setStep('why')} type="button">
            {t.helpfulNo}
          </button>
        </div>
      ) : (
        <form
          aria-describedby={errorId}
          onSubmit={(event) => {
            event.preventDefault()
            send({ helpful: false, reason, ...(reason === 'other' ? { note } : {}) })
          }}
        >
          <fieldset className="ew-field">
            <legend>{t.helpfulWhyNot}</legend>
            {reasons.map((value) => (
              <label key={value}>
                <input checked={reason === value} name={`${baseId}-reason`} onChange={() => setReason(value)} type="radio" value={value} />{' '}
                {t.helpfulReasons[value]}
              </label>
            ))}
          </fieldset>
          {reason === 'other' && (
            <Field
              hint={t.helpfulNoteHint}
              isMultiline
              isRequired
              label={t.helpfulNote}
              maxLength={300}
              onChange={setNote}
              problem={problemOf('note')}
              value={note}
            />
          )}
          <button className="ew-button" disabled={isBusy} type="submit">
            {t.helpfulSend}
          </button>
        </form>
      )}
      <FormError error={error} id={errorId} />
    </div>
  )
}
