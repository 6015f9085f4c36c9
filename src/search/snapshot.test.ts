import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { generateCorpus } from '../../bench/lib/knowledgeCorpus.ts'
import { EmbeddedEngine } from './embeddedEngine.ts'
import { defaultIndexSettings } from './settings.ts'
import { loadSnapshot, saveSnapshot, type FeedPosition } from './snapshot.ts'
import type { SearchParams, SearchResult } from './types.ts'

const position: FeedPosition = { cursor: 1_700_000_000_000, marker: { at: 1_700_000_000_000, id: '42' } }

const queries: SearchParams[] = [
  { query: 'passeport' },
  { query: 'renouvelement permis' },
  { query: "carte d'identité", facets: ['type', 'agency'] },
  { query: 'p', facets: ['type'] },
  { query: 'justificatf domicile', limit: 50 },
  { filter: { op: 'equals', attribute: 'type', value: 'tip' }, query: 'demande' },
  { filter: { op: 'not', filter: { op: 'equals', attribute: 'agency', value: 'caf' } }, query: 'passeport' },
  { query: '', sort: [{ attribute: 'updatedAt', direction: 'desc' }] },
  { query: 'révisé', limit: 30 },
]

const withoutTiming = ({ processingTimeMs: _time, ...result }: SearchResult): Omit<SearchResult, 'processingTimeMs'> =>
  result

const engineOf = async (): Promise<EmbeddedEngine> => {
  const engine = new EmbeddedEngine()
  await engine.ensureIndex(defaultIndexSettings)
  return engine
}

