// Database: SQLite is enough (what is checked is how sign-in, sign-up and password-reset answers read and how long they take, and the delays of the rate-limit store in memory)
// Password hashing: real (it compares how long sign-in, sign-up and password-reset answers take, which the hashing sets)
import { pbkdf2, pbkdf2Sync } from 'node:crypto'
import { promisify } from 'node:util'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MemoryRateLimitStore } from '../src/rateLimit/memoryStore.ts'
import { waitForAccountEmails } from '../src/host/accountEmails.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

const password = 'correct horse battery staple'
let clock = Date.now()
let app: TestApp
let ipCounter = 0
/** A client address of its own, behind the one trusted proxy. */
const newClient = () => ({ 'X-Forwarded-For': `198.51.100.${++ipCounter}` })

beforeAll(async () => {
  app = await startTestApp({
    entraide: { rateLimitStore: new MemoryRateLimitStore({ now: () => clock }), trustedProxies: 1 },
  })
})
afterAll(async () => {
  await app?.close()
})

const login = (email: string, secret: string, headers: Record<string, string>) =>
  app.api('POST', '/users/login', { body: { email, password: secret }, headers })

const forgotPassword = (email: string, headers: Record<string, string>) =>
  app.api('POST', '/users/forgot-password', { body: { email }, headers })

/** The fastest of the durations: the machine's load only ever adds time, so the fastest is the work itself. */
const fastest = (values: number[]): number => Math.min(...values)

type Durations = { known: number; unknown: number }

/**
 * Times `known` and `unknown` requests taken in turn (so that a burst of load
 * on the machine falls on both), and answers each one's fastest duration,
 * in wall time and in the processor time the process used meanwhile, with
 * the status and body of every answer. The median moved by half again under
 * a load average of 5 (other processes beside the tests); the fastest keeps
 * what the server does, and an answer that skips the password hashing stays
 * several times faster.
 */
const timeInTurn = async (
  rounds: number,
  known: () => Promise<Response>,
  unknown: () => Promise<Response>,
): Promise<{ wall: Durations; cpu: Durations; answers: Array<{ status: number; body: string }> }> => {
  const wall = { known: [] as number[], unknown: [] as number[] }
  const cpu = { known: [] as number[], unknown: [] as number[] }
  const answers: Array<{ status: number; body: string }> = []
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)
    for (const which of order) {
      const started = performance.now()
      const cpuBefore = process.cpuUsage()
      const response = await (which === 'known' ? known() : unknown())
      const body = await response.text()
      const used = process.cpuUsage(cpuBefore)
      wall[which].push(performance.now() - started)
      cpu[which].push((used.user + used.system) / 1000)
      answers.push({ body, status: response.status })
    }
  }
  return {
    answers,
    cpu: { known: fastest(cpu.known), unknown: fastest(cpu.unknown) },
    wall: { known: fastest(wall.known), unknown: fastest(wall.unknown) },
  }
}

const ratio = ({ known, unknown }: Durations): number => Math.max(known, unknown) / Math.min(known, unknown)

/**
 * Answers whose cost is the password hashing take as long when the processor
 * work is the same: compared in processor time, which the machine's other
 * processes do not lengthen (in wall time, under a load average of 7 while
 * the app builds beside the tests, the fastest of 7 rounds still came out
 * 1.52 times apart once). Wall time must still agree within twice, so that
 * a wait on one path only (a mail sent before answering) shows.
 */
const expectAsMuchWork = (timing: { wall: Durations; cpu: Durations }): void => {
  expect(ratio(timing.cpu)).toBeLessThan(1.5)
  expect(ratio(timing.wall)).toBeLessThan(2)
}

const expectSameAnswers = (answers: Array<{ status: number; body: string }>, status: number) => {
  for (const answer of answers) {
    expect(answer.status).toBe(status)
    expect(answer.body).toBe(answers[0]?.body)
  }
}

