import type { JobsConfig, Payload, PayloadRequest, SanitizedCollectionConfig, TaskConfig } from 'payload'

import { siteUrlOf } from '../notifications/links.ts'
import type { MessageLocale, ResolvedOptions } from '../options.ts'
import { accountKey, requestLocale } from '../rateLimit/enforce.ts'
import { logStoreFailure } from '../rateLimit/storeFailures.ts'
import { accountStrings } from '../translations/accounts.ts'
import { fillIn } from '../translations/notifications.ts'
import { afterTransaction } from '../utilities/afterTransaction.ts'
import { isRecord } from '../utilities/ids.ts'
import { escapeHtml } from '../utilities/html.ts'
import { createQueueRunner, deleteCompletedJobs, withBackstopCron } from '../utilities/queueRunner.ts'

/**
 * The emails about an account that its owner did not ask for in so many
 * words: the confirmation of a sign-up's address, and the note to the owner
 * of an address someone signed up with again. They go through a jobs queue,
 * never inside the request: a mail server that is down does not fail the
 * sign-up (it is retried with backoff, `notifications.retry`), and a sign-up
 * with a new address and one with an address in use do the same work before
 * answering (one queued job each).
 */
export const accountEmailQueue = 'entraide-accounts'
export const accountEmailTaskSlug = 'entraide-account-email'

type AccountEmailKind = 'confirm' | 'known'

const runner = createQueueRunner({
  afterDrain: deleteCompletedJobs(accountEmailQueue, 'Entraide account emails'),
  continueAfter: 'full-run',
  logName: 'Entraide account emails',
  queue: accountEmailQueue,
  scheduleRetries: 'after-failure',
})

/** Resolves once no background run of account emails is going (tests). */
export const waitForAccountEmails = runner.waitForRuns

/** At most one email an hour to an address about sign-ups and sign-ins it did not finish. */
const accountMailWindowMs = 60 * 60_000

/**
 * Whether this address may get one more such email now. Counted in the rate
 * limit store, so that nobody can fill someone's mailbox by signing up with
 * their address again and again; when the store cannot be reached, the email
 * goes (it is the one way the owner hears of it).
 */
const mayWrite = async (req: PayloadRequest, options: ResolvedOptions, email: string): Promise<boolean> => {
  try {
    const { count } = await options.rateLimitStore.hit(`entraide:accountMail:${accountKey(email)}`, accountMailWindowMs)
    return count <= 1
  } catch (error) {
    logStoreFailure(req.payload, { error, msg: 'Entraide: the rate-limit store failed; account emails not limited.' })
    return true
  }
}

/**
 * Queues an email about an account, in the request's transaction when it has
 * one (a sign-up rolled back sends nothing), and runs the queue once that
 * transaction ends.
 */
const queueAccountEmail = async (
  req: PayloadRequest,
  options: ResolvedOptions,
  { kind, user }: { kind: AccountEmailKind; user: unknown },
  { isOutsideRequest = false }: { isOutsideRequest?: boolean } = {},
): Promise<void> => {
  if (typeof user !== 'string' && typeof user !== 'number') return
  const language = requestLocale(req, options.locale)
  const job = {
    input: { kind, language, user: String(user) },
    queue: accountEmailQueue,
    task: accountEmailTaskSlug,
  } as const
  if (isOutsideRequest) {
    // The request ends in a refusal, which would take the job with it: queued in a transaction
    // of its own once the request's has ended (on SQLite a write meanwhile would wait on that
    // open transaction while holding the process it needs).
    const { payload } = req
    afterTransaction(req, () => {
      setTimeout(() => {
        payload.jobs
          .queue(job)
          .then(() => runner.request(payload))
          .catch((error: unknown) => {
            payload.logger.error({ err: error, msg: 'Entraide: an account email could not be queued.' })
          })
      }, 100).unref?.()
    })
    return
  }
  await req.payload.jobs.queue({ ...job, req })
  runner.runAfterCommit(req)
}

/** The confirmation email of a new account (public sign-up), queued with it. */
export const queueConfirmation = (req: PayloadRequest, options: ResolvedOptions, user: unknown): Promise<void> =>
  queueAccountEmail(req, options, { kind: 'confirm', user })

type Account = Record<string, unknown>

/** Queues one email to an account's owner, unless its address already had one within the hour. */
const writeToOwner = async (
  req: PayloadRequest,
  options: ResolvedOptions,
  account: Account,
  kind: AccountEmailKind,
  { isOutsideRequest = false }: { isOutsideRequest?: boolean } = {},
): Promise<void> => {
  if (typeof account.email !== 'string' || !(await mayWrite(req, options, account.email))) return
  await queueAccountEmail(req, options, { kind, user: account.id }, { isOutsideRequest })
}

/**
 * Sends an account still waiting for confirmation its confirmation email
 * again, with the token it holds: a person who lost the first one gets it by
 * signing up or in once more (at most once an hour).
 */
export const resendConfirmation = (req: PayloadRequest, account: Account, options: ResolvedOptions): Promise<void> =>
  // The sign-in it comes from is refused: the email is queued outside that request's transaction.
  writeToOwner(req, options, account, 'confirm', { isOutsideRequest: true })

