import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { votableCollections, type VotableCollection } from '../../collections/Votes'
import { PersonalDataError, type PersonalDataFindingSummary } from '../errors'
import { describeFindings } from '../guard/describeFindings'
import { maskIdentifier } from '../guard/maskIdentifier'
import { detectPersonalData } from '../guard/personalData'
import { personalDataLabels, type PersonalDataFinding } from '../guard/personalDataKinds'
import type { MessageLocale } from '../options'
import { requestLocale } from '../rateLimit/enforce'
import { isRecord, type ID } from '../utilities/ids'
import { optionsOf } from '../utilities/pluginOptions'

/** How fields are named in messages; other fields are named as they are in the API. */
const fieldLabels: Readonly<Record<string, Record<MessageLocale, string>>> = {
  body: { en: 'text', fr: 'texte' },
  note: { en: 'note', fr: 'note' },
  title: { en: 'title', fr: 'titre' },
}

const labelOf = (field: string, locale: MessageLocale): string => fieldLabels[field]?.[locale] ?? field

/** What one field holds, to be screened: plain text, or a Lexical rich-text value. */
type Screenable = { field: string; kind: 'plain'; value: string } | { field: string; kind: 'rich'; value: unknown }

type FieldFindings = { field: string; findings: PersonalDataFinding[] }

/** What `screenPersonalData` returns when it does not refuse. */
export type ScreenedTexts = {
  /** The values to store: masked where something was found, the same values otherwise. */
  values: Record<string, unknown>
  /** Kind and field of each identifier masked; empty when the texts were clean. */
  findings: PersonalDataFindingSummary[]
}

// ---------------------------------------------------------------------------
// Lexical rich text: the plain text of its text nodes, with a way back to them.

/** Inline nodes whose text continues the surrounding sentence; any other node with children is a block. */
const inlineTypes: ReadonlySet<string> = new Set(['link', 'autolink', 'text', 'linebreak', 'tab'])

type TextSegment = { node: Record<string, unknown>; start: number; end: number }

/**
 * The plain text of a Lexical value as a reader sees it: text nodes of one
 * block joined (so an identifier split by formatting is still one), blocks and
 * line breaks separated by a newline. Walked with an explicit stack, so a
 * hostile, deeply nested value cannot exhaust the call stack.
 */
const plainTextOf = (value: unknown): { text: string; segments: TextSegment[] } => {
  let text = ''
  const segments: TextSegment[] = []
  const root = isRecord(value) ? value.root : undefined
  const stack: Array<{ node: unknown; isExit: boolean }> = [{ isExit: false, node: root }]
  const breakLine = () => {
    if (text !== '' && !text.endsWith('\n')) text += '\n'
  }
  while (stack.length > 0) {
    const entry = stack.pop()
    if (entry === undefined || !isRecord(entry.node)) continue
    const node = entry.node
    const type = typeof node.type === 'string' ? node.type : ''
    if (entry.isExit) {
      breakLine()
      continue
    }
    if (type === 'text' && typeof node.text === 'string') {
      segments.push({ end: text.length + node.text.length, node, start: text.length })
      text += node.text
    } else if (type === 'linebreak') {
      text += '\n'
    } else if (type === 'tab') {
      text += '\t'
    } else if (Array.isArray(node.children)) {
      const isBlock = !inlineTypes.has(type)
      if (isBlock) {
        breakLine()
        stack.push({ isExit: true, node })
      }
      for (let index = node.children.length - 1; index >= 0; index--) {
        stack.push({ isExit: false, node: node.children[index] })
      }
    }
  }
  return { segments, text }
}

/**
 * A copy of a Lexical value with each finding masked in its text nodes. An
 * identifier spread over several nodes gets its whole mask in the first and
 * is removed from the others.
 */
