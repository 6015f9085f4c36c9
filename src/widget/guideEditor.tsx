import { useEffect, useId, useRef, useState } from 'react'

import {
  blocksFromLexical,
  guideBlockKinds,
  lexicalFromBlocks,
  type GuideBlock,
  type GuideBlockKind,
} from '../utilities/guideText.ts'
import { isRecord } from './client.ts'
import { useWidget } from './context.ts'
import { RichText } from './richText.tsx'
import { formatDate, type Lang } from './strings.ts'
import type { GuideInfo } from './types.ts'
import {
  Disclosure,
  Field,
  FormError,
  Heading,
  InPlaceForm,
  useDisclosure,
  useFieldProblems,
  useSubmit,
  type FocusTarget,
} from './ui.tsx'

// The guide editor's own words, in the widget's two languages.
const words = {
  en: {
    mine: 'Your proposals for this guide',
    proposalState: (title: string, date: string, status: 'pending' | 'accepted' | 'refused') =>
      `“${title}”, proposed on ${date}: ${status === 'pending' ? 'awaiting review' : status === 'accepted' ? 'accepted and published' : 'refused'}.`,
    reviewNote: 'Reviewer’s note:',
    openHint: '(propose an edit, reviewed before it is published)',
    formLabel: 'Propose an edit of the guide',
    intro:
      'Edit the guide block by block. Your proposal is reviewed by an agent or an editor before readers see it. Do not write any personal data (tax number, IBAN, phone…).',
    title: 'Title of the guide',
    blocks: 'Content of the guide',
    blockKind: (n: number) => `Kind of block ${n}`,
    blockText: (n: number) => `Text of block ${n}`,
    blockHint: 'A link is written [label](https://address).',
    kinds: {
      bullet: 'Bulleted list item',
      heading: 'Heading',
      number: 'Numbered list item',
      paragraph: 'Paragraph',
      subheading: 'Subheading',
    } satisfies Record<GuideBlockKind, string>,
    up: 'Move up',
    down: 'Move down',
    remove: 'Remove',
    ofBlock: (n: number) => `block ${n}`,
    add: 'Add a paragraph',
    preview: 'Preview',
    edit: 'Back to editing',
    previewTitle: 'Preview of your proposal',
    submit: 'Send my proposal',
    sending: 'Sending…',
    cancel: 'Cancel',
    pending:
      'Thank you: your proposal is saved and awaits review by an agent or an editor. Readers will see it once it is accepted.',
    published: 'Thank you: your edit is published.',
    moved: (n: number) => `Block moved to position ${n}.`,
    removed: 'Block removed.',
    added: 'Paragraph added at the end.',
    titleProblem: 'The title is required, up to 200 characters.',
    bodyProblem: 'The content could not be read; check the blocks.',
  },
  fr: {
    mine: 'Vos propositions pour ce guide',
    proposalState: (title: string, date: string, status: 'pending' | 'accepted' | 'refused') =>
      `« ${title} », proposée le ${date} : ${status === 'pending' ? 'en attente de relecture' : status === 'accepted' ? 'acceptée et publiée' : 'refusée'}.`,
    reviewNote: 'Note de la relecture :',
    openHint: '(proposer une modification, relue avant publication)',
    formLabel: 'Proposer une modification du guide',
    intro:
      'Modifiez le guide bloc par bloc. Votre proposition est relue par un agent ou un éditeur avant d’être visible par tous. N’indiquez aucune donnée personnelle (numéro fiscal, IBAN, téléphone…).',
    title: 'Titre du guide',
    blocks: 'Contenu du guide',
    blockKind: (n: number) => `Type du bloc ${n}`,
    blockText: (n: number) => `Texte du bloc ${n}`,
    blockHint: 'Un lien s’écrit [texte du lien](https://adresse).',
    kinds: {
      bullet: 'Élément de liste à puces',
      heading: 'Titre de partie',
      number: 'Élément de liste numérotée',
      paragraph: 'Paragraphe',
      subheading: 'Sous-titre',
    } satisfies Record<GuideBlockKind, string>,
    up: 'Monter',
    down: 'Descendre',
    remove: 'Supprimer',
    ofBlock: (n: number) => `le bloc ${n}`,
    add: 'Ajouter un paragraphe',
    preview: 'Aperçu',
    edit: 'Revenir à la modification',
    previewTitle: 'Aperçu de votre proposition',
    submit: 'Envoyer ma proposition',
    sending: 'Envoi…',
    cancel: 'Annuler',
    pending:
      'Merci : votre proposition est enregistrée et attend la relecture d’un agent ou d’un éditeur. Elle sera visible par tous une fois acceptée.',
    published: 'Merci : votre modification est publiée.',
    moved: (n: number) => `Bloc déplacé en position ${n}.`,
    removed: 'Bloc supprimé.',
    added: 'Paragraphe ajouté à la fin.',
    titleProblem: 'Le titre est obligatoire, 200 caractères au plus.',
    bodyProblem: 'Le contenu n’a pas pu être lu : vérifiez les blocs.',
  },
} satisfies Record<Lang, unknown>

