import { idKey, isSameId, type ID } from '../utilities/ids.ts'

/** Points a contribution earns its author, beyond the votes it receives. */
export const reputationPoints = {
  acceptedAnswer: 15,
  validatedAnswer: 25,
  validatedTip: 25,
} as const

/**
 * One act of another person on someone's published contribution: a vote on
 * it, the asker accepting their answer, an agent validating their answer or
 * tip.
 */
export type ReputationAct =
  | { kind: 'vote'; by: ID; value: number }
  | { kind: 'accepted'; by: ID }
  | { kind: 'validated'; by: ID; what: 'answer' | 'tip' }

/** The reputation rules (from the `moderation` options). */
export type ReputationRules = {
  /** Most points, up or down, one person's votes and acceptances give another person. */
  maxPointsFromOnePerson: number
}

const pointsOf = (act: ReputationAct): number => {
  if (act.kind === 'vote') return Math.sign(act.value)
  if (act.kind === 'accepted') return reputationPoints.acceptedAnswer
  return act.what === 'answer' ? reputationPoints.validatedAnswer : reputationPoints.validatedTip
}

/**
 * A person's reputation, derived from other people's acts on their published
 * contributions: votes, answers the askers accepted, answers and tips agents
 * validated. Reputation nobody can farm alone:
 * - one's own acts count for nothing (accepting one's own answer to one's own question);
 * - acts of people without standing (`hasStanding`: accounts just made) count for nothing;
 * - one person's votes and acceptances together count at most
 *   `maxPointsFromOnePerson` points, up or down, towards another's reputation;
 * - validations are agents' official acts and count in full.
 * Never below zero, so a few down-votes cannot lock a newcomer out.
 */
export const reputationOf = ({
  acts,
  hasStanding,
  personId,
  rules,
}: {
  personId: ID
  acts: readonly ReputationAct[]
  /** Whether the person who did an act has standing. */
  hasStanding: (by: ID) => boolean
  rules: ReputationRules
}): number => {
  const community = new Map<string, number>()
  let official = 0
  for (const act of acts) {
    if (isSameId(act.by, personId) || !hasStanding(act.by)) continue
    if (act.kind === 'validated') {
      official += pointsOf(act)
      continue
    }
    const key = idKey(act.by) ?? ''
    community.set(key, (community.get(key) ?? 0) + pointsOf(act))
  }
  const cap = rules.maxPointsFromOnePerson
  let fromPeople = 0
  for (const points of community.values()) fromPeople += Math.max(-cap, Math.min(cap, points))
  return Math.max(0, official + fromPeople)
}