const maskRichText = (value: unknown, findings: PersonalDataFinding[]): unknown => {
  const copy: unknown = structuredClone(value)
  const { segments } = plainTextOf(copy)
  const edits = new Map<Record<string, unknown>, Array<{ from: number; to: number; replacement: string }>>()
  for (const finding of findings) {
    const mask = maskIdentifier(finding)
    let isFirst = true
    for (const segment of segments) {
      if (segment.end <= finding.start || segment.start >= finding.end) continue
      const from = Math.max(finding.start, segment.start) - segment.start
      const to = Math.min(finding.end, segment.end) - segment.start
      edits.set(segment.node, [...(edits.get(segment.node) ?? []), { from, replacement: isFirst ? mask : '', to }])
      isFirst = false
    }
  }
  for (const [node, nodeEdits] of edits) {
    let text = typeof node.text === 'string' ? node.text : ''
    for (const edit of [...nodeEdits].sort((a, b) => b.from - a.from)) {
      text = text.slice(0, edit.from) + edit.replacement + text.slice(edit.to)
    }
    node.text = text
  }
  return copy
}

// ---------------------------------------------------------------------------

const maskPlainText = (text: string, findings: PersonalDataFinding[]): string => {
  let masked = ''
  let copiedUpTo = 0
  for (const finding of findings) {
    masked += text.slice(copiedUpTo, finding.start) + maskIdentifier(finding)
    copiedUpTo = finding.end
  }
  return masked + text.slice(copiedUpTo)
}

/** The refusal message: what was found (from `describeFindings`) and in which fields. */
const refusalMessage = (found: FieldFindings[], locale: MessageLocale): string => {
  const description = describeFindings(
    found.flatMap((entry) => entry.findings),
    locale,
  )
  const labels = found.map((entry) => labelOf(entry.field, locale))
  const list = labels.join(', ')
  return locale === 'fr'
    ? `${description} ${labels.length > 1 ? 'Champs concernés' : 'Champ concerné'}\u00a0: ${list}.`
    : `${description} ${labels.length > 1 ? 'Fields' : 'Field'}: ${list}.`
}

const summariesOf = (found: FieldFindings[]): PersonalDataFindingSummary[] =>
  found.flatMap(({ field, findings }) => findings.map((finding) => ({ field, kind: finding.kind })))

/**
 * Screens texts a person is about to store for personal identifiers, as the
 * `personalData` option says. In `refuse` mode, throws `PersonalDataError`
 * (422) naming what was found and where; in `mask` mode, returns the values
 * with each identifier masked and what was masked. Values that are not text
 * (absent, or of a wrong type left to validation) are returned unchanged.
 */
export const screenPersonalData = ({
  req,
  plain = {},
  rich = {},
}: {
  req: PayloadRequest
  /** Plain-text fields by name. */
  plain?: Record<string, unknown>
  /** Lexical rich-text fields by name. */
  rich?: Record<string, unknown>
}): ScreenedTexts => {
  const options = optionsOf(req.payload)
  const kinds = options.personalData.kinds
  const screenables: Screenable[] = [
    ...Object.entries(plain).flatMap(([field, value]): Screenable[] =>
      typeof value === 'string' ? [{ field, kind: 'plain', value }] : [],
    ),
    ...Object.entries(rich).flatMap(([field, value]): Screenable[] =>
      isRecord(value) ? [{ field, kind: 'rich', value }] : [],
    ),
  ]
  const found: FieldFindings[] = []
  const values: Record<string, unknown> = { ...plain, ...rich }
  for (const screenable of screenables) {
    const text = screenable.kind === 'plain' ? screenable.value : plainTextOf(screenable.value).text
    const findings = detectPersonalData(text, { kinds })
    if (findings.length === 0) continue
    found.push({ field: screenable.field, findings })
    values[screenable.field] =
      screenable.kind === 'plain' ? maskPlainText(screenable.value, findings) : maskRichText(screenable.value, findings)
  }
  if (found.length > 0 && options.personalData.mode === 'refuse') {
    throw new PersonalDataError(refusalMessage(found, requestLocale(req, options.locale)), summariesOf(found))
  }
  return { findings: summariesOf(found), values }
}

