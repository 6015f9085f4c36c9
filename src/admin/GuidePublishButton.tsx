import { PublishButton } from '@payloadcms/ui'
import { createLocalReq, type PublishButtonServerProps } from 'payload'

import { mayPublishGuideInForm } from './queries/guidePublishing.ts'
import { SubmitForReviewButton } from './SubmitForReviewButton.tsx'

/**
 * The guide's publish button: Payload's own for people whose edit of this
 * guide publishes (agents of its procedure's agency, editors, admins, trusted
 * citizens), "Submit for review" for the others.
 */
export const GuidePublishButton = async ({ id, payload, user }: PublishButtonServerProps) => {
  const req = await createLocalReq({ user }, payload)
  return (await mayPublishGuideInForm({ id: id ?? null, req })) ? <PublishButton /> : <SubmitForReviewButton />
}
