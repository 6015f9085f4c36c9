import type { Role } from './roles.ts'

/** What makes an account count for others (from the `moderation.standing` option). */
export type StandingRules = {
  /** Hours since the account was created. */
  minAccountAgeHours: number
  /** Published questions, answers and tips of one's own. */
  minPublishedContributions: number
}

/** What standing reads of an account. */
export type StandingRecord = {
  role: Role
  /** When the account was created (ISO date); null when unknown. */
  createdAt: string | null
  publishedContributions: number
}

const hourMs = 3_600_000

/**
 * Whether an account has standing: its acts (votes, acceptances) count towards
 * other people's reputation. Accounts made by admins for agents, editors and
 * admins always have it; a community account once it is old enough and has
 * published contributions of its own, so that accounts made a minute ago to
 * farm someone's reputation count for nothing.
 */
export const hasStanding = (record: StandingRecord, rules: StandingRules, now: Date = new Date()): boolean => {
  if (record.role !== 'citizen') return true
  const created = record.createdAt === null ? Number.NaN : Date.parse(record.createdAt)
  if (!Number.isFinite(created)) return false
  return (
    now.getTime() - created >= rules.minAccountAgeHours * hourMs &&
    record.publishedContributions >= rules.minPublishedContributions
  )
}
