import { pbkdf2, randomBytes } from 'node:crypto'
import { promisify } from 'node:util'

import { ValidationError, type CollectionBeforeOperationHook, type PayloadRequest, type Where } from 'payload'

import type { ResolvedOptions } from '../options.ts'
import { requestLocale } from '../rateLimit/enforce.ts'
import { isRecord } from '../utilities/ids.ts'

const pbkdf2Async = promisify(pbkdf2)

/**
 * Payload's password hashing (`generatePasswordSaltHash` and the local
 * strategy's `authenticate`, payload 3.x): PBKDF2-SHA256, 600,000 iterations,
 * a 32-byte key, a salt of 32 random bytes in hex.
 */
const passwordHashing = { digest: 'sha256', iterations: 600_000, keyLength: 32, saltBytes: 32 } as const

/**
 * Hashes a password the way Payload checks one, and throws the result away:
 * the work Payload does for an account that exists, done for one that does not.
 */
const hashLikePayload = async (password: string): Promise<void> => {
  const salt = randomBytes(passwordHashing.saltBytes).toString('hex')
  await pbkdf2Async(password, salt, passwordHashing.iterations, passwordHashing.keyLength, passwordHashing.digest)
}

const sanitized = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.toLowerCase().trim() : null

/**
 * The account a sign-in or sign-up names, looked up as Payload's login does
 * (email, or username when the collection signs in with usernames; trashed
 * accounts excluded). Answers with its stored hash, if any.
 */
const findAccount = async (
  req: PayloadRequest,
  slug: string,
  data: Record<string, unknown>,
): Promise<{ hash?: unknown; salt?: unknown } | null> => {
  const collection = req.payload.collections[slug]?.config
  if (!collection) return null
  const values = [sanitized(data.email), sanitized(data.username)].filter((value) => value !== null)
  if (values.length === 0) return null
  const fields = collection.auth.loginWithUsername ? ['email', 'username'] : ['email']
  const or: Where[] = fields.flatMap((field) => values.map((value) => ({ [field]: { equals: value } })))
  const where: Where = collection.trash ? { and: [{ or }, { deletedAt: { exists: false } }] } : { or }
  const found: unknown = await req.payload.db.findOne({ collection: slug, req, where })
  return isRecord(found) ? found : null
}

/** Whether an account holds a password hash Payload will check. */
const hasPassword = (account: { hash?: unknown; salt?: unknown } | null): boolean =>
  account !== null && typeof account.hash === 'string' && typeof account.salt === 'string'

/** The `data` of an operation's arguments (sign-in credentials, a new account), when it has some. */
const dataOf = (args: unknown): Record<string, unknown> | null =>
  isRecord(args) && isRecord(args.data) ? args.data : null

/** What a public sign-up with an email already in use is told: nothing about that account. */
const signUpRefusal = (locale: 'fr' | 'en'): string =>
  locale === 'fr'
    ? 'Impossible de créer un compte avec ces informations. Si vous avez déjà un compte, connectez-vous ou réinitialisez votre mot de passe.'
    : 'An account cannot be created with these details. If you already have an account, sign in or reset your password.'

/**
 * Makes the auth collection answer alike whether an account exists or not.
 *
 * - Sign-in: Payload hashes the password only when the account exists (about
 *   0.4 s), and answers an unknown email at once. For an unknown email, or an
 *   account without a password, this hashes the password the same way first,
 *   then lets Payload answer its usual 401 "The email or password provided
 *   is incorrect.": the same status, body and work either way.
 * - Public sign-up with an email (or username) already in use: Payload says
 *   that a user with this email is registered. This hashes the password as a
 *   new account's would be, then refuses with a 400 validation error on the
 *   email whose words say nothing about that account.
 *
 * Runs for requests only (not the Local API), after the rate limits.
 */
export const uniformAccountAnswers =
  (options: ResolvedOptions): CollectionBeforeOperationHook =>
  async ({ args, collection, operation, overrideAccess, req }) => {
    const data = dataOf(args)
    if (req.payloadAPI === 'local' || data === null) return args
    if (operation === 'login') {
      if (typeof data.password !== 'string' || data.password.trim() === '') return args
      if (!hasPassword(await findAccount(req, collection.slug, data))) await hashLikePayload(data.password)
      return args
    }
    const isSignUp = operation === 'create' && !req.user && overrideAccess !== true
    if (isSignUp && (await findAccount(req, collection.slug, data)) !== null) {
      if (typeof data.password === 'string' && data.password !== '') await hashLikePayload(data.password)
      throw new ValidationError({
        collection: collection.slug,
        errors: [{ message: signUpRefusal(requestLocale(req, options.locale)), path: 'email' }],
      })
    }
    return args
  }
