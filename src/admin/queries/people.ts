import type { PayloadRequest } from 'payload'

import { displayNamesOf } from '../../data/people.ts'
import { entraideT } from '../../translations/i18n.ts'
import { idKey } from '../../utilities/ids.ts'

/** Public names by user id, and what stands for an account that no longer exists, in the request's language. */
export type PeopleNames = { names: Map<string, string>; formerMember: string }

/**
 * The public display names of the given users. Display names are public, so
 * they are read without the caller's access rules (which hide other profiles
 * from citizens); nothing else of the profile is read.
 */
export const displayNames = async ({ ids, req }: { req: PayloadRequest; ids: unknown[] }): Promise<PeopleNames> => ({
  formerMember: entraideT(req.i18n)('entraide:formerMember'),
  names: await displayNamesOf({ ids, req }),
})

/** The display name of one user from the names built by `displayNames`; null when there is no user. */
export const nameIn = ({ formerMember, names }: PeopleNames, user: unknown): string | null => {
  const key = idKey(user)
  if (key === null) return null
  return names.get(key) ?? formerMember
}
