import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

import {
  AuthenticationError,
  ValidationError,
  validations,
  type CollectionBeforeOperationHook,
  type PayloadRequest,
  type Where,
} from 'payload'

import { resendConfirmation, tellOwnerOfSignUp } from '../host/accountEmails.ts'
import type { ResolvedOptions } from '../options.ts'
import { requestLocale } from '../rateLimit/enforce.ts'
import { accountStrings } from '../translations/accounts.ts'
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

/** Payload's prefix of a current hash; an older hash (25,000 rounds, a 512-byte key) has none. */
const currentHashPrefix = 'pbkdf2-sha256-v1:'

/** Whether a password is the account's, checked as Payload's local strategy checks it (the same work). */
const passwordMatches = async (password: string, account: { hash: string; salt: string }): Promise<boolean> => {
  const isCurrent = account.hash.startsWith(currentHashPrefix)
  const stored = Buffer.from(isCurrent ? account.hash.slice(currentHashPrefix.length) : account.hash, 'hex')
  const computed = await pbkdf2Async(
    password,
    account.salt,
    isCurrent ? passwordHashing.iterations : 25_000,
    isCurrent ? passwordHashing.keyLength : 512,
    passwordHashing.digest,
  )
  return stored.length === computed.length && timingSafeEqual(stored, computed)
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
const hasPassword = (
  account: { hash?: unknown; salt?: unknown } | null,
): account is { hash: string; salt: string } & Record<string, unknown> =>
  account !== null && typeof account.hash === 'string' && typeof account.salt === 'string'

/** The `data` of an operation's arguments (sign-in credentials, a new account), when it has some. */
const dataOf = (args: unknown): Record<string, unknown> | null =>
  isRecord(args) && isRecord(args.data) ? args.data : null

/** What a public sign-up with an email already in use is told when it must be refused: nothing about that account. */
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
 *   is incorrect.": the same status, body and work either way. An account
 *   whose address is not confirmed yet gets that same 401 whether its
 *   password is right or wrong (Payload would answer a right one with a 403
 *   that tells a sign-up just made from one already there); with the right
 *   one, its confirmation email is sent again (at most once an hour).
 *
 * Runs for requests only (not the Local API), after the rate limits.
 */
export const uniformAccountAnswers =
  (options: ResolvedOptions): CollectionBeforeOperationHook =>
  async ({ args, collection, operation, req }) => {
    const data = dataOf(args)
    if (operation !== 'login' || req.payloadAPI === 'local' || data === null) return args
    if (typeof data.password !== 'string' || data.password.trim() === '') return args
    const account = await findAccount(req, collection.slug, data)
    if (!hasPassword(account)) {
      await hashLikePayload(data.password)
      return args
    }
    if (collection.auth.verify && account._verified === false) {
      if (await passwordMatches(data.password, account)) await resendConfirmation(req, account, options)
      throw new AuthenticationError(req.t)
    }
    return args
  }

/** Whether an error is Payload's refusal of a new account whose email (or username) is registered. */
const isRegisteredRefusal = (error: unknown, req: PayloadRequest): boolean =>
  error instanceof ValidationError &&
  error.data.errors.some(
    ({ message, path }) =>
      (path === 'email' && message === req.t('error:userEmailAlreadyRegistered')) ||
      (path === 'username' && message === req.t('error:usernameAlreadyRegistered')),
  )

/**
 * The answer of a public sign-up (`POST /api/{users}` by nobody signed in),
 * alike for a new address and one that has an account.
 *
 * Payload validates a new account's fields, then refuses a registered email
 * (or username) in words that say so, then checks the password and hashes
 * it. On that refusal, this goes on as for a new account: the same password
 * check (a too-short password is refused alike), the same hashing; then the
 * owner of the address is told by email (at most once an hour; an account
 * still waiting for confirmation gets its confirmation email again). With
 * email verification on, both answer 201 with the same words: an email went
 * to that address. With it off, a new account is usable at once and its 201
 * carries it, so a known address cannot be hidden: it gets a 400 whose words
 * say nothing about that account.
 */
export const uniformSignUp =
  (options: ResolvedOptions) =>
  async (req: PayloadRequest, create: () => Promise<Response>): Promise<Response> => {
    const sent = () =>
      Response.json(
        { message: accountStrings[requestLocale(req, options.locale)].signUpSent },
        { headers: { 'Cache-Control': 'no-store' }, status: 201 },
      )
    try {
      const created = await create()
      return options.users.requireEmailVerification && created.status === 201 ? sent() : created
    } catch (error) {
      if (!isRegisteredRefusal(error, req)) throw error
      const collection = req.payload.collections[options.usersCollection]?.config
      const data = isRecord(req.data) ? req.data : {}
      const password = typeof data.password === 'string' ? data.password : undefined
      // The check Payload makes of a new account's password, before it hashes it.
      const verdict = validations.password(password, {
        name: 'password',
        type: 'text',
        blockData: {},
        data: {},
        event: 'submit',
        path: ['password'],
        preferences: { fields: {} },
        req,
        required: true,
        siblingData: {},
      })
      if (typeof verdict === 'string') {
        throw new ValidationError({ collection: options.usersCollection, errors: [{ message: verdict, path: 'password' }] })
      }
      if (password !== undefined) await hashLikePayload(password)
      const account = collection ? await findAccount(req, collection.slug, data) : null
      if (collection && account) await tellOwnerOfSignUp(req, collection, account, options)
      const message = signUpRefusal(requestLocale(req, options.locale))
      if (!options.users.requireEmailVerification) {
        throw new ValidationError({ collection: options.usersCollection, errors: [{ message, path: 'email' }] })
      }
      return sent()
    }
  }
