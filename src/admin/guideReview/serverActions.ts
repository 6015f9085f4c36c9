'use server'

import config from '@payload-config'
import { headers } from 'next/headers'
import { createLocalReq, getPayload } from 'payload'

import { EntraideError } from '../../errors'
import { parseId } from '../../utilities/ids'
import { publishGuideEdit } from './publishGuideEdit'
import { rejectGuideEdit } from './rejectGuideEdit'

/** What a guide review action tells the admin panel. */
export type GuideReviewResult = { isOk: true } | { isOk: false; message: string }

type Review = typeof publishGuideEdit | typeof rejectGuideEdit

/**
 * Runs a review action as the person signed in to the admin panel (their
 * session cookie), turning Entraide's errors into their message.
 */
const asSignedInPerson = async (review: Review, guideId: unknown): Promise<GuideReviewResult> => {
  const id = parseId(guideId)
  if (id === null) return { isOk: false, message: 'Unknown guide.' }
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: await headers() })
  if (!user) return { isOk: false, message: 'Your session has expired: sign in again.' }
  const req = await createLocalReq({ user }, payload)
  try {
    await review({ guideId: id, req })
    return { isOk: true }
  } catch (error) {
    if (error instanceof EntraideError) return { isOk: false, message: error.message }
    payload.logger.error({ err: error, msg: 'Entraide: a guide review failed' })
    return { isOk: false, message: 'The review could not be saved. Try again in a moment.' }
  }
}

/** Publishes the draft waiting on a guide. */
export const publishGuideEditAction = async (guideId: string): Promise<GuideReviewResult> =>
  asSignedInPerson(publishGuideEdit, guideId)

/** Rejects the draft waiting on a guide: the published version becomes the latest again. */
export const rejectGuideEditAction = async (guideId: string): Promise<GuideReviewResult> =>
  asSignedInPerson(rejectGuideEdit, guideId)
