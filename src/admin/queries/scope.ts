import type { PayloadRequest } from 'payload'

import { canModerate, canReviewContributions } from '../../policies/contributions'
import type { Actor } from '../../policies/roles'
import { idOf, type ID } from '../../utilities/ids'

/**
 * The procedures an actor works on: `null` for editors and admins (all of
 * them), the procedures of their agency for an agent (none when the agent has
 * no agency), and none for anyone else.
 */
export const procedureScope = async ({ actor, req }: { req: PayloadRequest; actor: Actor | null }): Promise<ID[] | null> => {
  if (canModerate(actor)) return null
  if (!actor || !canReviewContributions(actor) || actor.agency === null) return []
  const { docs } = await req.payload.find({
    collection: 'procedures',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { slug: true },
    where: { agency: { equals: actor.agency } },
  })
  return docs.map((doc) => idOf(doc.id)).filter((id): id is ID => id !== null)
}

/** Titles of procedures by id. */
export const procedureTitles = async ({ ids, req }: { req: PayloadRequest; ids: unknown[] }): Promise<Map<ID, string>> => {
  const wanted = [...new Set(ids.map(idOf).filter((id): id is ID => id !== null))]
  const titles = new Map<ID, string>()
  if (wanted.length === 0) return titles
  const { docs } = await req.payload.find({
    collection: 'procedures',
    depth: 0,
    limit: wanted.length,
    overrideAccess: true,
    pagination: false,
    req,
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
