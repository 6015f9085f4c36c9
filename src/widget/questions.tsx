import { useEffect, useId, useRef, useState } from 'react'

import { isRecord } from './client.ts'
import { useWidget } from './context.ts'
import { HelpfulQuestion } from './helpfulness.tsx'
import { ReverifyNotice } from './reverification.tsx'
import { QuestionSuggestions } from './suggestions.tsx'
import { useValidationText } from './sections.tsx'
import type { AnswerItem, Id, ThreadItem } from './types.ts'
import {
  Byline,
  CommunityActions,
  Disclosure,
  useDisclosure,
  excerpt,
  Field,
  FormActions,
  FormError,
  Heading,
  InPlaceForm,
  PendingNotice,
  useFieldProblems,
  useSubmit,
  type FocusTarget,
  SingleFieldContributionForm,
} from './ui.tsx'

/** Lengths a question accepts, as the threads collection checks them. */
const questionLength = { body: { max: 5000, min: 10 }, title: { max: 200, min: 10 } } as const

/** Questions just asked here: once the list shows them, focus moves to them so their author sees them at once. */
const threadsToFocus = new Set<string>()

const textOf = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback)

const AskForm = ({ onAsked, procedureId }: { procedureId: Id; onAsked: (thread: ThreadItem) => void }) => {
  const { client, idPrefix, refresh, step, t, viewer } = useWidget()
  const titleRef = useRef<FocusTarget>(null)
  const { close, disclosure } = useDisclosure(titleRef)
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [done, setDone] = useState<string | null>(null)
  const { error, isBusy, run } = useSubmit()
  const errorId = `${idPrefix}-ask-error`
  const fieldMessages = {
    body: t.lengthBetween(t.askBody, questionLength.body.min, questionLength.body.max),
    title: t.lengthBetween(t.askTitle, questionLength.title.min, questionLength.title.max),
  }
  const problemOf = useFieldProblems(error, fieldMessages)
  const submit = () =>
    run(async () => {
      const result = await client.post('/threads?depth=0', {
        body,
        procedure: procedureId,
        title,
        ...(step === null ? {} : { step }),
      })
      const doc = isRecord(result.doc) ? result.doc : {}
      if (typeof doc.id === 'string' || typeof doc.id === 'number') {
        // What the API accepted, until the reloaded list holds it (it may be past the list's first questions).
        onAsked({
          answers: [],
          author: viewer,
          body: textOf(doc.body, body),
          createdAt: textOf(doc.createdAt, new Date().toISOString()),
          id: doc.id,
          myVote: 0,
          score: 0,
          status: doc.visibility === 'pending' ? 'pending' : 'published',
          step: typeof doc.step === 'number' ? doc.step : step,
          threadStatus: 'open',
          title: textOf(doc.title, title),
        })
        threadsToFocus.add(String(doc.id))
      }
      setTitle('')
      setBody('')
      close()
      setDone(doc.visibility === 'pending' ? t.askPending : t.askPublished)
      await refresh()
    })
  return (
    <Disclosure {...disclosure} done={done} label={t.ask} onOpen={() => setDone(null)}>
      <InPlaceForm label={t.ask} onSubmit={() => void submit()}>
        <Field
          hint={t.askTitleHint}
          inputRef={titleRef}
          isRequired
          label={t.askTitle}
          maxLength={questionLength.title.max}
          onChange={setTitle}
          problem={problemOf('title')}
          value={title}
        />
        <QuestionSuggestions title={title} titleRef={titleRef} />
        <Field
          hint={t.askBodyHint}
          isMultiline
          isRequired
          label={t.askBody}
          maxLength={questionLength.body.max}
          onChange={setBody}
          problem={problemOf('body')}
          value={body}
        />
        <FormError error={error} fields={fieldMessages} id={errorId} />
        <FormActions isBusy={isBusy} onCancel={close} submitLabel={t.askSubmit} />
      </InPlaceForm>
    </Disclosure>
  )
}

