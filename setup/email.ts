import { createTransport } from 'nodemailer'
import type { EmailAdapter } from 'payload'

/** The SMTP settings the demo host reads from its environment. */
const smtpVariables = ['SMTP_HOST', 'SMTP_PORT', 'SMTP_USER', 'SMTP_PASSWORD', 'SMTP_FROM'] as const

/** `Entraide <no-reply@example.org>` or a bare address, as name and address. */
const parseFrom = (from: string): { name: string; address: string } => {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from)
  if (match) return { address: match[2] ?? '', name: match[1]?.replace(/^"|"$/g, '') || 'Entraide' }
  return { address: from.trim(), name: 'Entraide' }
}

/**
 * A Payload email adapter over a nodemailer SMTP transport: what
 * `@payloadcms/email-nodemailer` does, without its pinned Payload version.
 * Messages without a sender get the default one.
 */
const smtpAdapter =
  ({ from, transport }: { from: { name: string; address: string }; transport: ReturnType<typeof createTransport> }): EmailAdapter =>
  () => ({
    defaultFromAddress: from.address,
    defaultFromName: from.name,
    name: 'smtp',
    sendEmail: async (message): Promise<unknown> => {
      const sent: unknown = await transport.sendMail({ from: { address: from.address, name: from.name }, ...message })
      return sent
    },
  })

/** The addresses of an HTML message's links, so that a developer can follow them from the log. */
const linksOf = (html: unknown): string[] =>
  typeof html === 'string'
    ? [...html.matchAll(/href="([^"]+)"/g)].map((match) => (match[1] ?? '').replace(/&#38;/g, '&'))
    : []

/**
 * Payload's console adapter, with the message's links: in development the
 * link that confirms a new account's email address is read from the log.
 */
const consoleAdapter: EmailAdapter = ({ payload }) => ({
  defaultFromAddress: 'no-reply@entraide.localhost',
  defaultFromName: 'Entraide',
  name: 'console',
  sendEmail: (message): Promise<unknown> => {
    const to = Array.isArray(message.to) ? message.to.join(', ') : String(message.to ?? '')
    payload.logger.info(
      `Email (not sent, no SMTP_ settings) to ${to}: ${message.subject ?? ''} ${linksOf(message.html).join(' ')}`,
    )
    return Promise.resolve()
  },
})

/**
 * The demo host's email adapter: SMTP through nodemailer when SMTP_HOST,
 * SMTP_PORT, SMTP_USER, SMTP_PASSWORD and SMTP_FROM are all set (TLS from
 * the start on port 465, STARTTLS when the server offers it otherwise); none
 * of them, a console adapter (emails are written to the log, with their links). Some
 * but not all of them is a mistake, refused at start with the names of the
 * missing ones. The app starts even when the mail server is down: sending
 * retries (see the notification jobs).
 */
export const emailAdapterFromEnv = (env: Readonly<Record<string, string | undefined>> = process.env): EmailAdapter | undefined => {
  const missing = smtpVariables.filter((name) => !env[name])
  if (missing.length === smtpVariables.length) return consoleAdapter
  if (missing.length > 0) {
    throw new Error(`SMTP is partly configured: set ${missing.join(', ')} as well, or none of the SMTP_ variables to write emails to the console.`)
  }
  const port = Number(env.SMTP_PORT)
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`SMTP_PORT must be a port number, got "${env.SMTP_PORT ?? ''}".`)
  }
  const transport = createTransport({
    auth: { pass: env.SMTP_PASSWORD, user: env.SMTP_USER },
    host: env.SMTP_HOST,
    port,
    secure: port === 465,
  })
  return smtpAdapter({ from: parseFrom(env.SMTP_FROM ?? ''), transport })
}
