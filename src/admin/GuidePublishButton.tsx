import { PublishButton } from '@payloadcms/ui'
import { createLocalReq, type PublishButtonServerProps } from 'payload'

import { canWriteGuides } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { mayPublishGuideInForm } from './queries/guidePublishing.ts'
import { SubmitForReviewButton } from './SubmitForReviewButton.tsx'

/**
 * The guide's publish button: Payload's own for people whose edit of this
 * guide publishes (agents of its procedure's agency, editors, admins),
 * "Submit for review" for an agent of another agency, none for citizens, who
 * propose edits from the procedure page instead.
 */
export const GuidePublishButton = async ({ id, payload, user }: PublishButtonServerProps) => {
  const req = await createLocalReq({ user }, payload)
  if (!canWriteGuides(actorFromRequest(req))) return null
  return (await mayPublishGuideInForm({ id: id ?? null, req })) ? <PublishButton /> : <SubmitForReviewButton />
}
