import { useCallback, useEffect, useId, useRef, useState, type ReactNode, type Ref } from 'react'

import { ApiError, isRecord } from './client.ts'
import { useWidget } from './context.ts'
import { formatDate, type Strings } from './strings.ts'
import type { Id, ItemStatus, MyVote, PublicPerson } from './types.ts'

/** A heading at a level computed from the widget's own level, kept within h2–h6. */
export const Heading = ({ children, id, level }: { level: number; id?: string; children: ReactNode }) => {
  const clamped = Math.min(6, Math.max(2, level))
  if (clamped === 2) return <h2 id={id}>{children}</h2>
  if (clamped === 3) return <h3 id={id}>{children}</h3>
  if (clamped === 4) return <h4 id={id}>{children}</h4>
  if (clamped === 5) return <h5 id={id}>{children}</h5>
  return <h6 id={id}>{children}</h6>
}

/**
 * The start of a text, to tell repeated buttons apart for screen-reader
 * users: cut after a whole word (a single word longer than the excerpt is cut
 * where it must be), with an ellipsis when something was left out.
 */
export const excerpt = (text: string, length = 60): string => {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= length) return flat
  // A space right after the limit means the limit ends a word.
  const space = flat.slice(0, length + 1).lastIndexOf(' ')
  const head = space > 0 ? flat.slice(0, space) : flat.slice(0, length - 1)
  return `${head.replace(/[\s,;:.!?(–—-]+$/, '')}…`
}

/**
 * Error codes whose message is already in the widget's language: the widget's
 * own (`widget`), and those the API words in the language the widget asks for.
 */
const wordedCodes: ReadonlySet<string> = new Set(['widget', 'personal-data', 'rate-limited'])

/**
 * The message to show for a failed call, in the widget's language. The API's
 * other messages are written for developers, in English: the widget says what
 * happened in its own words, from the status and the error code.
 */
export const messageOf = (error: unknown, t: Strings, { isSignedIn = true }: { isSignedIn?: boolean } = {}): string => {
  if (!(error instanceof ApiError)) return t.networkError
  if (error.code !== null && wordedCodes.has(error.code)) return error.message
  if (error.code === 'unconfirmed-email') return t.errorUnconfirmed
  if (error.code === 'suspended')
    return t.errorSuspended(typeof error.data.reason === 'string' ? error.data.reason : null)
  // Payload refuses a write by someone it does not know with a plain 403.
  if (error.status === 401 || (error.status === 403 && error.code === null && !isSignedIn)) return t.errorSignedOut
  if (error.status === 403) return t.errorForbidden
  if (error.status === 404) return t.errorGone
  if (error.status === 409) return t.errorConflict
  if (error.status === 413) return t.errorTooLarge
  if (error.status >= 500) return t.errorServer
  if (error.fieldErrors.length > 0) return t.errorCheckFields
  return t.errorInvalid
}

/** What the forms say about each of their fields when the API refuses it, by field path. */
export type FieldProblems = Readonly<Record<string, string>>

/**
 * The state of a form's submission: busy while sending, the error of the last
 * attempt. Buttons show the busy state with `aria-disabled`, not `disabled`: a
 * disabled button drops focus to the page, and a keyboard user their place;
 * `run` ignores presses while busy instead.
 */
