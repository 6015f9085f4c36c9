import type { PayloadRequest } from 'payload'

import { z } from 'zod'

import { idSchema } from '../../data/documents.ts'
import { findFields } from '../../data/local.ts'
import { distinctIds, type ID } from '../../utilities/ids.ts'

/** Titles of procedures by id. */
export const procedureTitles = async ({ ids, req }: { req: PayloadRequest; ids: unknown[] }): Promise<Map<string, string>> => {
  const wanted = distinctIds(ids)
  const titles = new Map<string, string>()
  if (wanted.length === 0) return titles
  const docs = await findFields({
    collection: 'procedures',
    req,
    schema: z.object({ id: idSchema, title: z.string() }),
    select: { title: true },
    where: { id: { in: wanted } },
  })
  for (const doc of docs) titles.set(String(doc.id), doc.title)
  return titles
}

/** One line of a long text, for lists. */
export const excerpt = (text: unknown, length = 160): string => {
  const flat = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : ''
  return flat.length > length ? `${flat.slice(0, length - 1).trimEnd()}…` : flat
}