describe('answers alike whether an account exists', () => {
  it('hashes passwords as the product does (this file asks the test processes for the real cost)', async () => {
    const salt = 'b'.repeat(64)
    const asked = await promisify(pbkdf2)('correct horse battery staple', salt, 600_000, 32, 'sha256')
    expect(asked.equals(pbkdf2Sync('correct horse battery staple', salt, 600_000, 32, 'sha256'))).toBe(true)
  })

  it('signs in an unknown email as slowly as a wrong password, with the same status and words', async () => {
    const person = await app.signUp({})
    // The first requests warm caches up; they are not timed.
    await login(person.email, 'wrong password', newClient())
    await login('nobody-warm@example.test', 'wrong password', newClient())
    const timing = await timeInTurn(
      7,
      () => login(person.email, 'wrong password', newClient()),
      () => login(`nobody-${ipCounter}@example.test`, 'wrong password', newClient()),
    )
    expectSameAnswers(timing.answers, 401)
    expect(timing.answers[0]?.body).not.toMatch(/exist|found|trouv|inconnu/i)
    // Before, an unknown email answered about ten times sooner (43 against 408 ms).
    expectAsMuchWork(timing)
  })

  it('answers a password-reset request for an unknown email like one for a known account, in as long', async () => {
    const person = await app.signUp({})
    await forgotPassword(person.email, newClient())
    const timing = await timeInTurn(
      5,
      () => forgotPassword(person.email.toUpperCase(), newClient()),
      () => forgotPassword(`nobody-${ipCounter}@example.test`, newClient()),
    )
    expectSameAnswers(timing.answers, 200)
    // Evened out by a wait (a floor on the answer's time), not by work: compared in wall time.
    expect(ratio(timing.wall)).toBeLessThan(1.5)
  })

  it('answers a sign-up with an email in use like one with a new email, in the same words and as long', async () => {
    const person = await app.signUp({})
    const signUp = (email: string, language: 'fr' | 'en') =>
      app.api('POST', '/users', {
        body: { displayName: 'Quelqu’un', email, password: 'another long password' },
        headers: { 'Accept-Language': language, ...newClient() },
      })
    const before = (await app.payload.count({ collection: 'users' })).totalDocs
    await signUp(`warm-${ipCounter}@example.test`, 'fr')
    for (const language of ['fr', 'en'] as const) {
      const timing = await timeInTurn(
        4,
        () => signUp(` ${person.email.toUpperCase()}`, language),
        () => signUp(`new-${ipCounter}-${Date.now()}@example.test`, language),
      )
      expectSameAnswers(timing.answers, 201)
      const text = timing.answers[0]?.body ?? ''
      expect(text).not.toMatch(/registered|enregistr|already exists|existe déjà|in use|utilisée/i)
      expect(text).not.toContain(person.email)
      expect(text).toContain(language === 'fr' ? 'Un e-mail part vers cette adresse' : 'An email is on its way')
      expectAsMuchWork(timing)
    }
    // The warm-up and the eight new addresses made accounts; the one in use made none.
    expect((await app.payload.count({ collection: 'users' })).totalDocs).toBe(before + 9)
  })

  it('refuses the sign-in of an unconfirmed account with its right password as a wrong password, as long', async () => {
    const unconfirmed = await app.signUp({ hasConfirmedEmail: false })
    // The first right password sends the confirmation email again (in the background); the next ones, within the hour, do not.
    await login(unconfirmed.email, password, newClient())
    await waitForAccountEmails(app.payload)
    const timing = await timeInTurn(
      7,
      () => login(unconfirmed.email, password, newClient()),
      () => login(unconfirmed.email, 'a wrong password', newClient()),
    )
    expectSameAnswers(timing.answers, 401)
    expectAsMuchWork(timing)
  })
})

describe('slows password guessing per account and address, without locking the owner out', () => {
  it('makes one address wait longer and longer while the owner signs in from another', async () => {
    const person = await app.signUp({})
    const attacker = newClient()
    for (let attempt = 0; attempt < 6; attempt++) {
      expect((await login(person.email, `guess ${attempt}`, attacker)).status).toBe(401)
    }
    const first = await login(person.email, 'guess 6', attacker)
    expect(first.status).toBe(429)
    expect(first.headers.get('Retry-After')).toBe('1')
    // Even the right password waits, from that address.
    expect((await login(person.email, password, attacker)).status).toBe(429)
    clock += 1000
    expect((await login(person.email, 'guess 7', attacker)).status).toBe(401)
    const second = await login(person.email, 'guess 8', attacker)
    expect(second.status).toBe(429)
    expect(Number(second.headers.get('Retry-After'))).toBeGreaterThan(1)

    // Twelve more guesses from other addresses (Payload locked the account after ten): no lockout.
    for (let attempt = 0; attempt < 12; attempt++) {
      expect((await login(person.email, `spread ${attempt}`, newClient())).status).toBe(401)
    }
    const owner = await login(person.email, password, newClient())
    expect(owner.status).toBe(200)
    // The attacker's address still waits after the owner signed in elsewhere.
    expect((await login(person.email, 'guess 9', attacker)).status).toBe(429)
  })
})
