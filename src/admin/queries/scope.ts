import type { PayloadRequest } from 'payload'

import { canModerate, canReviewContributions } from '../../policies/contributions.ts'
import type { Actor } from '../../policies/roles.ts'
import { z } from 'zod'

import { idSchema } from '../../data/documents.ts'
import { findFields } from '../../data/local.ts'
import { distinctIds, type ID } from '../../utilities/ids.ts'

/**
 * The procedures an actor works on: `null` for editors and admins (all of
 * them), the procedures of their agency for an agent (none when the agent has
 * no agency), and none for anyone else.
 */
export const procedureScope = async ({ actor, req }: { req: PayloadRequest; actor: Actor | null }): Promise<ID[] | null> => {
  if (canModerate(actor)) return null
  if (!actor || !canReviewContributions(actor) || actor.agency === null) return []
  const docs = await findFields({
    collection: 'procedures',
    req,
    schema: z.object({ id: idSchema }),
    select: { slug: true },
    where: { agency: { equals: actor.agency } },
  })
  return docs.map((doc) => doc.id)
}

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
