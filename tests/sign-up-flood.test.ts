// Database: SQLite is enough (sign-ups take their turn in the process, before any transaction; SQLite's single writer is where a flood hurt)
// Password hashing: real (the sign-ups must take as long as they do in production for another person's vote to pass between them)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ID } from '../src/utilities/ids.ts'
import { createProcedure, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

let app: TestApp
let tipId: ID
let counter = 0

beforeAll(async () => {
  app = await startTestApp()
  const procedureId = (await createProcedure(app)).procedure.id
  const author = await app.signUp({ name: 'Awa' })
  const tip = await app.api('POST', '/tips?depth=0', {
    body: { body: 'Prenez rendez-vous tôt le matin, les créneaux partent vite.', procedure: procedureId },
    token: author.token,
  })
  tipId = (await json(tip)).doc.id
}, 60_000)
afterAll(async () => {
  await app?.close()
})

describe('a flood of sign-ups', () => {
  it('answers every parallel sign-up without a 5xx, while another person’s vote passes between them', async () => {
    const voter = await app.signUp({ name: 'Votante' })
    const started = performance.now()
    const signUps = Promise.all(
      Array.from({ length: 12 }, async () => {
        const response = await app.api('POST', '/users', {
          body: { displayName: 'Nouvelle venue', email: `flot-${++counter}-${Date.now()}@example.test`, password: 'a long enough password' },
        })
        return { at: performance.now() - started, status: response.status }
      }),
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    const vote = await app.api('POST', `/tips/${tipId}/vote`, { body: { value: 1 }, token: voter.token })
    const voteDoneAt = performance.now() - started
    expect(vote.status).toBe(200)
    const answers = await signUps
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201))
    // The vote did not wait for all of them: most sign-ups answered after it.
    const lastSignUpAt = Math.max(...answers.map((answer) => answer.at))
    expect(answers.filter((answer) => answer.at > voteDoneAt).length).toBeGreaterThan(answers.length / 2)
    expect(voteDoneAt).toBeLessThan(lastSignUpAt / 2)
  })
})