describe('the saved index', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'entraide-snapshot-'))
  const file = path.join(dir, 'index.snapshot')
  afterAll(() => rmSync(dir, { force: true, recursive: true }))

  const savedEngine = async (): Promise<EmbeddedEngine> => {
    const engine = await engineOf()
    const documents = generateCorpus(600)
    await engine.upsert(documents)
    // Replaced and deleted documents leave postings MiniSearch cleans later: they must stay invisible.
    await engine.upsert(
      documents.slice(0, 20).map((document) => ({ ...document, title: `${document.title} révisé « 🛂 »` })),
    )
    await engine.delete(documents.slice(20, 40).map((document) => document.id))
    await saveSnapshot({ engine, file, position })
    return engine
  }

  it('gives back an index that answers every search as the saved one did, and saves again to the same index', async () => {
    const original = await savedEngine()
    const restored = await engineOf()
    const loaded = await loadSnapshot({ engine: restored, file })
    expect(loaded?.position).toEqual(position)
    expect(loaded?.documents).toBe(580)
    for (const params of queries) {
      expect(withoutTiming(await restored.search(params)), params.query).toEqual(
        withoutTiming(await original.search(params)),
      )
    }
    // Saved again (terms read since copied from the maps, the others as they were read), it is the same index.
    const again = path.join(dir, 'again.snapshot')
    await saveSnapshot({ engine: restored, file: again, position })
    const third = await engineOf()
    expect(await loadSnapshot({ engine: third, file: again })).not.toBeNull()
    for (const params of queries) {
      expect(withoutTiming(await third.search(params))).toEqual(withoutTiming(await original.search(params)))
    }
  })

  it('gives back a small index whose parts are empty (one procedure without text)', async () => {
    const engine = await engineOf()
    await engine.upsert([
      {
        agency: 'ants',
        id: 'procedures-1',
        isOfficial: true,
        isValidated: false,
        procedure: { id: 1, slug: 'carte-grise', title: 'Immatriculer un véhicule' },
        score: 0,
        text: '',
        title: 'Immatriculer un véhicule',
        type: 'procedure',
        updatedAt: 1,
        url: '/demarches/carte-grise',
      },
    ])
    await saveSnapshot({ engine, file, position })
    const restored = await engineOf()
    expect((await loadSnapshot({ engine: restored, file }))?.documents).toBe(1)
    const params = { query: 'immatriculer' }
    expect(withoutTiming(await restored.search(params))).toEqual(withoutTiming(await engine.search(params)))
  })

  it('keeps taking writes after a restore, as a built index does', async () => {
    const original = await savedEngine()
    const restored = await engineOf()
    expect(await loadSnapshot({ engine: restored, file })).not.toBeNull()
    const [first, second] = generateCorpus(600)
    if (!first || !second) throw new Error('The corpus is empty.')
    for (const engine of [original, restored]) {
      await engine.upsert([{ ...first, title: 'Passeport biométrique en urgence' }])
      await engine.delete([second.id])
    }
    for (const params of [...queries, { query: 'biométrique urgence' }]) {
      expect(withoutTiming(await restored.search(params))).toEqual(withoutTiming(await original.search(params)))
    }
  })

  it('is cleaned by MiniSearch’s vacuum after many deletions, as a built index is', async () => {
    const original = await savedEngine()
    const restored = await engineOf()
    expect(await loadSnapshot({ engine: restored, file })).not.toBeNull()
    const deleted = generateCorpus(600)
      .slice(100, 300)
      .map((document) => document.id)
    for (const engine of [original, restored]) await engine.delete(deleted)
    // The vacuum runs in the background, in batches a few milliseconds apart.
    await new Promise((resolve) => setTimeout(resolve, 500))
    for (const params of queries) {
      expect(withoutTiming(await restored.search(params))).toEqual(withoutTiming(await original.search(params)))
    }
    expect((await restored.stats()).documentCount).toBe(380)
  })

  // A save at 50,000 documents took 0.6 s of the app's thread in one piece; searches now run between its slices.
  it('is taken a slice at a time: searches answered meanwhile, on an index whose terms they decode', async () => {
    await savedEngine()
    const restored = await engineOf()
    expect(await loadSnapshot({ engine: restored, file })).not.toBeNull()
    let searched = 0
    const taking = restored.snapshot().then((snapshot) => ({ searchedBeforeTaken: searched, snapshot }))
    // Each search decodes the saved postings of the terms it reads, while the snapshot encodes them.
    const searches = (async () => {
      for (const params of queries) {
        await new Promise((resolve) => setImmediate(resolve))
        await restored.search(params)
        searched += 1
      }
    })()
    const { searchedBeforeTaken, snapshot } = await taking
    expect(searchedBeforeTaken).toBeGreaterThan(0)
    await searches
    const reloaded = await engineOf()
    expect(await reloaded.restoreSnapshot(snapshot)).toBe(true)
    for (const params of queries) {
      expect(withoutTiming(await reloaded.search(params)), params.query).toEqual(
        withoutTiming(await restored.search(params)),
      )
    }
  })

  it('refuses to give an index a write changed while it was being taken', async () => {
    const engine = await savedEngine()
    const taking = engine.snapshot()
    await engine.upsert(generateCorpus(601).slice(600))
    await expect(taking).rejects.toThrow('The search index changed while it was being saved')
  })

  it('is refused, leaving the index as it was, when truncated or when a byte changed', async () => {
    await savedEngine()
    const whole = readFileSync(file)
    const damaged = Buffer.from(whole)
    const at = Math.floor(whole.length * 0.7)
    damaged[at] = (damaged[at] ?? 0) ^ 0x20
    writeFileSync(file, damaged)
    const engine = await engineOf()
    await engine.upsert(generateCorpus(3))
    expect(await loadSnapshot({ engine, file })).toBeNull()
    writeFileSync(file, whole)
    truncateSync(file, statSync(file).size - 100)
    expect(await loadSnapshot({ engine, file })).toBeNull()
    writeFileSync(file, whole.subarray(0, whole.indexOf(10) + 1))
    expect(await loadSnapshot({ engine, file })).toBeNull()
    expect((await engine.stats()).documentCount).toBe(3)
  })

  it('is refused when made by an older version (MiniSearch’s JSON) or with other index settings', async () => {
    await savedEngine()
    const saved = readFileSync(file)
    const header: unknown = JSON.parse(saved.toString('utf8', 0, saved.indexOf(10)))
    const fingerprint = typeof header === 'object' && header !== null ? Reflect.get(header, 'fingerprint') : undefined
    expect(typeof fingerprint).toBe('string')
    // Version 1 kept a header line, the documents' JSON and MiniSearch's JSON.
    writeFileSync(
      file,
      `${JSON.stringify({ documentCount: 0, fingerprint, position, version: 1 })}\n[]\n{"index":[]}\n`,
    )
    const engine = await engineOf()
    expect(await loadSnapshot({ engine, file })).toBeNull()
    await savedEngine()
    const other = new EmbeddedEngine()
    await other.ensureIndex({ ...defaultIndexSettings, searchableAttributes: ['title', 'text'] })
    expect(await loadSnapshot({ engine: other, file })).toBeNull()
  })
})
