import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react'

import { ApiError } from './client.ts'
import { useWidget } from './context.ts'
import type { PublicPerson } from './types.ts'
import { Field, FormError, useFieldProblems, useSubmit, type FocusTarget } from './ui.tsx'

/** Lengths a public display name accepts, as the users collection checks them. */
const displayNameLength = { max: 60, min: 2 } as const

/** Which form the dialog shows. */
export type Mode = 'sign-in' | 'sign-up'

/**
 * Sign-in and sign-up in a modal dialog (the native `<dialog>`: the rest of
 * the page is inert while it is open, Escape closes it). Focus goes to the
 * first field on opening; the caller returns it to the opener on closing.
 * Typed values survive a refused attempt and a switch between the two modes.
 */
export const AuthDialog = ({
  initialMode,
  isOpen,
  onClose,
  onSignedIn,
  openRequest,
}: {
  initialMode: Mode
  isOpen: boolean
  /** Changes with every request to open, even when `isOpen` stays true. */
  openRequest: number
  onClose: () => void
  onSignedIn: (person: PublicPerson) => void
}) => {
  const { client, t } = useWidget()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const firstFieldRef = useRef<FocusTarget>(null)
  const [mode, setMode] = useState<Mode>('sign-in')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [displayName, setDisplayName] = useState('')
  const { error, isBusy, run, setError } = useSubmit()
  const [notice, setNotice] = useState<string | null>(null)
  const id = useId()
  const titleId = `${id}-title`
  const errorId = `${id}-error`
  const fieldMessages = {
    displayName: t.lengthBetween(t.displayName, displayNameLength.min, displayNameLength.max),
    email: t.fieldInvalid(t.email),
    password: t.fieldInvalid(t.password),
  }
  const problemOf = useFieldProblems(error, fieldMessages)

  // Opens the native dialog once per request, checked after every render:
  // Escape shuts it without asking, and a close followed by a reopen in one
  // batch of updates leaves `isOpen` unchanged while the dialog is shut.
  const shownRequestRef = useRef(0)
  useLayoutEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (isOpen && shownRequestRef.current !== openRequest) {
      shownRequestRef.current = openRequest
      setMode(initialMode)
      setError(null)
      setNotice(null)
      if (!dialog.open) {
        if (typeof dialog.showModal === 'function') dialog.showModal()
        else dialog.setAttribute('open', '')
      }
      setTimeout(() => firstFieldRef.current?.focus(), 0)
    } else if (!isOpen && dialog.open) {
      dialog.close()
    }
  })

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    // Escape closes a native dialog by itself; keep the state in step. The
    // close event comes in a later task, which the browser may run after a
    // keypress that has already reopened the dialog: that event is stale.
    const handleClose = () => {
      if (!dialog.open) onClose()
    }
    dialog.addEventListener('close', handleClose)
    return () => dialog.removeEventListener('close', handleClose)
  }, [onClose])

  const switchMode = (next: Mode) => {
    setMode(next)
    setError(null)
    setNotice(null)
    setTimeout(() => firstFieldRef.current?.focus(), 0)
  }

  const submit = () =>
    run(async () => {
      try {
        const person =
          mode === 'sign-in'
            ? await client.signIn({ email: email.trim(), password })
            : await client.signUp({ displayName: displayName.trim(), email: email.trim(), password })
        setPassword('')
        if (person === null) {
          // The account waits for its email address to be confirmed: say where to look, and offer sign-in for afterwards.
          setNotice(t.checkMailbox(email.trim()))
          setMode('sign-in')
          return
        }
        // Close the modal first: while it is open the rest of the page is inert and cannot take focus.
        if (dialogRef.current?.open) dialogRef.current.close()
        onSignedIn(person)
      } catch (caught) {
        if (!(caught instanceof ApiError)) throw caught
        // Payload words these in English whatever the reader's language. An account whose address
        // is not confirmed yet is answered the same (its confirmation email is sent again).
        if (mode === 'sign-in' && caught.status === 401) throw new ApiError(t.signInFailed, 401, { code: 'widget' })
        // A sign-up with an email in use is refused in words that do not say so (Payload's own did);
        // the widget says the same in the reader's language.
        const isRefused = caught.fieldErrors.some(
          (detail) =>
            detail.path === 'email' &&
            /already (registered|exists)|cannot be created|Impossible de créer un compte/i.test(detail.message),
        )
        if (mode === 'sign-up' && isRefused) throw new ApiError(t.signUpRefused, caught.status, { code: 'widget' })
        throw caught
      }
    })

  const title = mode === 'sign-in' ? t.dialogSignInTitle : t.dialogSignUpTitle
  return (
    <dialog aria-labelledby={titleId} aria-modal="true" className="ew-dialog" ref={dialogRef}>
      <button
        className="ew-button ew-button--tertiary ew-dialog-close"
        onClick={() => (dialogRef.current?.open ? dialogRef.current.close() : onClose())}
        type="button"
      >
        {t.close}
      </button>
      <h2 id={titleId}>{title}</h2>
      <div role="status">{notice !== null && <p className="ew-notice">{notice}</p>}</div>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        {mode === 'sign-up' && (
          <Field
            autoComplete="nickname"
            hint={t.displayNameHint}
            inputRef={firstFieldRef}
            isRequired
            label={t.displayName}
            maxLength={displayNameLength.max}
            onChange={setDisplayName}
            problem={problemOf('displayName')}
            value={displayName}
          />
        )}
        <Field
          autoComplete="email"
          hint={t.emailHint}
          inputRef={mode === 'sign-in' ? firstFieldRef : undefined}
          isRequired
          label={t.email}
          onChange={setEmail}
          problem={problemOf('email')}
          type="email"
          value={email}
        />
        <Field
          autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
          hint={mode === 'sign-up' ? t.passwordHint : undefined}
          isRequired
          label={t.password}
          onChange={setPassword}
          problem={problemOf('password')}
          type="password"
          value={password}
        />
        <FormError error={error} fields={fieldMessages} id={errorId} />
        <div className="ew-actions">
          <button className="ew-button" aria-disabled={isBusy || undefined} type="submit">
            {isBusy ? t.sending : title}
          </button>
        </div>
      </form>
      <p>
        <button
          className="ew-link-button"
          onClick={() => switchMode(mode === 'sign-in' ? 'sign-up' : 'sign-in')}
          type="button"
        >
          {mode === 'sign-in' ? t.switchToSignUp : t.switchToSignIn}
        </button>
      </p>
    </dialog>
  )
}
