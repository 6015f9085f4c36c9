import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, getPayload, handleEndpoints, type Payload, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { entraidePlugin } from 'entraide'

// Payload's SQLite adapter has no transactions unless a site sets
// `transactionOptions`: a site on its defaults must not wait for the cron.
describe('search sync on a database adapter without transactions (SQLite’s default)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'entraide-no-transactions-'))
  let config: SanitizedConfig
  let payload: Payload

  beforeAll(async () => {
    config = await buildConfig({
      admin: { user: 'users' },
      collections: [{ slug: 'users', auth: true, fields: [] }],
      db: sqliteAdapter({ client: { url: `file:${path.join(dir, 'site.db')}` } }),
      editor: lexicalEditor(),
      // Defaults but for where the index is saved: with the test's other files, removed after it.
      plugins: [entraidePlugin({ search: { snapshot: { directory: path.join(dir, 'search-index') } } })],
      secret: 'no-transactions-test-secret',
      telemetry: false,
      typescript: { autoGenerate: false, declare: false },
    })
    payload = await getPayload({ config, key: `no-transactions-${path.basename(dir)}` })
  })
  afterAll(async () => {
    await payload?.destroy()
    rmSync(dir, { force: true, recursive: true })
  })

  it('makes a new procedure searchable within seconds, not at the next minute', async () => {
    const search = async () => {
      const response = await handleEndpoints({
        config,
        payloadInstanceCacheKey: `no-transactions-${path.basename(dir)}`,
        request: new Request('http://localhost:3000/api/entraide/search?q=immatriculer'),
      })
      const { hits } = (await response.json()) as { hits: Array<{ title: string }> }
      return hits.map(({ title }) => title)
    }
    // The index is loaded, from a database with nothing to find yet.
    expect(await search()).toEqual([])
    const agency = await payload.create({ collection: 'agencies', data: { name: 'ANTS', slug: 'ants' } })
    const isQueueEmpty = async () =>
      (await payload.count({ collection: 'payload-jobs', where: { completedAt: { exists: false } } })).totalDocs === 0
    await expect.poll(isQueueEmpty, { interval: 100, timeout: 5000 }).toBe(true)
    // Reading the procedure back populates its agency, which leaves Payload's
    // loader's copy of the (absent) transaction id on the request.
    await payload.create({
      collection: 'procedures',
      data: { agency: agency.id, slug: 'carte-grise', title: 'Immatriculer un véhicule' },
    })
    await expect.poll(search, { interval: 100, timeout: 5000 }).toContain('Immatriculer un véhicule')
  })
})
