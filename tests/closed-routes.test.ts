import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApp, type TestApp } from './helpers/payload.ts'
import { createProcedure, json } from './helpers/fixtures.ts'

let app: TestApp

beforeAll(async () => {
  app = await startTestApp()
}, 120_000)

afterAll(async () => {
  await app?.close()
})

describe('probe', () => {
  it('versions', async () => {
    await createProcedure(app)
    const editor = await app.signUp({ role: 'editor' })
    const citizen = await app.signUp({ role: 'citizen' })
    for (const slug of ['guides', 'tips', 'procedures', 'wiki-pages']) {
      for (const who of [editor, citizen]) {
        const r = await app.api('GET', `/${slug}/versions`, { token: who.token })
        console.log(slug, r.status, (await r.text()).slice(0, 200))
        const r2 = await app.api('GET', `/${slug}/versions/1`, { token: who.token })
        console.log(slug, 'byid', r2.status, (await r2.text()).slice(0, 200))
      }
    }
    const r = await app.api('GET', `/procedures?limit=0`, { token: citizen.token })
    console.log(r.status, JSON.stringify(await json(r)).slice(0, 300))
  })
})
