// Database: SQLite is enough (it checks the CORS headers and cookie handling of the HTTP layer)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createProcedure, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

const hostOrigin = 'https://www.exemple-mairie.fr'

let app: TestApp

beforeAll(async () => {
  app = await startTestApp({ entraide: { allowedOrigins: [hostOrigin] } })
  await createProcedure(app)
})
afterAll(async () => {
  await app?.close()
})

describe('the widget on another host website (allowedOrigins)', () => {
  it('lets the allowed origin call the API with credentials', async () => {
    const preflight = await app.api('OPTIONS', '/entraide/procedures/passeport', {
      headers: { 'Access-Control-Request-Method': 'GET', Origin: hostOrigin },
    })
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe(hostOrigin)
    expect(preflight.headers.get('Access-Control-Allow-Credentials')).toBe('true')
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toContain('Authorization')

    const read = await app.api('GET', '/entraide/procedures/passeport', { headers: { Origin: hostOrigin } })
    expect(read.status).toBe(200)
    expect(read.headers.get('Access-Control-Allow-Origin')).toBe(hostOrigin)
    expect((await json(read)).procedure.slug).toBe('passeport')
  })

  it('gives no CORS grant to other origins', async () => {
    const read = await app.api('GET', '/entraide/procedures/passeport', { headers: { Origin: 'https://evil.example' } })
    expect(read.headers.get('Access-Control-Allow-Origin')).toBeNull()
    expect(read.headers.get('Access-Control-Allow-Credentials')).toBeNull()
  })

  it('accepts the session cookie sent by the widget from the allowed origin', async () => {
    const person = await app.signUp({ name: 'Awa' })
    const headers = { Cookie: `payload-token=${person.token}`, Origin: hostOrigin }
    const me = await app.api('GET', '/users/me', { headers })
    expect((await json(me)).user.displayName).toBe('Awa')
    const page = await app.api('GET', '/entraide/procedures/passeport', { headers })
    expect((await json(page)).viewer.displayName).toBe('Awa')
    expect(page.headers.get('Cache-Control')).toBe('private, no-store')
  })
})
