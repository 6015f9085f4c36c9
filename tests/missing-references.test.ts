import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ID } from '../src/utilities/ids.ts'
import { createProcedure, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

let app: TestApp
type Person = Awaited<ReturnType<TestApp['signUp']>>
let citizen: Person
let editor: Person
let procedureId: ID

beforeAll(async () => {
  app = await startTestApp()
  const { procedure } = await createProcedure(app)
  procedureId = procedure.id
  citizen = await app.signUp({ name: 'Contributrice' })
  editor = await app.signUp({ role: 'editor' })
})
afterAll(async () => {
  await app?.close()
})

/** An id of the database's kind that names no document. */
const unknownId = (): ID => {
  if (typeof procedureId === 'number') return 987_654
  if (/^\d+$/.test(procedureId)) return '987654'
  if (/^[0-9a-f]{8}-/i.test(procedureId)) return '00000000-0000-4000-8000-000000000000'
  return '64b7f0c2a1b2c3d4e5f60718'
}

/** The field errors of a refused write. */
const fieldErrors = async (response: Response): Promise<{ path: string; message: string }[]> => {
  const body = await json(response)
  return body.errors?.[0]?.data?.errors ?? []
}

const tipCount = async (): Promise<number> => (await app.payload.count({ collection: 'tips' })).totalDocs

describe('a relationship to a document that does not exist', () => {
  it('refuses a tip about an unknown procedure with 400 naming the field, and writes nothing', async () => {
    const before = await tipCount()
    const id = unknownId()
    const response = await app.api('POST', '/tips', {
      body: { body: 'Astuce sur une démarche inconnue.', procedure: id },
      token: citizen.token,
    })
    expect(response.status).toBe(400)
    expect(await fieldErrors(response)).toEqual([
      { label: 'Démarche', message: `Aucune démarche n’a l’identifiant « ${String(id)} ».`, path: 'procedure' },
    ])
    expect(await tipCount()).toBe(before)
    // The next write goes through as usual.
    const ok = await app.api('POST', '/tips', {
      body: { body: 'Astuce sur la bonne démarche.', procedure: procedureId },
      token: citizen.token,
    })
    expect(ok.status).toBe(201)
    expect(await tipCount()).toBe(before + 1)
  })

  it('refuses moving a tip to an unknown procedure, and keeps it where it was', async () => {
    const id = unknownId()
    const tip = (
      await json(
        await app.api('POST', '/tips?depth=0', {
          body: { body: 'Astuce à déplacer ensuite.', procedure: procedureId },
          token: editor.token,
        }),
      )
    ).doc
    const moved = await app.api('PATCH', `/tips/${String(tip.id)}`, { body: { procedure: id }, token: editor.token })
    expect(moved.status).toBe(400)
    expect(await fieldErrors(moved)).toEqual([
      { label: 'Démarche', message: `Aucune démarche n’a l’identifiant « ${String(id)} ».`, path: 'procedure' },
    ])
    const kept = await app.payload.findByID({ collection: 'tips', depth: 0, id: tip.id })
    expect(kept.procedure).toEqual(procedureId)
  })
})