/** A block being edited, with a key that stays with it when blocks move. */
type EditedBlock = GuideBlock & { key: number }

let nextKey = 0
const keyed = (block: GuideBlock): EditedBlock => ({ ...block, key: (nextKey += 1) })

const BlockRow = ({
  block,
  count,
  index,
  lang,
  onChange,
  onMove,
  onRemove,
  problemId,
  textRef,
}: {
  block: EditedBlock
  index: number
  count: number
  lang: Lang
  /** Id of the message about the guide's text, when the API refused it: every block is part of that text. */
  problemId?: string
  onChange: (block: EditedBlock) => void
  onMove: (offset: -1 | 1) => void
  onRemove: () => void
  textRef?: (element: FocusTarget | null) => void
}) => {
  const w = words[lang]
  const kindId = useId()
  const n = index + 1
  return (
    <li className="ew-card">
      <div className="ew-field">
        <label htmlFor={kindId}>{w.blockKind(n)}</label>
        <select
          className="ew-input"
          id={kindId}
          onChange={(event) => {
            const kind = guideBlockKinds.find((candidate) => candidate === event.currentTarget.value)
            if (kind) onChange({ ...block, kind })
          }}
          value={block.kind}
        >
          {guideBlockKinds.map((kind) => (
            <option key={kind} value={kind}>
              {w.kinds[kind]}
            </option>
          ))}
        </select>
      </div>
      <Field
        hint={w.blockHint}
        inputRef={textRef}
        isMultiline
        label={w.blockText(n)}
        maxLength={5000}
        onChange={(text) => onChange({ ...block, text })}
        problemId={problemId}
        value={block.text}
      />
      <div className="ew-actions">
        {index > 0 && (
          <button className="ew-button ew-button--secondary" onClick={() => onMove(-1)} type="button">
            {w.up}
            <span className="ew-sr-only"> {w.ofBlock(n)}</span>
          </button>
        )}
        {index < count - 1 && (
          <button className="ew-button ew-button--secondary" onClick={() => onMove(1)} type="button">
            {w.down}
            <span className="ew-sr-only"> {w.ofBlock(n)}</span>
          </button>
        )}
        <button className="ew-button ew-button--secondary" onClick={onRemove} type="button">
          {w.remove}
          <span className="ew-sr-only"> {w.ofBlock(n)}</span>
        </button>
      </div>
    </li>
  )
}

/**
 * "Improve this guide": opens, in the widget, an editor of the published
 * guide as blocks (headings, paragraphs, list items, links), with a preview.
 * Sending makes a proposal (`POST /api/guides/:id/proposals`) that waits for
 * review; what was typed stays when the API refuses it (personal data, a
 * limit), with the reason next to the form.
 */
