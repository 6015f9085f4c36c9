import type { PayloadRequest } from 'payload'

import { idOf, isRecord, type ID } from '../../utilities/ids'
import { usersCollectionOf } from '../../utilities/pluginOptions'

/** Shown where a user's name is unknown (deleted account). */
export const unknownPerson = 'Former member'

/**
 * The public display names of the given users. Display names are public, so
 * they are read without the caller's access rules (which hide other profiles
 * from citizens); nothing else of the profile is read.
 */
export const displayNames = async ({ ids, req }: { req: PayloadRequest; ids: unknown[] }): Promise<Map<ID, string>> => {
  const wanted = [...new Set(ids.map(idOf).filter((id): id is ID => id !== null))]
  const names = new Map<ID, string>()
  if (wanted.length === 0) return names
  const { docs } = await req.payload.find({
    collection: usersCollectionOf(req.payload),
    depth: 0,
    limit: wanted.length,
    overrideAccess: true,
    pagination: false,
    req,
    where: { id: { in: wanted } },
  })
  for (const doc of docs) {
    const record: unknown = doc
    if (isRecord(record) && typeof record.displayName === 'string') names.set(String(record.id), record.displayName)
  }
  return names
}

/** The display name of one user from a map built by `displayNames`. */
export const nameIn = (names: Map<ID, string>, user: unknown): string | null => {
  const id = idOf(user)
  if (id === null) return null
  return names.get(id) ?? unknownPerson
}
