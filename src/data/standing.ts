import type { PayloadRequest } from 'payload'

import { hasStanding } from '../policies/standing.ts'
import { publishedContributionsOfAccount } from './publishedContributions.ts'
import { actorOf } from '../policies/roles.ts'
import { distinctIds, idKey, isRecord } from '../utilities/ids.ts'
import { optionsOf, usersCollectionOf } from '../utilities/pluginOptions.ts'

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
    // An account not counted yet costs queries: only for accounts that pass on everything else.
    if (!hasStanding(record, rules, now)) continue
    const published = person.role === 'citizen' ? await publishedContributionsOfAccount(req, doc) : 0
    if (hasStanding({ ...record, publishedContributions: published }, rules, now)) found.add(idKey(person.id) ?? '')
  }
  return found
}