export const useSubmit = () => {
  const { onSessionLost, refresh } = useWidget()
  const [isBusy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const isBusyRef = useRef(false)
  const run = useCallback(
    async (work: () => Promise<void>): Promise<boolean> => {
      if (isBusyRef.current) return false
      isBusyRef.current = true
      setBusy(true)
      setError(null)
      try {
        await work()
        return true
      } catch (caught) {
        setError(caught)
        // A refused session: offer to sign in again, without losing what the form holds.
        // Payload's plain 403 may mean the same: the page data says who is signed in.
        if (caught instanceof ApiError && caught.code !== 'widget') {
          if (caught.status === 401) onSessionLost()
          else if (caught.status === 403 && caught.code === null) void refresh()
        }
        return false
      } finally {
        isBusyRef.current = false
        setBusy(false)
      }
    },
    [onSessionLost, refresh],
  )
  return { error, isBusy, run, setError }
}

/**
 * An in-place form: labelled for assistive technologies, validated by the
 * API rather than the browser (so its messages show next to the fields), and
 * submitted without leaving the page.
 */
export const InPlaceForm = ({
  children,
  id,
  label,
  onSubmit,
}: {
  children: ReactNode
  id?: string
  label: string
  onSubmit: () => void
}) => (
  <form
    aria-label={label}
    className="ew-form"
    id={id}
    noValidate
    onSubmit={(event) => {
      event.preventDefault()
      onSubmit()
    }}
  >
    {children}
  </form>
)

/** Submit and cancel: the submit button stays focusable while busy, so keyboard users keep their place. */
export const FormActions = ({
  isBusy,
  onCancel,
  submitLabel,
}: {
  isBusy: boolean
  onCancel: () => void
  submitLabel: string
}) => {
  const { t } = useWidget()
  return (
    <div className="ew-actions">
      <button className="ew-button" aria-disabled={isBusy || undefined} type="submit">
        {isBusy ? t.sending : submitLabel}
      </button>
      <button className="ew-button ew-button--secondary" onClick={onCancel} type="button">
        {t.cancel}
      </button>
    </div>
  )
}

/** A field's name from a path of the API (`body.root.children` → `body`, `steps[0]` → `steps`). */
const fieldNameOf = (path: string): string => path.replace(/[.[].*$/, '')

/**
 * What to say under each field an API refusal names, by the field's name:
 * Payload's validation errors (`fieldErrors`, worded by the form in
 * `messages`, else "is not valid") and the `field` of Entraide's own errors
 * (and each finding of the personal-data guard), worded as the refusal is.
 * Fields the refusal does not name get null: only wrong fields are marked.
 */
export const useFieldProblems = (error: unknown, messages: FieldProblems = {}): ((name: string) => string | null) => {
  const { t, viewer } = useWidget()
  return (name) => {
    if (!(error instanceof ApiError)) return null
    if (error.fieldErrors.some((detail) => fieldNameOf(detail.path) === name)) {
      return messages[name] ?? t.fieldInvalid(name)
    }
    const findings = Array.isArray(error.data.findings) ? error.data.findings : []
    const named = [error.data.field, ...findings.map((finding) => (isRecord(finding) ? finding.field : null))]
    return named.some((field) => typeof field === 'string' && fieldNameOf(field) === name)
      ? messageOf(error, t, { isSignedIn: viewer !== null })
      : null
  }
}

/**
 * Why the API refused, in the widget's words, next to the form: the refusal,
 * then each field concerned. When it shows a new refusal, focus moves to the
 * form's first field marked invalid, where the message under it is read.
 */
export const FormError = ({ error, fields = {}, id }: { error: unknown; fields?: FieldProblems; id: string }) => {
  const { t, viewer } = useWidget()
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!error) return
    ref.current?.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [error])
  if (!error) return <div id={id} ref={ref} />
  const details =
    error instanceof ApiError
      ? [...new Set(error.fieldErrors.map((detail) => fields[fieldNameOf(detail.path)] ?? t.fieldInvalid(detail.path)))]
      : []
  return (
    <div className="ew-error" id={id} ref={ref} role="alert">
      <p>
        {t.errorPrefix} {messageOf(error, t, { isSignedIn: viewer !== null })}
      </p>
      {details.length > 0 && (
        <ul>
          {details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </div>
  )
}

type FieldProps = {
  label: string
  hint?: string
  value: string
  onChange: (value: string) => void
  isMultiline?: boolean
  type?: 'text' | 'email' | 'password'
  autoComplete?: string
  maxLength?: number
  isRequired?: boolean
  /** What is wrong with this field, shown under it (the field is then marked invalid); null when nothing is. */
  problem?: string | null
  /** Id of a message about this field shown elsewhere (a group's), read with it while it is marked invalid. */
  problemId?: string
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>
}

/**
 * A labelled input or textarea with its hint, DSFR style: "(obligatoire)"
 * visible in the label of a required field, and, when the API refused it, the
 * field marked invalid with the message right under it.
 */
export const Field = ({
  autoComplete,
  hint,
  inputRef,
  isMultiline = false,
  isRequired = false,
  label,
  maxLength,
  onChange,
  problem = null,
  problemId,
  type = 'text',
  value,
}: FieldProps) => {
  const { t } = useWidget()
  const id = useId()
  const hintId = `${id}-hint`
  const problemMessageId = `${id}-problem`
  const isInvalid = problem !== null || problemId !== undefined
  const describedBy =
    [hint ? hintId : null, problem !== null ? problemMessageId : null, problemId ?? null].filter(Boolean).join(' ') ||
    undefined
  const common = {
    'aria-describedby': describedBy,
    'aria-invalid': isInvalid ? true : undefined,
    'aria-required': isRequired ? true : undefined,
    className: 'ew-input',
    id,
    maxLength,
    value,
  }
  return (
    <div className={`ew-field${isInvalid ? ' ew-field--error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {isRequired && <span className="ew-required"> {t.required}</span>}
      </label>
      {hint && (
        <span className="ew-hint" id={hintId}>
          {hint}
        </span>
      )}
      {isMultiline ? (
        <textarea {...common} ref={inputRef} onChange={(event) => onChange(event.currentTarget.value)} rows={5} />
      ) : (
        <input
          {...common}
          ref={inputRef}
          autoComplete={autoComplete}
          onChange={(event) => onChange(event.currentTarget.value)}
          type={type}
        />
      )}
      {problem !== null && (
        <p className="ew-field-error" id={problemMessageId}>
          {problem}
        </p>
      )}
    </div>
  )
}

const roleLabel = (role: PublicPerson['role'], t: Strings): string | null =>
  role === 'agent' ? t.roleAgent : role === 'editor' || role === 'admin' ? t.roleEditor : null

/** Who wrote an item and when. */
export const Byline = ({ author, date }: { author: PublicPerson | null; date: string }) => {
  const { lang, t } = useWidget()
  const role = author ? roleLabel(author.role, t) : null
  return (
    <p className="ew-meta">
      {t.byline(author ? `${author.displayName}${role ? ` (${role})` : ''}` : null, formatDate(date, lang))}
    </p>
  )
}

/**
 * What became of the author's own unpublished item: "waiting for review", or
 * "hidden by a moderator" with the moderator's reason. Nobody else receives
 * such items.
 */
export const PendingNotice = ({ moderationNote, status }: { status: ItemStatus; moderationNote?: string | null }) => {
  const { t } = useWidget()
  if (status === 'published') return null
  return (
    <p className="ew-meta">
      <span className="ew-badge ew-badge--pending">{status === 'hidden' ? t.hidden : t.pending}</span>{' '}
      {status === 'hidden' ? t.hiddenHint(moderationNote ?? null) : t.pendingHint}
    </p>
  )
}

/**
 * Votes and the report button of a community item (a tip, a question, an
 * answer), shown once it is published; `children` go between them.
 */
export const CommunityActions = ({
  children,
  collection,
  item,
  itemLabel,
}: {
  collection: 'answers' | 'tips' | 'threads'
  item: { id: Id; author: PublicPerson | null; myVote: MyVote; score: number; status: ItemStatus }
  itemLabel: string
  children?: ReactNode
}) => {
  const { viewer } = useWidget()
  if (item.status !== 'published') return null
  return (
    <div className="ew-actions">
      <VoteButtons
        collection={collection}
        id={item.id}
        isOwn={viewer?.id === item.author?.id}
        itemLabel={itemLabel}
        myVote={item.myVote}
        score={item.score}
      />
      {children}
      <ReportButton collection={collection} id={item.id} itemLabel={itemLabel} />
    </div>
  )
}

/** Collections that take votes and reports. */
export type FeedbackCollection = 'answers' | 'tips' | 'threads' | 'guides'

/**
 * Up and down votes with the current score. Pressing one's current vote again
 * takes it back. Authors see the score only: nobody votes for themself. Each
 * button is named after its item ("Utile : <the item's start>") and described
 * by the score, so a list of items does not read as a run of identical
 * buttons; the new score after a vote is announced politely.
 */
export const VoteButtons = ({
  collection,
  id,
  isOwn,
  itemLabel,
  myVote,
  score,
}: {
  collection: FeedbackCollection
  id: Id
  score: number
  myVote: MyVote
  isOwn: boolean
  /** The item's title or start, as the buttons' names give it. */
  itemLabel: string
}) => {
  const { client, requireSignIn, t } = useWidget()
  const [current, setCurrent] = useState({ myVote, score })
  useEffect(() => setCurrent({ myVote, score }), [myVote, score])
  const [announcement, setAnnouncement] = useState('')
  const { error, isBusy, run } = useSubmit()
  const baseId = useId()
  const errorId = `${baseId}-error`
  const scoreId = `${baseId}-score`
  const cast = (value: 1 | -1, opener: HTMLElement) =>
    requireSignIn(opener, () => {
      void run(async () => {
        const next = current.myVote === value ? 0 : value
        const result = await client.post(`/${collection}/${encodeURIComponent(id)}/vote`, { value: next })
        const score = typeof result.score === 'number' ? result.score : current.score
        setCurrent({ myVote: next, score })
        setAnnouncement(t.voteRecorded(next, score))
      })
    })
  if (isOwn) return <span className="ew-meta">{t.score(current.score)}</span>
  return (
    <>
      <span aria-label={t.voteGroup} className="ew-actions" role="group">
        <button
          aria-describedby={scoreId}
          aria-pressed={current.myVote === 1}
          className="ew-button ew-button--tertiary"
          aria-disabled={isBusy || undefined}
          onClick={(event) => cast(1, event.currentTarget)}
          type="button"
        >
          <span aria-hidden="true">▲</span> {t.voteUp}
          <span className="ew-sr-only">{t.ofItem(itemLabel)}</span>
        </button>
        <button
          aria-describedby={scoreId}
          aria-pressed={current.myVote === -1}
          className="ew-button ew-button--tertiary"
          aria-disabled={isBusy || undefined}
          onClick={(event) => cast(-1, event.currentTarget)}
          type="button"
        >
          <span aria-hidden="true">▼</span> {t.voteDown}
          <span className="ew-sr-only">{t.ofItem(itemLabel)}</span>
        </button>
        <span className="ew-meta" id={scoreId}>
          {t.score(current.score)}
        </span>
      </span>
      <span className="ew-sr-only" role="status">
        {announcement}
      </span>
      {Boolean(error) && <FormError error={error} id={errorId} />}
    </>
  )
}

const reasons = ['spam', 'abuse', 'personal-data', 'wrong-information', 'other'] as const
type Reason = (typeof reasons)[number]
const isReason = (value: string): value is Reason => reasons.some((reason) => reason === value)

/** "Report" opens a small form right below, keeping the reader where they are. */
export const ReportButton = ({
  collection,
  id,
  itemLabel,
}: {
  collection: FeedbackCollection
  id: Id
  itemLabel: string
}) => {
  const { client, requireSignIn, t } = useWidget()
  const [isOpen, setOpen] = useState(false)
  const [reason, setReason] = useState<Reason>('wrong-information')
  const [note, setNote] = useState('')
  const [isDone, setDone] = useState(false)
  const { error, isBusy, run } = useSubmit()
  const baseId = useId()
  const formId = `${baseId}-report`
  const errorId = `${baseId}-error`
  const problemOf = useFieldProblems(error)
  const openerRef = useRef<HTMLButtonElement>(null)
  const selectRef = useRef<HTMLSelectElement>(null)
  const focusNextRef = useRef<'field' | 'button' | null>(null)
  useEffect(() => {
    const next = focusNextRef.current
    focusNextRef.current = null
    if (next === 'field') selectRef.current?.focus()
    else if (next === 'button') openerRef.current?.focus()
  }, [isOpen])

  const open = (opener: HTMLElement) =>
    requireSignIn(opener, () => {
      focusNextRef.current = 'field'
      setOpen(true)
      setDone(false)
    })
  const close = () => {
    focusNextRef.current = 'button'
    setOpen(false)
  }
  const submit = () =>
    run(async () => {
      await client.post(`/${collection}/${encodeURIComponent(id)}/report`, { note: note.trim() || undefined, reason })
      close()
      setNote('')
      setDone(true)
    })

  return (
    <>
      <button
        aria-controls={isOpen ? formId : undefined}
        aria-expanded={isOpen}
        className="ew-button ew-button--tertiary"
        onClick={(event) => (isOpen ? close() : open(event.currentTarget))}
        ref={openerRef}
        type="button"
      >
        {t.report}
        <span className="ew-sr-only"> {itemLabel}</span>
      </button>
      {isDone && (
        <p className="ew-success" role="status">
          {t.reportDone}
        </p>
      )}
      {isOpen && (
        <InPlaceForm id={formId} label={t.reportTitle} onSubmit={() => void submit()}>
          <div className="ew-field">
            <label htmlFor={`${baseId}-reason`}>{t.reportReason}</label>
            <select
              aria-describedby={problemOf('reason') === null ? undefined : `${baseId}-reason-problem`}
              aria-invalid={problemOf('reason') === null ? undefined : true}
              className="ew-input"
              id={`${baseId}-reason`}
              onChange={(event) => {
                const value = event.currentTarget.value
                if (isReason(value)) setReason(value)
              }}
              ref={selectRef}
              value={reason}
            >
              {reasons.map((value) => (
                <option key={value} value={value}>
                  {t.reportReasons[value]}
                </option>
              ))}
            </select>
            {problemOf('reason') !== null && (
              <p className="ew-field-error" id={`${baseId}-reason-problem`}>
                {problemOf('reason')}
              </p>
            )}
          </div>
          <Field
            isMultiline
            label={t.reportNote}
            maxLength={1000}
            onChange={setNote}
            problem={problemOf('note')}
            value={note}
          />
          <FormError error={error} id={errorId} />
          <FormActions isBusy={isBusy} onCancel={close} submitLabel={t.reportSubmit} />
        </InPlaceForm>
      )}
    </>
  )
}

/** The element a disclosure focuses when it opens. */
export type FocusTarget = HTMLInputElement & HTMLTextAreaElement

/**
 * Open state of an in-place form. Opening focuses the form's first field,
 * closing puts focus back on the button that opened it, so keyboard users
 * never lose their place. Focus moves after the render that shows the target.
 */
export const useDisclosure = (focusRef: { current: FocusTarget | null }) => {
  const [isOpen, setOpen] = useState(false)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const focusNextRef = useRef<'field' | 'button' | null>(null)
  useEffect(() => {
    const next = focusNextRef.current
    focusNextRef.current = null
    if (next === 'field') focusRef.current?.focus()
    else if (next === 'button') buttonRef.current?.focus()
  }, [focusRef, isOpen])
  const open = useCallback(() => {
    focusNextRef.current = 'field'
    setOpen(true)
  }, [])
  const close = useCallback(() => {
    focusNextRef.current = 'button'
    setOpen(false)
  }, [])
  return { close, disclosure: { buttonRef, isOpen, open } }
}

/**
 * A button that opens a contribution form in place (after signing in when
 * needed). The typed text lives in the form's state, which is kept until the
 * API accepts it, so a refused submission never loses what the person wrote.
 */
export const Disclosure = ({
  buttonRef,
  children,
  done,
  isOpen,
  label,
  onOpen,
  open,
  srLabel,
}: {
  label: string
  srLabel?: string
  isOpen: boolean
  open: () => void
  buttonRef: Ref<HTMLButtonElement>
  onOpen?: () => void
  done: string | null
  children: ReactNode
}) => {
  const { requireSignIn } = useWidget()
  return (
    <>
      {done && (
        <p className="ew-success" role="status">
          {done}
        </p>
      )}
      {isOpen ? (
        children
      ) : (
        <button
          className="ew-button ew-button--secondary"
          onClick={(event) =>
            requireSignIn(event.currentTarget, () => {
              open()
              onOpen?.()
            })
          }
          ref={buttonRef}
          type="button"
        >
          {label}
          {srLabel && <span className="ew-sr-only"> {srLabel}</span>}
        </button>
      )}
    </>
  )
}

/**
 * An in-place form with one text field for a contribution (an answer, a tip):
 * it sends the text, says whether it is published or waits for moderation,
 * and reloads the widget. What was typed stays in the field when the API
 * refuses it.
 */
export const SingleFieldContributionForm = ({
  errorId,
  field,
  formLabel,
  label,
  messages,
  send,
  srLabel,
  submitLabel,
}: {
  /** The disclosure button's text, and its hidden complement for screen readers. */
  label: string
  srLabel?: string
  formLabel: string
  field: { label: string; hint: string; minLength: number; maxLength: number }
  submitLabel: string
  errorId: string
  messages: { pending: string; published: string }
  /** Posts the text and returns the API's answer (`{ doc }`). */
  send: (text: string) => Promise<Record<string, unknown>>
}) => {
  const { refresh, t } = useWidget()
  const fieldRef = useRef<FocusTarget>(null)
  const { close, disclosure } = useDisclosure(fieldRef)
  const [text, setText] = useState('')
  const [done, setDone] = useState<string | null>(null)
  const { error, isBusy, run } = useSubmit()
  const fieldMessages = { body: t.lengthBetween(field.label, field.minLength, field.maxLength) }
  const problemOf = useFieldProblems(error, fieldMessages)
  const submit = () =>
    run(async () => {
      const result = await send(text)
      const doc = isRecord(result.doc) ? result.doc : {}
      setText('')
      close()
      setDone(doc.visibility === 'pending' ? messages.pending : messages.published)
      await refresh()
    })
  return (
    <Disclosure {...disclosure} done={done} label={label} onOpen={() => setDone(null)} srLabel={srLabel}>
      <InPlaceForm label={formLabel} onSubmit={() => void submit()}>
        <Field
          hint={field.hint}
          inputRef={fieldRef}
          isMultiline
          isRequired
          label={field.label}
          maxLength={field.maxLength}
          onChange={setText}
          problem={problemOf('body')}
          value={text}
        />
        <FormError error={error} fields={fieldMessages} id={errorId} />
        <FormActions isBusy={isBusy} onCancel={close} submitLabel={submitLabel} />
      </InPlaceForm>
    </Disclosure>
  )
}
