import type { PayloadRequest, SanitizedCollectionConfig } from 'payload'

import { siteUrlOf } from '../notifications/deliver.ts'
import type { ResolvedOptions } from '../options.ts'
import { accountKey, requestLocale } from '../rateLimit/enforce.ts'
import { accountStrings } from '../translations/accounts.ts'
import { fillIn } from '../translations/notifications.ts'

/** At most one email an hour to an address about sign-ups and sign-ins it did not finish. */
const accountMailWindowMs = 60 * 60_000

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)

/**
 * Whether this address may get one more such email now. Counted in the rate
 * limit store, so that nobody can fill someone's mailbox by signing up with
 * their address again and again; when the store cannot be reached, the email
 * goes (it is the one way the owner hears of it).
 */
const mayWrite = async (options: ResolvedOptions, email: string): Promise<boolean> => {
  try {
    const { count } = await options.rateLimitStore.hit(`entraide:accountMail:${accountKey(email)}`, accountMailWindowMs)
    return count <= 1
  } catch {
    return true
  }
}

/** Sends an email to an account's owner; a failure is logged, never answered (the answer must not differ). */
const send = async (req: PayloadRequest, email: { to: string; subject: string; html: string; text: string }) => {
  try {
    await req.payload.sendEmail(email)
  } catch (error) {
    req.payload.logger.error({ err: error, msg: 'Entraide: an email about an account could not be sent.' })
  }
}

type Account = Record<string, unknown>

/**
 * Sends an account still waiting for confirmation its confirmation email
 * again (the collection's own `auth.verify` email, with the token it holds):
 * a person who lost the first one gets it by signing up or in once more.
 */
export const resendConfirmation = async (
  req: PayloadRequest,
  collection: SanitizedCollectionConfig,
  account: Account,
  options: ResolvedOptions,
): Promise<void> => {
  const verify = collection.auth.verify
  const { _verificationToken: token, email } = account
  if (typeof verify !== 'object' || typeof token !== 'string' || token === '' || typeof email !== 'string') return
  if (!(await mayWrite(options, email))) return
  const html = verify.generateEmailHTML
    ? await verify.generateEmailHTML({ req, token, user: account })
    : `<p><a href="${escapeHtml(`${siteUrlOf(req)}${req.payload.config.routes.admin}/${collection.slug}/verify/${token}`)}">${escapeHtml(token)}</a></p>`
  const subject = verify.generateEmailSubject
    ? await verify.generateEmailSubject({ req, token, user: account })
    : accountStrings[requestLocale(req, options.locale)].subject
  await send(req, { html, subject, text: html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim(), to: email })
}

/**
 * Tells the owner of an address that someone asked for an account with it:
 * nothing was created, sign in, or get a new password, or ignore it. An
 * account still waiting for confirmation gets its confirmation email again
 * instead (its owner is most likely the one signing up again).
 */
export const tellOwnerOfSignUp = async (
  req: PayloadRequest,
  collection: SanitizedCollectionConfig,
  account: Account,
  options: ResolvedOptions,
): Promise<void> => {
  if (typeof collection.auth.verify === 'object' && account._verified === false) {
    await resendConfirmation(req, collection, account, options)
    return
  }
  const { email } = account
  if (typeof email !== 'string' || !(await mayWrite(options, email))) return
  const language = requestLocale(req, options.locale)
  const { known } = accountStrings[language]
  const site = siteUrlOf(req)
  const resetUrl = `${site}${req.payload.config.routes.admin}/forgot`
  const intro = fillIn(known.intro, { site: new URL(site).host })
  const html = `<!doctype html><html lang="${language}"><body style="font-family: system-ui, sans-serif;">
<p>${escapeHtml(intro)}</p>
<p>${escapeHtml(known.signIn)} <a href="${escapeHtml(site)}">${escapeHtml(site)}</a></p>
<p>${escapeHtml(known.reset)} <a href="${escapeHtml(resetUrl)}">${escapeHtml(resetUrl)}</a></p>
<p>${escapeHtml(known.ignore)}</p>
</body></html>`
  const text = `${intro}\n\n${known.signIn} ${site}\n\n${known.reset} ${resetUrl}\n\n${known.ignore}\n`
  await send(req, { html, subject: known.subject, text, to: email })
}
