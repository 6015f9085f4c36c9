import type { PayloadRequest } from 'payload'

import { NotFoundError } from '../errors.ts'
import { isRecord, parseId, type ID } from '../utilities/ids.ts'

/** The latest revision of a guide and its status. */
export type LatestRevision = { versionId: ID; status: 'draft' | 'published'; updatedAt: string }

/**
 * The latest revision of a guide the caller may review; 404 when the guide is
 * unknown or not visible to them.
 */
export const latestGuideRevision = async ({ guideId, req }: { req: PayloadRequest; guideId: ID }): Promise<LatestRevision> => {
  const id = parseId(guideId)
  if (id === null) throw new NotFoundError('guide', guideId)
  const { docs } = await req.payload.findVersions({
    collection: 'guides',
    depth: 0,
    limit: 1,
    overrideAccess: false,
    req,
    sort: '-updatedAt',
    user: req.user,
    where: { and: [{ parent: { equals: id } }, { latest: { equals: true } }] },
  })
  const latest = docs[0]
  if (!latest || !isRecord(latest.version)) throw new NotFoundError('guide', guideId)
  return {
    status: latest.version._status === 'published' ? 'published' : 'draft',
    updatedAt: latest.updatedAt,
    versionId: String(latest.id),
  }
}