const AnswerForm = ({ thread }: { thread: ThreadItem }) => {
  const { client, t } = useWidget()
  return (
    <SingleFieldContributionForm
      errorId={`${useId()}-error`}
      field={{ hint: t.answerBodyHint, label: t.answerBody, maxLength: 5000, minLength: 10 }}
      formLabel={`${t.answer} – ${thread.title}`}
      label={t.answer}
      messages={{ pending: t.answerPending, published: t.answerPublished }}
      send={(body) => client.post('/answers?depth=0', { body, thread: thread.id })}
      srLabel={excerpt(thread.title)}
      submitLabel={t.answerSubmit}
    />
  )
}

/**
 * Answers just accepted by the keyboard or mouse: their Accept button
 * disappears once the thread reloads, so focus moves to the "accepted" line
 * instead of falling back to the page.
 */
const answersToFocus = new Set<Id>()

const AcceptButton = ({ answer, thread }: { thread: ThreadItem; answer: AnswerItem }) => {
  const { client, refresh, t } = useWidget()
  const { error, isBusy, run } = useSubmit()
  const errorId = `${useId()}-error`
  const accept = () =>
    run(async () => {
      await client.post(`/threads/${encodeURIComponent(thread.id)}/accept`, { answer: answer.id })
      answersToFocus.add(answer.id)
      await refresh()
    })
  return (
    <>
      <button
        className="ew-button ew-button--tertiary"
        aria-disabled={isBusy || undefined}
        onClick={() => void accept()}
        type="button"
      >
        {t.accept}
        <span className="ew-sr-only"> – {excerpt(answer.body)}</span>
      </button>
      {Boolean(error) && <FormError error={error} id={errorId} />}
    </>
  )
}

const Answer = ({ answer, thread }: { thread: ThreadItem; answer: AnswerItem }) => {
  const { t, viewer } = useWidget()
  const validationText = useValidationText()
  const isHighlighted = answer.isAccepted || answer.validation !== null
  const acceptedRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (answer.isAccepted && answersToFocus.delete(answer.id)) acceptedRef.current?.focus()
  }, [answer.id, answer.isAccepted])
  const canAccept =
    viewer !== null &&
    thread.author?.id === viewer.id &&
    answer.status === 'published' &&
    !answer.isAccepted &&
    thread.threadStatus !== 'closed'
  return (
    <li className={`ew-answer${isHighlighted ? ' ew-answer--highlighted' : ''}`} id={`entraide-answer-${answer.id}`}>
      {isHighlighted && (
        <p className="ew-badges">
          {answer.validation && <span className="ew-badge ew-badge--validated">{t.answerValidated}</span>}
          {answer.isAccepted && <span className="ew-badge ew-badge--official">{t.answerAccepted}</span>}
        </p>
      )}
      {answer.validation && <p className="ew-meta">{validationText(answer.validation)}</p>}
      <ReverifyNotice reverification={answer.reverification} />
      {answer.isAccepted && (
        <p className="ew-meta" ref={acceptedRef} tabIndex={-1}>
          {t.accepted}
        </p>
      )}
      <p className="ew-pre">{answer.body}</p>
      <Byline author={answer.author} date={answer.createdAt} />
      <PendingNotice moderationNote={answer.moderationNote} status={answer.status} />
      <CommunityActions collection="answers" item={answer} itemLabel={excerpt(answer.body)}>
        {canAccept && <AcceptButton answer={answer} thread={thread} />}
      </CommunityActions>
      {answer.status === 'published' && <HelpfulQuestion collection="answers" id={answer.id} itemLabel={excerpt(answer.body)} />}
    </li>
  )
}

