import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, FieldHook, PayloadRequest } from 'payload'

import { votableCollections, type VotableCollection } from '../collections/Votes.ts'
import { PersonalDataError, type PersonalDataFindingSummary } from '../errors.ts'
import { describeFindings } from '../guard/describeFindings.ts'
import { detectPersonalDataInParts } from '../guard/detectInParts.ts'
import { editLexical, readLexical, type TextEdit } from '../guard/lexicalText.ts'
import { detectPersonalData, maskFinding } from '../guard/personalData.ts'
import { personalDataLabels, type PersonalDataFinding, type PersonalDataKind } from '../guard/personalDataKinds.ts'
import type { MessageLocale } from '../options.ts'
import { requestLocale } from '../rateLimit/enforce.ts'
import { idOf, isRecord, type ID } from '../utilities/ids.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'

/** How fields are named in messages; other fields are named as they are in the API. */
const fieldLabels: Readonly<Record<string, Record<MessageLocale, string>>> = {
  body: { en: 'text', fr: 'texte' },
  displayName: { en: 'display name', fr: 'nom affiché' },
  note: { en: 'note', fr: 'note' },
  reason: { en: 'reason', fr: 'motif' },
  slug: { en: 'address (slug)', fr: 'adresse (slug)' },
  title: { en: 'title', fr: 'titre' },
}

const labelOf = (field: string, locale: MessageLocale): string => fieldLabels[field]?.[locale] ?? field

/**
 * One field to screen. Fields are read in the order given, one after the
 * other as a reader sees them; `isChanged` is false for a stored value this
 * write keeps, read only to find an identifier that straddles it and a new one.
 */
type ScreenedField = {
  field: string
  kind: 'plain' | 'rich' | 'apart'
  value: unknown
  isChanged: boolean
}

/** Kind and field(s) of one identifier; `fields` only when it straddles several. */
type FindingSummary = PersonalDataFindingSummary & { fields?: string[] }

/** What `screenPersonalData` returns when it does not refuse. */
export type ScreenedTexts = {
  /** The values to store: masked where something was found, the same values otherwise. */
  values: Record<string, unknown>
  /** Kind and field of each identifier masked; empty when the texts were clean. */
  findings: PersonalDataFindingSummary[]
}

/** One identifier, where it is, and how to remove it from each field it touches. */
type Located = {
  finding: PersonalDataFinding
  fields: string[]
  /** For each field it touches: the stretch of that field's text, and what replaces it there. */
  edits: Array<{ field: string; edit: TextEdit }>
  /** For an identifier in a rich-text attribute (a link's address): which one. */
  attribute?: { field: string; index: number }
}

const summaryOf = ({ finding, fields }: Located): FindingSummary => ({
  field: fields[0] ?? '',
  kind: finding.kind,
  ...(fields.length > 1 ? { fields } : {}),
})

/** The refusal message: what was found (from `describeFindings`) and in which fields. */
const refusalMessage = (found: Located[], locale: MessageLocale): string => {
  const description = describeFindings(
    found.map((located) => located.finding),
    locale,
  )
  const labels = [...new Set(found.flatMap((located) => located.fields))].map((field) => labelOf(field, locale))
  const list = labels.join(', ')
  return locale === 'fr'
    ? `${description} ${labels.length > 1 ? 'Champs concernés' : 'Champ concerné'}\u00a0: ${list}.`
    : `${description} ${labels.length > 1 ? 'Fields' : 'Field'}: ${list}.`
}

const applyEdits = (text: string, edits: readonly TextEdit[]): string => {
  let edited = text
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    edited = edited.slice(0, edit.start) + edit.replacement + edited.slice(edit.end)
  }
  return edited
}

/**
 * Finds the identifiers in the fields of one write, read together: the
 * plain and rich-text fields one after the other as one text (so an
 * identifier cut between a title and its text, or between two paragraphs, is
 * found whole), each attribute of a rich-text value and each `apart` field
 * on its own. Identifiers lying wholly in unchanged fields are not this
 * write's.
 */
