import { PublishButton } from '@payloadcms/ui'
import type { PublishButtonServerProps } from 'payload'

import { canPublishGuide } from '../policies/contributions.ts'
import { actorOf } from '../policies/roles.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { SubmitForReviewButton } from './SubmitForReviewButton.tsx'

/**
 * The guide's publish button: Payload's own for people who may publish
 * (agents and above, trusted citizens), "Submit for review" for the others.
 */
export const GuidePublishButton = ({ payload, user }: PublishButtonServerProps) =>
  canPublishGuide(actorOf(user, optionsOf(payload).users.layout), optionsOf(payload).moderation.trustedReputation) ? (
    <PublishButton />
  ) : (
    <SubmitForReviewButton />
  )
