import type { FieldHook } from 'payload'

import { diffText, type DiffLine } from '../admin/textDiff.ts'
import { entraideT } from '../translations/i18n.ts'
import { decoders } from './documents.ts'
import { compareWithPublished } from './guideProposals.ts'
import { findDocByID } from './local.ts'

const marks = { added: '+', removed: '-', same: ' ' } as const

const lineText = (line: DiffLine): string[] => {
  if (line.kind === 'skipped') return [`  … (${line.count})`]
  if (line.kind !== 'changed') return [`${marks[line.kind]} ${line.text}`]
  const before = line.parts
    .filter((part) => part.kind !== 'added')
    .map((part) => part.text)
    .join('')
  const after = line.parts
    .filter((part) => part.kind !== 'removed')
    .map((part) => part.text)
    .join('')
  return [`- ${before}`, `+ ${after}`]
}

/**
 * A proposal's comparison as plain text, for the admin panel's read-only
 * field: the changes it makes to the published guide (`-` removed, `+`
 * added), and, when the published guide changed since it was written, the
 * places where both changed the same block. Computed on read; never stored.
 */
export const proposalComparisonText =
  (): FieldHook =>
  async ({ data, req }) => {
    if (!data) return null
    const parsed = safeDecode(data)
    if (!parsed || parsed.guide === null) return null
    const published = await findDocByID({ collection: 'guides', draft: false, id: parsed.guide, req })
    if (!published || published._status !== 'published') return null
    const comparison = compareWithPublished(parsed, published)
    const t = entraideT(req.i18n)
    const text = (title: string, lines: string[]) => [`# ${title}`, ...lines].join('\n')
    const sections = [
      ...(comparison.isStale ? [t('entraide:proposalComparisonStale')] : []),
      t('entraide:proposalComparisonChanges'),
      diffText(
        text(comparison.current.title, comparison.current.lines),
        text(comparison.proposal.title, comparison.proposal.lines),
      )
        .flatMap(lineText)
        .join('\n'),
      ...(comparison.merged.conflicts.length > 0
        ? [
            t('entraide:proposalComparisonConflicts', { count: comparison.merged.conflicts.length }),
            ...comparison.merged.conflicts.map((conflict) =>
              [
                ...conflict.base.map((line) => `  ${line}`),
                ...conflict.current.map((line) => `= ${line}`),
                ...conflict.proposal.map((line) => `+ ${line}`),
              ].join('\n'),
            ),
          ]
        : []),
    ]
    return sections.join('\n\n')
  }

const safeDecode = (data: unknown) => {
  try {
    return decoders['guide-proposals'](data)
  } catch {
    return null
  }
}