/**
 * Tells the owner of an address that someone asked for an account with it
 * (at most once an hour): nothing was created; sign in, get a new password,
 * or ignore it. An account still waiting for confirmation gets its
 * confirmation email again instead (its owner is most likely the one signing
 * up again).
 */
export const tellOwnerOfSignUp = (
  req: PayloadRequest,
  collection: SanitizedCollectionConfig,
  account: Account,
  options: ResolvedOptions,
): Promise<void> =>
  // Nothing is written for a sign-up with an address in use: the email is queued once its request has ended.
  writeToOwner(
    req,
    options,
    account,
    typeof collection.auth.verify === 'object' && account._verified === false ? 'confirm' : 'known',
    {
      isOutsideRequest: true,
    },
  )

/** The note to the owner of an address someone tried to sign up with. */
const knownAddressEmail = (req: PayloadRequest, language: MessageLocale) => {
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
  return { html, subject: known.subject, text }
}

/** The confirmation email, as the collection's `auth.verify` writes it, in the sign-up's language. */
const confirmationEmail = async (
  req: PayloadRequest,
  collection: SanitizedCollectionConfig,
  account: Account,
  language: MessageLocale,
) => {
  const verify = collection.auth.verify
  const token = account._verificationToken
  if (typeof verify !== 'object' || account._verified !== false || typeof token !== 'string' || token === '')
    return null
  // The words follow the request's language: the job's request gets the sign-up's.
  const inLanguage: PayloadRequest = { ...req, headers: new Headers({ 'accept-language': language }) }
  const html = verify.generateEmailHTML
    ? await verify.generateEmailHTML({ req: inLanguage, token, user: account })
    : `<p><a href="${escapeHtml(`${siteUrlOf(req)}${req.payload.config.routes.admin}/${collection.slug}/verify/${token}`)}">${escapeHtml(accountStrings[language].action)}</a></p>`
  const subject = verify.generateEmailSubject
    ? await verify.generateEmailSubject({ req: inLanguage, token, user: account })
    : accountStrings[language].subject
  const text = html
    .replace(/<a [^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/g, '$2: $1')
    .replace(/<[^>]+>/g, '\n')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim()
  return { html, subject, text }
}

const accountEmailTask = (
  options: ResolvedOptions,
): TaskConfig<{ input: { kind: string; language: string; user: string }; output: { status: string } }> => ({
  handler: async ({ input, job, req }) => {
    const collection = req.payload.collections[options.usersCollection]?.config
    const found: unknown = collection
      ? await req.payload.db.findOne({ collection: collection.slug, req, where: { id: { equals: input.user } } })
      : null
    if (!collection || !isRecord(found) || typeof found.email !== 'string') return { output: { status: 'skipped' } }
    const language: MessageLocale = input.language === 'en' ? 'en' : 'fr'
    const content =
      input.kind === 'known'
        ? knownAddressEmail(req, language)
        : await confirmationEmail(req, collection, found, language)
    // Confirmed since it was queued: nothing to send.
    if (content === null) return { output: { status: 'skipped' } }
    try {
      await req.payload.sendEmail({ ...content, to: found.email })
    } catch (error) {
      if (job.totalTried < options.notifications.retry.attempts) throw error
      req.payload.logger.error({
        err: error,
        msg: `Entraide: an account email (${input.kind}) could not be sent after ${job.totalTried + 1} tries; given up.`,
      })
      return { output: { status: 'failed' } }
    }
    return { output: { status: 'sent' } }
  },
  inputSchema: [
    { name: 'kind', required: true, type: 'text' },
    { name: 'language', required: true, type: 'text' },
    { name: 'user', required: true, type: 'text' },
  ],
  label: 'Entraide: email about an account',
  outputSchema: [{ name: 'status', type: 'text' }],
  retries: {
    attempts: options.notifications.retry.attempts,
    backoff: { delay: options.notifications.retry.delayMs, type: 'exponential' },
  },
  slug: accountEmailTaskSlug,
})

/** The host's jobs config with the account email task and its backstop cron (jobs left by a stopped process). */
export const withAccountEmailJobs = (jobs: JobsConfig | undefined, options: ResolvedOptions): JobsConfig => {
  const host = jobs ?? {}
  const autoRun = withBackstopCron(host.autoRun, {
    cron: options.notifications.cron,
    mode: 'auto',
    queue: accountEmailQueue,
  })
  return { ...host, autoRun, tasks: [...(host.tasks ?? []), accountEmailTask(options)] }
}

const stoppedOnDestroy = Symbol.for('entraide.accountEmails.stoppedOnDestroy')

/** Lets `payload.destroy()` first wait for the run under way, so nothing is written after the database closed. */
export const stopAccountEmailsOnDestroy = (payload: Payload): void => {
  if (Reflect.get(payload, stoppedOnDestroy) === true) return
  Reflect.set(payload, stoppedOnDestroy, true)
  const destroy = payload.destroy.bind(payload)
  payload.destroy = async () => {
    await runner.stop(payload)
    return destroy()
  }
}