const locate = (fields: readonly ScreenedField[], kinds: readonly PersonalDataKind[]): Located[] => {
  const read = fields.flatMap((entry) => {
    if (entry.kind === 'rich' && isRecord(entry.value)) {
      const lexical = readLexical(entry.value)
      return [{ ...entry, attributes: lexical.attributes, text: lexical.text }]
    }
    return typeof entry.value === 'string' ? [{ ...entry, attributes: [], text: entry.value }] : []
  })
  const together = read.filter((entry) => entry.kind !== 'apart')
  const located: Located[] = detectPersonalDataInParts(
    together.map((entry) => ({ field: entry.field, text: entry.text })),
    { kinds },
  )
    .filter((finding) => finding.pieces.some((piece) => together[piece.part]?.isChanged === true))
    .map((finding) => ({
      edits: finding.pieces.map((piece, index) => ({
        edit: { end: piece.end, replacement: index === 0 ? maskFinding(finding) : '', start: piece.start },
        field: together[piece.part]?.field ?? '',
      })),
      fields: finding.fields,
      finding,
    }))
  for (const entry of read) {
    if (!entry.isChanged) continue
    const alone = entry.kind === 'apart' ? [{ index: -1, value: entry.text }] : []
    const attributes = entry.attributes.map((attribute, index) => ({ index, value: attribute.value }))
    for (const { index, value } of [...alone, ...attributes]) {
      for (const finding of detectPersonalData(value, { kinds })) {
        located.push({
          edits: [
            { edit: { end: finding.end, replacement: maskFinding(finding), start: finding.start }, field: entry.field },
          ],
          fields: [entry.field],
          finding,
          ...(index >= 0 ? { attribute: { field: entry.field, index } } : {}),
        })
      }
    }
  }
  return located
}

/** The values of the fields with every located identifier masked. */
const maskedValues = (fields: readonly ScreenedField[], located: readonly Located[]): Record<string, unknown> => {
  const values: Record<string, unknown> = {}
  for (const entry of fields) {
    const textEdits = located
      .filter((item) => item.attribute === undefined)
      .flatMap((item) => item.edits.filter((edit) => edit.field === entry.field).map((edit) => edit.edit))
    // Every edit of one attribute applied at once, to its value as stored.
    const editsByAttribute = new Map<number, TextEdit[]>()
    for (const item of located) {
      if (item.attribute?.field !== entry.field) continue
      const index = item.attribute.index
      editsByAttribute.set(index, [...(editsByAttribute.get(index) ?? []), ...item.edits.map((edit) => edit.edit)])
    }
    const attributes = editsByAttribute.size > 0 ? readLexical(entry.value).attributes : []
    const attributeEdits = new Map<number, string>()
    for (const [index, edits] of editsByAttribute) {
      const source = attributes[index]?.value
      if (source !== undefined) attributeEdits.set(index, applyEdits(source, edits))
    }
    if (textEdits.length === 0 && attributeEdits.size === 0) {
      if (entry.isChanged) values[entry.field] = entry.value
      continue
    }
    values[entry.field] =
      entry.kind === 'rich'
        ? editLexical(entry.value, { attributeEdits, textEdits })
        : typeof entry.value === 'string'
          ? applyEdits(entry.value, textEdits)
          : entry.value
  }
  return values
}

/**
 * Screens the fields of one write, given in reading order (see `locate`), as
 * the `personalData` option says: in `refuse` mode, throws
 * `PersonalDataError` (422) naming what was found and where; in `mask` mode,
 * returns the values with each identifier masked (unchanged fields included
 * when an identifier straddles them) and what was masked.
 */
const screenFields = (req: PayloadRequest, fields: readonly ScreenedField[]): ScreenedTexts => {
  const options = optionsOf(req.payload)
  const located = locate(fields, options.personalData.kinds)
  if (located.length > 0 && options.personalData.mode === 'refuse') {
    throw new PersonalDataError(refusalMessage(located, requestLocale(req, options.locale)), located.map(summaryOf))
  }
  return { findings: located.map(summaryOf), values: maskedValues(fields, located) }
}

