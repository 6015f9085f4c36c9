import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
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
 * The demo host's email adapter: SMTP through `@payloadcms/email-nodemailer`
 * when SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD and SMTP_FROM are all
 * set (TLS from the start on port 465, STARTTLS when the server offers it
 * otherwise); none of them, Payload's console adapter (emails are written to
 * the log). Some but not all of them is a mistake, refused at start with the
 * names of the missing ones.
 */
export const emailAdapterFromEnv = (env: Readonly<Record<string, string | undefined>> = process.env): Promise<EmailAdapter> | undefined => {
  const missing = smtpVariables.filter((name) => !env[name])
  if (missing.length === smtpVariables.length) return undefined
  if (missing.length > 0) {
    throw new Error(`SMTP is partly configured: set ${missing.join(', ')} as well, or none of the SMTP_ variables to write emails to the console.`)
  }
  const port = Number(env.SMTP_PORT)
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`SMTP_PORT must be a port number, got "${env.SMTP_PORT ?? ''}".`)
  }
  const from = parseFrom(env.SMTP_FROM ?? '')
  return nodemailerAdapter({
    defaultFromAddress: from.address,
    defaultFromName: from.name,
    // The app starts even when the mail server is down; sending retries (see the notifications jobs).
    skipVerify: true,
    transportOptions: {
      auth: { pass: env.SMTP_PASSWORD, user: env.SMTP_USER },
      host: env.SMTP_HOST,
      port,
      secure: port === 465,
    },
  })
}
