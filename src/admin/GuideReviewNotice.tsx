import type { UIFieldServerProps } from 'payload'

import { canPublishGuide } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'

/**
 * Shown above a guide to people whose edits wait for review (citizens not yet
 * trusted): their change is saved as a draft and an agent reviews it before
 * readers see it.
 */
export const GuideReviewNotice = ({ req }: UIFieldServerProps) => {
  if (canPublishGuide(actorFromRequest(req), optionsOf(req.payload).moderation.trustedReputation)) return null
  return (
    <div className="entraide-notice" role="note">
      <p>
        <strong>Your edit will be reviewed.</strong> When you submit it, it is saved as a draft: a public agent or an
        editor checks it before it replaces the guide readers see. You can keep improving your draft meanwhile.
      </p>
    </div>
  )
}
