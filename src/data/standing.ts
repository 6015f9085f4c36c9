import type { PayloadRequest } from 'payload'

import { hasStanding } from '../policies/standing.ts'
import { actorOf } from '../policies/roles.ts'
import { distinctIds, idKey, isRecord, type ID } from '../utilities/ids.ts'
import { optionsOf, usersCollectionOf } from '../utilities/pluginOptions.ts'

const contributionSlugs = ['threads', 'answers', 'tips'] as const

const publishedContributions = async (req: PayloadRequest, author: ID, enough: number): Promise<number> => {
  let total = 0
  for (const collection of contributionSlugs) {
    if (total >= enough) break
    const { totalDocs } = await req.payload.count({
      collection,
      overrideAccess: true,
      req,
      where: { and: [{ author: { equals: author } }, { visibility: { equals: 'published' } }] },
    })
    total += totalDocs
  }
  return total
}

/**
 * Which of the given accounts have standing (`hasStanding`, with the
 * `moderation.standing` option), as a set of id keys (`idKey`). Unknown
 * accounts have none.
 */
export const accountsWithStanding = async ({
  ids,
  req,
}: {
  req: PayloadRequest
  ids: readonly unknown[]
}): Promise<Set<string>> => {
  const wanted = distinctIds(ids)
  const found = new Set<string>()
  if (wanted.length === 0) return found
  const options = optionsOf(req.payload)
  const rules = options.moderation.standing
  const { docs } = await req.payload.find({
    collection: usersCollectionOf(req.payload),
    depth: 0,
    limit: 0,
    overrideAccess: true,
    pagination: false,
    req,
    where: { id: { in: wanted } },
  })
  const now = new Date()
  for (const doc of docs) {
    const person = actorOf(doc, options.users.layout)
    if (!person || !isRecord(doc)) continue
    const createdAt = typeof doc.createdAt === 'string' ? doc.createdAt : null
    const record = { createdAt, publishedContributions: rules.minPublishedContributions, role: person.role }
    // Counting contributions costs queries: only for accounts that pass on everything else.
    if (!hasStanding(record, rules, now)) continue
    const published =
      person.role === 'citizen' ? await publishedContributions(req, person.id, rules.minPublishedContributions) : 0
    if (hasStanding({ ...record, publishedContributions: published }, rules, now)) found.add(idKey(person.id) ?? '')
  }
  return found
}