export const GuideEditor = ({ guide }: { guide: GuideInfo }) => {
  const { client, headingLevel, idPrefix, lang, refresh, t } = useWidget()
  const w = words[lang]
  const titleRef = useRef<FocusTarget>(null)
  const { close, disclosure } = useDisclosure(titleRef)
  const [title, setTitle] = useState(guide.title)
  const [blocks, setBlocks] = useState<EditedBlock[]>(() => blocksFromLexical(guide.body).map(keyed))
  const [isPreview, setPreview] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const { error, isBusy, run, setError } = useSubmit()
  const errorId = `${idPrefix}-guide-editor-error`
  const bodyProblemId = `${idPrefix}-guide-editor-body-problem`
  const fieldMessages = { body: w.bodyProblem, title: w.titleProblem }
  const problemOf = useFieldProblems(error, fieldMessages)
  const bodyProblem = problemOf('body')
  const texts = useRef(new Map<number, FocusTarget>())
  const focusKey = useRef<number | null>(null)

  useEffect(() => {
    if (focusKey.current === null) return
    texts.current.get(focusKey.current)?.focus()
    focusKey.current = null
  }, [blocks])

  const reset = () => {
    setTitle(guide.title)
    setBlocks(blocksFromLexical(guide.body).map(keyed))
    setPreview(false)
    setAnnouncement('')
    setError(null)
  }
  const move = (index: number, offset: -1 | 1) => {
    const target = index + offset
    const next = [...blocks]
    const [moved] = next.splice(index, 1)
    if (!moved) return
    next.splice(target, 0, moved)
    focusKey.current = moved.key
    setBlocks(next)
    setAnnouncement(w.moved(target + 1))
  }
  const remove = (index: number) => {
    const next = blocks.filter((_, at) => at !== index)
    const neighbour = next[Math.min(index, next.length - 1)]
    focusKey.current = neighbour?.key ?? null
    setBlocks(next)
    setAnnouncement(w.removed)
  }
  const add = () => {
    const block = keyed({ kind: 'paragraph', text: '' })
    focusKey.current = block.key
    setBlocks([...blocks, block])
    setAnnouncement(w.added)
  }
  const body = () => lexicalFromBlocks(blocks)
  const submit = () =>
    run(async () => {
      const result = await client.post(`/guides/${encodeURIComponent(guide.id)}/proposals`, { body: body(), title })
      const proposal = isRecord(result.proposal) ? result.proposal : {}
      close()
      setDone(proposal.status === 'accepted' ? w.published : w.pending)
      await refresh()
    })

  const mine = guide.myProposals ?? []
  return (
    <>
      {mine.length > 0 && (
        <div className="ew-meta">
          <p>{w.mine}</p>
          <ul>
            {mine.map((proposal) => (
              <li key={proposal.id}>
                {w.proposalState(proposal.title, formatDate(proposal.createdAt, lang), proposal.status)}
                {proposal.reviewNote && (
                  <>
                    {' '}
                    {w.reviewNote} {proposal.reviewNote}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Disclosure
        {...disclosure}
        done={done}
        label={t.guideImprove}
        onOpen={() => {
          setDone(null)
          reset()
        }}
        srLabel={w.openHint}
      >
        <InPlaceForm label={w.formLabel} onSubmit={() => void submit()}>
          <p className="ew-hint">{w.intro}</p>
          {isPreview ? (
            <section aria-label={w.previewTitle} className="ew-card">
              <p className="ew-meta">{w.previewTitle}</p>
              <Heading level={headingLevel + 2}>{title}</Heading>
              <RichText baseLevel={headingLevel + 3} newWindowLabel={t.newWindow} value={body()} />
            </section>
          ) : (
            <>
              <Field
                inputRef={titleRef}
                isRequired
                label={w.title}
                maxLength={200}
                onChange={setTitle}
                problem={problemOf('title')}
                value={title}
              />
              <fieldset className="ew-field">
                <legend>{w.blocks}</legend>
                {bodyProblem !== null && (
                  <p className="ew-field-error" id={bodyProblemId}>
                    {bodyProblem}
                  </p>
                )}
                <ol className="ew-list">
                  {blocks.map((block, index) => (
                    <BlockRow
                      block={block}
                      count={blocks.length}
                      index={index}
                      key={block.key}
                      lang={lang}
                      onChange={(changed) =>
                        setBlocks(blocks.map((other) => (other.key === block.key ? changed : other)))
                      }
                      onMove={(offset) => move(index, offset)}
                      onRemove={() => remove(index)}
                      problemId={bodyProblem === null ? undefined : bodyProblemId}
                      textRef={(element) => {
                        if (element) texts.current.set(block.key, element)
                        else texts.current.delete(block.key)
                      }}
                    />
                  ))}
                </ol>
                <button className="ew-button ew-button--secondary" onClick={add} type="button">
                  {w.add}
                </button>
              </fieldset>
            </>
          )}
          <p aria-live="polite" className="ew-sr-only" role="status">
            {announcement}
          </p>
          <FormError error={error} fields={fieldMessages} id={errorId} />
          <div className="ew-actions">
            <button className="ew-button" aria-disabled={isBusy || undefined} type="submit">
              {isBusy ? w.sending : w.submit}
            </button>
            <button className="ew-button ew-button--secondary" onClick={() => setPreview(!isPreview)} type="button">
              {isPreview ? w.edit : w.preview}
            </button>
            <button className="ew-button ew-button--secondary" onClick={close} type="button">
              {w.cancel}
            </button>
          </div>
        </InPlaceForm>
      </Disclosure>
    </>
  )
}
