import type { CollectionAfterLoginHook, CollectionBeforeOperationHook } from 'payload'

import { clearRateLimit, enforceRateLimitInHook } from '../rateLimit/enforce.ts'
import { clearSignInDelay, enforceSignInDelay } from '../rateLimit/signInDelay.ts'
import { isRecord } from '../utilities/ids.ts'

/** The account identifier a sign-in attempt tries: its email, or its username. */
const accountTried = (args: unknown): string | undefined => {
  if (!isRecord(args) || !isRecord(args.data)) return undefined
  const { email, username } = args.data
  if (typeof email === 'string' && email.trim() !== '') return email
  return typeof username === 'string' && username.trim() !== '' ? username : undefined
}

/**
 * Limits sign-ups (an account created by nobody signed in, per client
 * address) and sign-in attempts and password-reset requests, before Payload
 * does any work: first the progressive delays per account tried and address
 * (`enforceSignInDelay`), then the ceilings per account tried and per
 * address (one budget). Refused requests get 429 and `Retry-After`. An
 * attempt refused by its delay is not counted against the account's
 * ceiling, so one address cannot use up the owner's budget.
 */
export const rateLimitAccounts =
  (): CollectionBeforeOperationHook =>
  async ({ args, operation, req }) => {
    if (operation === 'login' || operation === 'forgotPassword') {
      const account = accountTried(args)
      await enforceSignInDelay({ account, req })
      await enforceRateLimitInHook({ account, category: 'signIn', req })
    } else if (operation === 'create' && !req.user) {
      await enforceRateLimitInHook({ category: 'signUp', req })
    }
    return args
  }

/**
 * A successful sign-in clears the attempts counted for that account (by email
 * and by username), and its delays from the address it signed in from.
 */
export const clearSignInAttempts =
  (): CollectionAfterLoginHook =>
  async ({ req, user }) => {
    if (req.payloadAPI === 'local' || !isRecord(user)) return
    for (const account of [user.email, user.username]) {
      if (typeof account === 'string' && account !== '') {
        await clearRateLimit({ account, category: 'signIn', req })
        await clearSignInDelay({ account, req })
      }
    }
  }
