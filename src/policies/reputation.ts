/** Points a contribution earns its author, beyond the votes it receives. */
export const reputationPoints = {
  acceptedAnswer: 15,
  validatedAnswer: 25,
  validatedTip: 25,
} as const

/**
 * A person's reputation, derived from what they contributed: the sum of the
 * votes received on their published answers, tips and questions, plus points
 * for answers the askers accepted and for answers and tips agents validated.
 * Never below zero, so a few down-votes cannot lock a newcomer out.
 */
export const reputationOf = ({
  acceptedAnswers,
  validatedAnswers,
  validatedTips,
  voteScore,
}: {
  voteScore: number
  acceptedAnswers: number
  validatedAnswers: number
  validatedTips: number
}): number =>
  Math.max(
    0,
    voteScore +
      acceptedAnswers * reputationPoints.acceptedAnswer +
      validatedAnswers * reputationPoints.validatedAnswer +
      validatedTips * reputationPoints.validatedTip,
  )
