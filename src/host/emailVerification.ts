import type {
  CollectionAfterLoginHook,
  CollectionConfig,
  Endpoint,
  Field,
  Payload,
  PayloadRequest,
  VerifyConfig,
} from 'payload'

import { siteUrlOf } from '../notifications/links.ts'
import type { ResolvedOptions } from '../options.ts'
import { requestLocale } from '../rateLimit/enforce.ts'
import { accountStrings } from '../translations/accounts.ts'
import { fillIn } from '../translations/notifications.ts'
import { isRecord } from '../utilities/ids.ts'
import { escapeHtml, htmlPage } from '../utilities/html.ts'

/** The path, under the auth collection's REST route, of the page an emailed link opens. */
export const confirmEmailPath = '/confirm-email'

/** Payload's verification tokens: 20 random bytes in hex. */
const tokenPattern = /^[0-9a-f]{40}$/

const stringsOf = (req: PayloadRequest, options: ResolvedOptions) => {
  const language = requestLocale(req, options.locale)
  return { language, strings: accountStrings[language] }
}

/** The address the email's link opens: the page below, on the public site's address. */
const confirmUrlOf = (req: PayloadRequest, slug: string, token: string): string =>
  `${siteUrlOf(req)}${req.payload.config.routes.api}/${slug}${confirmEmailPath}?token=${encodeURIComponent(token)}`

/**
 * Payload's `auth.verify` with Entraide's email: in the language of the
 * sign-up request (French or English, else the site's), with a link to the
 * confirmation page below rather than to the admin panel, where citizens have
 * nothing to do. A host's own `generateEmailHTML` or `generateEmailSubject` is kept.
 */
const verifyConfig = (
  slug: string,
  options: ResolvedOptions,
  host: VerifyConfig | boolean | undefined,
): VerifyConfig => {
  const own = typeof host === 'object' ? host : {}
  return {
    generateEmailHTML: ({ req, token, user }) => {
      if (!req) throw new Error('Entraide: the verification email needs the request.')
      const { language, strings } = stringsOf(req, options)
      const person: unknown = user
      const name = isRecord(person) ? person[options.users.layout.displayName] : null
      const url = confirmUrlOf(req, slug, token)
      const site = new URL(siteUrlOf(req)).host
      return `<!doctype html><html lang="${language}"><body style="font-family: system-ui, sans-serif;">
<p>${escapeHtml(fillIn(strings.greeting, { name: typeof name === 'string' ? name : '' }).replace(/ ,$/, ','))}</p>
<p>${escapeHtml(fillIn(strings.intro, { site }))}</p>
<p><a href="${escapeHtml(url)}">${escapeHtml(strings.action)}</a></p>
<p>${escapeHtml(url)}</p>
<p>${escapeHtml(strings.ignore)}</p>
</body></html>`
    },
    generateEmailSubject: ({ req }) =>
      req ? stringsOf(req, options).strings.subject : accountStrings[options.locale].subject,
    ...own,
  }
}

/**
 * The auth settings of the host's collection with email verification on
 * (`users.requireEmailVerification`), or as the host set them when it is off.
 */
export const authWithVerification = (users: CollectionConfig, options: ResolvedOptions): CollectionConfig['auth'] => {
  if (!options.users.requireEmailVerification) return users.auth
  const auth = typeof users.auth === 'object' ? users.auth : {}
  return { ...auth, verify: verifyConfig(users.slug, options, auth.verify) }
}

/**
 * While the plugin is disabled, verification is off (Payload would otherwise
 * ask accounts made by admins to confirm, with nothing to confirm them), and
 * its two columns stay as hidden fields so the schema does not move.
 */
export const verificationColumns = (options: ResolvedOptions): Field[] =>
  options.users.requireEmailVerification
    ? [
        { name: '_verified', type: 'checkbox', hidden: true },
        { name: '_verificationToken', type: 'text', hidden: true },
      ]
    : []

const page = (language: 'fr' | 'en', title: string, message: string, extra: string, status: number): Response =>
  htmlPage({ extra, language, message, status, title })

const tokenOf = (req: PayloadRequest): string | null => {
  const token = typeof req.query.token === 'string' ? req.query.token : ''
  return tokenPattern.test(token) ? token : null
}

/** Whether an account waits for this token (without confirming it). */
const isPendingToken = async (req: PayloadRequest, slug: string, token: string): Promise<boolean> => {
  const found: unknown = await req.payload.db.findOne({
    collection: slug,
    req,
    where: { _verificationToken: { equals: token } },
  })
  return isRecord(found)
}

type PageText = ReturnType<typeof stringsOf>

