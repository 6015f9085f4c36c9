import type { AddressInfo } from 'node:net'

import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

import { emailAdapterFromEnv } from '../../setup/email.ts'

/** A message the test SMTP server received: parsed, with its raw header lines by lower-case name. */
export type ReceivedMail = { parsed: ParsedMail; header: (name: string) => string | undefined; to: string }

export type TestSmtpServer = {
  port: number
  messages: ReceivedMail[]
  /** While set, every message is refused with a temporary failure (451). */
  setFailing: (isFailing: boolean) => void
  close: () => Promise<void>
}

/**
 * A real SMTP server on 127.0.0.1 and a random port, which accepts any
 * credentials over a plain connection (no STARTTLS) and keeps what it receives.
 */
export const startSmtpServer = async (): Promise<TestSmtpServer> => {
  const messages: ReceivedMail[] = []
  let isFailing = false
  const server = new SMTPServer({
    allowInsecureAuth: true,
    authOptional: false,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => {
      callback(null, { user: auth.username })
    },
    onData: (stream, session, callback) => {
      if (isFailing) {
        stream.resume()
        stream.on('end', () => {
          const error = Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 })
          callback(error)
        })
        return
      }
      simpleParser(stream)
        .then((parsed) => {
          const lines = parsed.headerLines
          messages.push({
            header: (name) => lines.find((line) => line.key === name.toLowerCase())?.line.replace(/^[^:]+:\s*/, ''),
            parsed,
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','),
          })
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.server.address() as AddressInfo
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    messages,
    port: address.port,
    setFailing: (value) => {
      isFailing = value
    },
  }
}

/** Waits until `count` messages have arrived (then a little longer, to see that no more come). */
export const waitForMessages = async (server: TestSmtpServer, count: number, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (server.messages.length < count) {
    if (Date.now() > deadline) throw new Error(`${server.messages.length} of ${count} emails arrived after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** The app's SMTP email adapter, configured as a site would be, sending to the test server. */
export const emailAdapterFor = (smtp: Pick<TestSmtpServer, 'port'>): ReturnType<typeof emailAdapterFromEnv> =>
  emailAdapterFromEnv({
    SMTP_FROM: 'Entraide <no-reply@entraide.example>',
    SMTP_HOST: '127.0.0.1',
    SMTP_PASSWORD: 'secret',
    SMTP_PORT: String(smtp.port),
    SMTP_USER: 'entraide',
  })
