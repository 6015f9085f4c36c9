import type { PayloadRequest } from 'payload'

import { roleOf, type Role } from '../policies/roles.ts'
import { distinctIds, idOf, isRecord } from '../utilities/ids.ts'
import { optionsOf, usersCollectionOf } from '../utilities/pluginOptions.ts'
import type { ID } from './documents.ts'

/** What anyone may know of a person: the name they chose, their role and agency. */
export type PublicProfile = {
  id: ID
  displayName: string
  role: Role
  agency: ID | null
}

/** Shown for an account whose display name is empty. */
const unnamed = 'Member'

/**
 * The public profiles of the given users, read from the host's auth collection
 * through the field layout the plugin was configured with. Profiles are public,
 * so they are read without the caller's access rules; only the layout's
 * display name, role and agency fields are selected, never an email or a hash.
 */
export const loadPublicProfiles = async ({ ids, req }: { req: PayloadRequest; ids: readonly unknown[] }): Promise<PublicProfile[]> => {
  const wanted = distinctIds(ids)
  if (wanted.length === 0) return []
  const { layout } = optionsOf(req.payload).users
  const { docs } = await req.payload.find({
    collection: usersCollectionOf(req.payload),
    depth: 0,
    limit: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { [layout.agency]: true, [layout.displayName]: true, [layout.role]: true },
    where: { id: { in: wanted } },
  })
  const profiles: PublicProfile[] = []
  const found: unknown[] = docs
  for (const doc of found) {
    if (!isRecord(doc)) continue
    const id = idOf(doc.id)
    if (id === null) continue
    const name = doc[layout.displayName]
    profiles.push({
      agency: idOf(doc[layout.agency]),
      displayName: typeof name === 'string' && name.trim().length > 0 ? name : unnamed,
      id,
      role: roleOf(doc, layout),
    })
  }
  return profiles
}

/** The display names of the given users, keyed by `String(id)`. */
export const displayNamesOf = async ({ ids, req }: { req: PayloadRequest; ids: readonly unknown[] }): Promise<Map<string, string>> => {
  const profiles = await loadPublicProfiles({ ids, req })
  return new Map(profiles.map((profile) => [String(profile.id), profile.displayName]))
}