/** The note of a `personal-data` report opened by the guard: kinds and fields, never the identifiers. */
const reportNote = (findings: PersonalDataFindingSummary[], locale: MessageLocale): string => {
  const parts = [
    ...new Set(
      findings.map(({ field, kind }) => {
        const label = isPersonalDataKind(kind) ? personalDataLabels[kind][locale] : kind
        return `${label} (${labelOf(field, locale)})`
      }),
    ),
  ]
  return locale === 'fr'
    ? `Données personnelles masquées automatiquement à l’enregistrement\u00a0: ${parts.join(', ')}.`
    : `Personal data masked automatically when saved: ${parts.join(', ')}.`
}

const isPersonalDataKind = (kind: string): kind is keyof typeof personalDataLabels => kind in personalDataLabels

/**
 * Opens a `personal-data` report with no reporter on an item whose text was
 * masked, so moderators know; an open one already there is kept instead of
 * adding another.
 */
export const openPersonalDataReport = async ({
  collection,
  findings,
  id,
  req,
}: {
  req: PayloadRequest
  collection: VotableCollection
  id: ID
  findings: PersonalDataFindingSummary[]
}): Promise<void> => {
  const targetKey = `${collection}:${id}`
  const { totalDocs } = await req.payload.count({
    collection: 'reports',
    overrideAccess: true,
    req,
    where: {
      and: [
        { targetKey: { equals: targetKey } },
        { reason: { equals: 'personal-data' } },
        { reporter: { exists: false } },
        { status: { equals: 'open' } },
      ],
    },
  })
  if (totalDocs > 0) return
  await req.payload.create({
    collection: 'reports',
    data: {
      note: reportNote(findings, optionsOf(req.payload).locale),
      reason: 'personal-data',
      status: 'open',
      target: { relationTo: collection, value: id },
      targetKey,
    },
    overrideAccess: true,
    req,
  })
}

/** Where the guard leaves what it masked in a write, for the report opened once the item has an id. */
const maskedKey = (collection: string): string => `entraide:personalData:masked:${collection}`

/**
 * Screens the text fields of a contribution before it is stored, on creation
 * and on every edit (see `screenPersonalData`). In `mask` mode, what was
 * masked is remembered for `reportMaskedPersonalData`. Entraide's own system
 * writes carry no new text and are skipped, as are Local API writes made by
 * server code on nobody's behalf (the demo seed, imports): the guard is for
 * what people type.
 */
export const guardPersonalData =
  ({ plain, rich = [] }: { plain: string[]; rich?: string[] }): CollectionBeforeChangeHook =>
  ({ collection, context, data, req }) => {
    if (context.isSystemWrite === true || !isRecord(data)) return data
    if (req.payloadAPI === 'local' && !req.user) return data
    const pick = (fields: string[]) =>
      Object.fromEntries(fields.filter((field) => field in data).map((field) => [field, data[field]]))
    const { findings, values } = screenPersonalData({ plain: pick(plain), req, rich: pick(rich) })
    if (findings.length === 0) return data
    context[maskedKey(collection.slug)] = findings
    return { ...data, ...values }
  }

const isVotable = (slug: string): slug is VotableCollection => votableCollections.some((votable) => votable === slug)

const isSummary = (value: unknown): value is PersonalDataFindingSummary =>
  isRecord(value) && typeof value.kind === 'string' && typeof value.field === 'string'

/** After a write whose text was masked, opens the `personal-data` report on the item. */
export const reportMaskedPersonalData =
  (): CollectionAfterChangeHook =>
  async ({ collection, context, doc, req }) => {
    const key = maskedKey(collection.slug)
    const masked = context[key]
    if (!Array.isArray(masked)) return doc
    context[key] = undefined
    const id: unknown = isRecord(doc) ? doc.id : undefined
    if (!isVotable(collection.slug) || typeof id !== 'string') return doc
    await openPersonalDataReport({ collection: collection.slug, findings: masked.filter(isSummary), id, req })
    return doc
  }
