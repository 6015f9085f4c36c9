import type { Endpoint } from 'payload'

import type { ResolvedOptions } from '../options.ts'
import { promoteAnswerEndpoint, validateAnswerEndpoint } from './answerEndpoints.ts'
import { reportEndpoint, voteEndpoint } from './feedbackEndpoints.ts'
import {
  acceptGuideProposalEndpoint,
  compareGuideProposalEndpoint,
  proposeGuideEditEndpoint,
  publishGuideEditEndpoint,
  refuseGuideProposalEndpoint,
  rejectGuideEditEndpoint,
  verifyGuideEndpoint,
} from './guideEndpoints.ts'
import { moderateEndpoint, resolveReportEndpoint } from './moderationEndpoints.ts'
import { acceptAnswerEndpoint } from './threadEndpoints.ts'
import { promoteTipEndpoint, validateTipEndpoint } from './tipEndpoints.ts'
import { reverifyEndpoint } from './reverifyEndpoints.ts'
import { helpfulEndpoint, helpfulnessCountsEndpoint } from './helpfulnessEndpoints.ts'

/** The domain endpoints of each Entraide collection, by slug. */
export const collectionEndpoints = (_options: ResolvedOptions): Record<string, Endpoint[]> => ({
  answers: [
    validateAnswerEndpoint(),
    promoteAnswerEndpoint(),
    voteEndpoint('answers'),
    reportEndpoint('answers'),
    moderateEndpoint('answers'),
    reverifyEndpoint('answers'),
    helpfulEndpoint('answers'),
    helpfulnessCountsEndpoint('answers'),
  ],
  'guide-proposals': [compareGuideProposalEndpoint(), acceptGuideProposalEndpoint(), refuseGuideProposalEndpoint()],
  guides: [
    verifyGuideEndpoint(),
    proposeGuideEditEndpoint(),
    publishGuideEditEndpoint(),
    rejectGuideEditEndpoint(),
    voteEndpoint('guides'),
    reportEndpoint('guides'),
    reverifyEndpoint('guides'),
    helpfulEndpoint('guides'),
    helpfulnessCountsEndpoint('guides'),
  ],
  reports: [resolveReportEndpoint()],
  threads: [acceptAnswerEndpoint(), voteEndpoint('threads'), reportEndpoint('threads'), moderateEndpoint('threads')],
  tips: [
    validateTipEndpoint(),
    promoteTipEndpoint(),
    voteEndpoint('tips'),
    reportEndpoint('tips'),
    moderateEndpoint('tips'),
    reverifyEndpoint('tips'),
  ],
  'wiki-pages': [reverifyEndpoint('wiki-pages'), helpfulEndpoint('wiki-pages'), helpfulnessCountsEndpoint('wiki-pages')],
})
