import type { Endpoint } from 'payload'

import type { ResolvedOptions } from '../options'
import { promoteAnswerEndpoint, validateAnswerEndpoint } from './answerEndpoints'
import { reportEndpoint, voteEndpoint } from './feedbackEndpoints'
import { verifyGuideEndpoint } from './guideEndpoints'
import { moderateEndpoint, resolveReportEndpoint } from './moderationEndpoints'
import { acceptAnswerEndpoint } from './threadEndpoints'
import { promoteTipEndpoint, validateTipEndpoint } from './tipEndpoints'

/** The domain endpoints of each Entraide collection, by slug. */
export const collectionEndpoints = (_options: ResolvedOptions): Record<string, Endpoint[]> => ({
  answers: [
    validateAnswerEndpoint(),
    promoteAnswerEndpoint(),
    voteEndpoint('answers'),
    reportEndpoint('answers'),
    moderateEndpoint('answers'),
  ],
  guides: [verifyGuideEndpoint(), voteEndpoint('guides'), reportEndpoint('guides')],
  reports: [resolveReportEndpoint()],
  threads: [acceptAnswerEndpoint(), voteEndpoint('threads'), reportEndpoint('threads'), moderateEndpoint('threads')],
  tips: [
    validateTipEndpoint(),
    promoteTipEndpoint(),
    voteEndpoint('tips'),
    reportEndpoint('tips'),
    moderateEndpoint('tips'),
  ],
})