/**
 * An endpoint at `/api/{users}/confirm-email?token=…`: an unknown, used or
 * missing token gets a 400 page that says what to do; a pending one goes to
 * `answer`, with the page's language and words and a link back to the site.
 */
const confirmationEndpoint = (
  method: 'get' | 'post',
  slug: string,
  options: ResolvedOptions,
  answer: (req: PayloadRequest, token: string, text: PageText & { back: string }) => Promise<Response>,
): Endpoint => ({
  handler: async (req) => {
    const text = stringsOf(req, options)
    const back = `<p><a href="${escapeHtml(siteUrlOf(req))}">${escapeHtml(text.strings.back)}</a></p>`
    const token = tokenOf(req)
    if (token === null || !(await isPendingToken(req, slug, token))) {
      return page(text.language, text.strings.pageTitle, text.strings.invalid, back, 400)
    }
    return answer(req, token, { ...text, back })
  },
  method,
  path: confirmEmailPath,
})

/**
 * `GET /api/{users}/confirm-email?token=…`: the page the email's link opens.
 * It changes nothing by itself (mail scanners open links) and offers the
 * button that confirms.
 */
const confirmPageEndpoint = (slug: string, options: ResolvedOptions): Endpoint =>
  confirmationEndpoint('get', slug, options, async (_req, token, { language, strings }) => {
    const form = `<form method="post" action="?token=${escapeHtml(encodeURIComponent(token))}"><button type="submit">${escapeHtml(strings.action)}</button></form>`
    return page(language, strings.pageTitle, strings.pageAsk, form, 200)
  })

/**
 * `POST /api/{users}/confirm-email?token=…`: confirms the address (Payload's
 * `verifyEmail`, which also clears the token, so a link works once). The
 * token is the only credential: no session, any body.
 */
const confirmEndpoint = (slug: string, options: ResolvedOptions): Endpoint =>
  confirmationEndpoint('post', slug, options, async (req, token, { back, language, strings }) => {
    await req.payload.verifyEmail({ collection: slug, token })
    return page(language, strings.pageTitle, strings.confirmed, back, 200)
  })

/** The confirmation page and its button, when email verification is on. */
export const confirmEmailEndpoints = (slug: string, options: ResolvedOptions): Endpoint[] =>
  options.users.requireEmailVerification ? [confirmPageEndpoint(slug, options), confirmEndpoint(slug, options)] : []

/**
 * A password reset is done through a link sent to the address, which proves
 * it as well as the confirmation link does: an account still waiting for
 * confirmation (its first email lost) is confirmed by it. Sign-in itself never
 * gets here unconfirmed, Payload refuses it first.
 */
export const confirmOnPasswordReset =
  (): CollectionAfterLoginHook =>
  async ({ collection, req, user }) => {
    const person: unknown = user
    // Payload keeps the user as it was when a hook answers nothing.
    if (!collection.auth.verify || !isRecord(person) || person._verified !== false) return undefined
    const id = person.id
    if (typeof id !== 'string' && typeof id !== 'number') return undefined
    await req.payload.db.updateOne({
      collection: collection.slug,
      data: { _verificationToken: null, _verified: true },
      id,
      req,
      returning: false,
    })
    return { ...person, _verified: true }
  }

/**
 * Marks confirmed the accounts made before verification was required (their
 * `_verified` is empty): Payload's sessions accept confirmed accounts only,
 * so they would otherwise sign in and then be nobody. The committed migrations
 * do the same; this covers a development database and a host's own
 * migrations. Nothing is written when no such account exists; a failure is
 * logged and the start goes on.
 */
export const confirmAccountsFromBefore = async (payload: Payload, options: ResolvedOptions): Promise<void> => {
  // Payload's migrate command starts the app before the tables exist; the migrations do this themselves.
  if (!options.users.requireEmailVerification || process.env.PAYLOAD_MIGRATING === 'true') return
  const collection = options.usersCollection
  try {
    const where = { _verified: { exists: false } }
    const { totalDocs } = await payload.db.count({ collection, where })
    if (totalDocs === 0) return
    const transactionID = (await payload.db.beginTransaction()) ?? undefined
    try {
      await payload.db.updateMany({ collection, data: { _verified: true }, req: { transactionID }, where })
      if (transactionID !== undefined) await payload.db.commitTransaction(transactionID)
    } catch (error) {
      if (transactionID !== undefined) await payload.db.rollbackTransaction(transactionID)
      throw error
    }
    payload.logger.info(
      `Entraide: ${totalDocs} account(s) made before email confirmation was required marked confirmed.`,
    )
  } catch (error) {
    payload.logger.error({
      err: error,
      msg: 'Entraide: could not mark the accounts made before email confirmation as confirmed.',
    })
  }
}
