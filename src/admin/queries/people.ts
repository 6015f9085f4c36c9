import type { PayloadRequest } from 'payload'

import { displayNamesOf } from '../../data/people.ts'
import { idKey } from '../../utilities/ids.ts'

/** Shown where a user's name is unknown (deleted account). */
export const unknownPerson = 'Former member'

/**
 * The public display names of the given users. Display names are public, so
 * they are read without the caller's access rules (which hide other profiles
 * from citizens); nothing else of the profile is read.
 */
export const displayNames = async ({ ids, req }: { req: PayloadRequest; ids: unknown[] }): Promise<Map<string, string>> =>
  displayNamesOf({ ids, req })

/** The display name of one user from a map built by `displayNames`. */
export const nameIn = (names: Map<string, string>, user: unknown): string | null => {
  const key = idKey(user)
  if (key === null) return null
  return names.get(key) ?? unknownPerson
}