const Thread = ({ thread }: { thread: ThreadItem }) => {
  const { headingLevel, step, t } = useWidget()
  const titleId = useId()
  const cardRef = useRef<HTMLElement>(null)
  useEffect(() => {
    const card = cardRef.current
    if (!card || !threadsToFocus.delete(String(thread.id))) return
    card.scrollIntoView({ block: 'nearest' })
    card.focus({ preventScroll: true })
  }, [thread.id])
  // "Waiting for an answer" would be untrue once someone answered, even if nobody accepted an answer yet.
  const isAnswered = thread.answers.some((answer) => answer.status === 'published')
  const statusLabel = {
    answered: t.threadAnswered,
    closed: t.threadClosed,
    open: isAnswered ? t.threadHasAnswers : t.threadOpen,
    resolved: t.threadResolved,
  }[thread.threadStatus]
  const isSettled = (answer: AnswerItem) =>
    answer.isAccepted || answer.validation !== null || answer.status !== 'published'
  const hasSettled = thread.answers.some((answer) => answer.isAccepted || answer.validation !== null)
  const inline = hasSettled ? thread.answers.filter(isSettled) : thread.answers
  const others = hasSettled ? thread.answers.filter((answer) => !isSettled(answer)) : []
  return (
    <article
      aria-labelledby={titleId}
      className={`ew-card${thread.status !== 'published' ? ' ew-card--pending' : ''}`}
      id={`entraide-thread-${thread.id}`}
      ref={cardRef}
      tabIndex={-1}
    >
      <Heading id={titleId} level={headingLevel + 2}>
        {thread.title}
      </Heading>
      <p className="ew-badges">
        <span
          className={`ew-badge${thread.threadStatus === 'resolved' ? ' ew-badge--validated' : thread.threadStatus === 'answered' ? ' ew-badge--official' : ''}`}
        >
          {statusLabel}
        </span>
        {thread.step !== null && step === null && <span className="ew-badge">{t.stepLabel(thread.step)}</span>}
      </p>
      <p className="ew-pre">{thread.body}</p>
      <Byline author={thread.author} date={thread.createdAt} />
      <PendingNotice moderationNote={thread.moderationNote} status={thread.status} />
      <CommunityActions collection="threads" item={thread} itemLabel={excerpt(thread.title)} />
      <p className="ew-meta">{t.answersCount(thread.answers.length)}</p>
      {inline.length > 0 && (
        <ul className="ew-answers">
          {inline.map((answer) => (
            <Answer answer={answer} key={answer.id} thread={thread} />
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <details>
          <summary>{t.otherAnswers(others.length)}</summary>
          <ul className="ew-answers">
            {others.map((answer) => (
              <Answer answer={answer} key={answer.id} thread={thread} />
            ))}
          </ul>
        </details>
      )}
      {thread.status === 'published' && thread.threadStatus !== 'closed' && <AnswerForm thread={thread} />}
    </article>
  )
}

/** Fourth section: the questions, answered and validated first, with the form to ask one. */
export const QuestionsSection = ({ procedureId, threads }: { threads: ThreadItem[]; procedureId: Id }) => {
  const { headingLevel, t } = useWidget()
  const titleId = useId()
  // The reader's questions asked here come first, as the reloaded list has them (or as sent, if it does not).
  const [asked, setAsked] = useState<ThreadItem[]>([])
  const askedKeys = new Set(asked.map((thread) => String(thread.id)))
  const loaded = new Map(threads.map((thread) => [String(thread.id), thread]))
  const shown = [
    ...asked.map((thread) => loaded.get(String(thread.id)) ?? thread),
    ...threads.filter((thread) => !askedKeys.has(String(thread.id))),
  ]
  return (
    <section aria-labelledby={titleId}>
      <Heading id={titleId} level={headingLevel + 1}>
        {t.questionsTitle}
      </Heading>
      <AskForm onAsked={(thread) => setAsked((current) => [thread, ...current])} procedureId={procedureId} />
      {shown.length === 0 ? (
        <p className="ew-meta">{t.questionsEmpty}</p>
      ) : (
        <ul className="ew-list">
          {shown.map((thread) => (
            <li key={thread.id}>
              <Thread thread={thread} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
