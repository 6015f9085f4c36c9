import type { Endpoint } from 'payload'

import type { ResolvedOptions } from '../options.js'
import { promoteAnswerEndpoint, validateAnswerEndpoint } from './answerEndpoints.js'
import { reportEndpoint, voteEndpoint } from './feedbackEndpoints.js'
import { verifyGuideEndpoint } from './guideEndpoints.js'
import { acceptAnswerEndpoint } from './threadEndpoints.js'
import { promoteTipEndpoint, validateTipEndpoint } from './tipEndpoints.js'

/** The domain endpoints of each Entraide collection, by slug. */
export const collectionEndpoints = (_options: ResolvedOptions): Record<string, Endpoint[]> => ({
  answers: [validateAnswerEndpoint(), promoteAnswerEndpoint(), voteEndpoint('answers'), reportEndpoint('answers')],
  guides: [verifyGuideEndpoint(), voteEndpoint('guides'), reportEndpoint('guides')],
  threads: [acceptAnswerEndpoint(), voteEndpoint('threads'), reportEndpoint('threads')],
  tips: [validateTipEndpoint(), promoteTipEndpoint(), voteEndpoint('tips'), reportEndpoint('tips')],
})