/**
 * Screens texts a person is about to store for personal identifiers, as the
 * `personalData` option says. The plain fields, then the rich-text ones, are
 * read together in the order given, as one text (see `screenFields`). In
 * `refuse` mode, throws `PersonalDataError` (422) naming what was found and
 * where; in `mask` mode, returns the values with each identifier masked and
 * what was masked. Values that are not text (absent, or of a wrong type left
 * to validation) are returned unchanged.
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
  const fields: ScreenedField[] = [
    ...Object.entries(plain).map(([field, value]): ScreenedField => ({ field, isChanged: true, kind: 'plain', value })),
    ...Object.entries(rich).map(([field, value]): ScreenedField => ({ field, isChanged: true, kind: 'rich', value })),
  ]
  const screened = screenFields(req, fields)
  return { findings: screened.findings, values: { ...plain, ...rich, ...screened.values } }
}

/** The note of a `personal-data` report opened by the guard: kinds and fields, never the identifiers. */
const reportNote = (findings: PersonalDataFindingSummary[], locale: MessageLocale): string => {
  const parts = [
    ...new Set(
      findings.map((finding) => {
        const label = isPersonalDataKind(finding.kind) ? personalDataLabels[finding.kind][locale] : finding.kind
        const fields = fieldsOf(finding).map((field) => labelOf(field, locale))
        return `${label} (${fields.join(', ')})`
      }),
    ),
  ]
  return locale === 'fr'
    ? `Données personnelles masquées automatiquement à l’enregistrement\u00a0: ${parts.join(', ')}.`
    : `Personal data masked automatically when saved: ${parts.join(', ')}.`
}

const isPersonalDataKind = (kind: string): kind is keyof typeof personalDataLabels => kind in personalDataLabels

/** Every field a summary names: `fields` when the identifier straddles several, else `field`. */
const fieldsOf = (summary: PersonalDataFindingSummary): string[] => {
  const fields: unknown = 'fields' in summary ? summary.fields : undefined
  return Array.isArray(fields) && fields.every((field) => typeof field === 'string') ? fields : [summary.field]
}

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
 * Screens the text fields of a write before it is stored, on creation and on
 * every edit: `plain` and `rich` fields read together in the order given
 * (title, then text), `apart` fields each on its own (a slug made from the
 * title). On an edit, the stored value of a field the edit leaves alone is
 * read with the others, so that completing an identifier across the title
 * and the text in two edits is found too. In `mask` mode, what was masked is
 * remembered for `reportMaskedPersonalData`. Entraide's own system writes
 * carry no new text and are skipped, as are Local API writes made by server
 * code on nobody's behalf (the demo seed, imports): the guard is for what
 * people type.
 */
export const guardPersonalData =
  ({ apart = [], plain, rich = [] }: { plain: string[]; rich?: string[]; apart?: string[] }): CollectionBeforeChangeHook =>
  ({ collection, context, data, originalDoc, req }) => {
    if (context.isSystemWrite === true || !isRecord(data)) return data
    if (req.payloadAPI === 'local' && !req.user) return data
    const stored: Record<string, unknown> = isRecord(originalDoc) ? originalDoc : {}
    const fieldOf = (field: string, kind: ScreenedField['kind']): ScreenedField[] => {
      if (field in data) return [{ field, isChanged: true, kind, value: data[field] }]
      return kind !== 'apart' && field in stored ? [{ field, isChanged: false, kind, value: stored[field] }] : []
    }
    const fields = [
      ...plain.flatMap((field) => fieldOf(field, 'plain')),
      ...rich.flatMap((field) => fieldOf(field, 'rich')),
      ...apart.flatMap((field) => fieldOf(field, 'apart')),
    ]
    const { findings, values } = screenFields(req, fields)
    if (findings.length === 0) return data
    context[maskedKey(collection.slug)] = findings
    return { ...data, ...values }
  }

/**
 * A field hook screening the value of one plain-text field on its own (a
 * person's display name, shown next to everything they write), with the same
 * rules as `guardPersonalData`: refused (422) or masked as the `personalData`
 * option says; writes by server code on nobody's behalf are not screened.
 */
export const guardPersonalDataField =
  (field: string): FieldHook =>
  ({ req, value }) => {
    const incoming: unknown = value
    if (typeof incoming !== 'string') return incoming
    if (req.payloadAPI === 'local' && !req.user) return incoming
    const screened = screenFields(req, [{ field, isChanged: true, kind: 'plain', value: incoming }]).values[field]
    return typeof screened === 'string' ? screened : incoming
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
    if (!Array.isArray(masked)) return
    context[key] = undefined
    const saved: unknown = doc
    const id = isRecord(saved) ? idOf(saved.id) : null
    if (!isVotable(collection.slug) || id === null) return
    await openPersonalDataReport({ collection: collection.slug, findings: masked.filter(isSummary), id, req })
  }
