import type { Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import type { SharedProcedurePage } from './procedurePage.ts'
import { type CachedPage, cachedProcedurePage, invalidateProcedurePages } from './procedurePageCache.ts'

const fakePayload = (): Payload => ({}) as Payload

const sharedPart = (title: string): SharedProcedurePage => ({
  guide: null,
  officialPages: [],
  procedure: {
    agency: null,
    cost: null,
    delay: null,
    id: 1,
    lastOfficialChange: null,
    officialUrl: null,
    requiredDocuments: [],
    slug: 'passeport',
    steps: [],
    summary: null,
    title,
  },
  scannedThreads: [],
  step: null,
  tips: [],
})

/** A load the test finishes when it wants, counting how often it started. */
const controlledLoad = () => {
  let finish: (page: CachedPage) => void = () => undefined
  let started = 0
  const load = () => {
    started += 1
    return new Promise<CachedPage>((resolve) => {
      finish = resolve
    })
  }
  return { finish: (body: string) => finish({ body, etag: `W/"${body}"`, shared: sharedPart(body) }), load, started: () => started }
}

describe('cachedProcedurePage', () => {
  it('answers a load that saw a change while it ran, but does not keep it', async () => {
    const payload = fakePayload()
    const first = controlledLoad()
    const answered = cachedProcedurePage(payload, { key: 'passeport|', ttlMs: 60_000 }, first.load)
    // A write lands while the page is being read: what is being read may be old.
    invalidateProcedurePages(payload)
    first.finish('old')
    expect((await answered).body).toBe('old')

    const second = controlledLoad()
    const next = cachedProcedurePage(payload, { key: 'passeport|', ttlMs: 60_000 }, second.load)
    expect(second.started()).toBe(1)
    second.finish('new')
    expect((await next).body).toBe('new')

    const third = controlledLoad()
    expect((await cachedProcedurePage(payload, { key: 'passeport|', ttlMs: 60_000 }, third.load)).body).toBe('new')
    expect(third.started()).toBe(0)
  })

  it('loads again once the page is older than ttlMs', async () => {
    const payload = fakePayload()
    const load = controlledLoad()
    const pending = cachedProcedurePage(payload, { key: 'k', ttlMs: 0 }, load.load)
    load.finish('a')
    await pending
    const again = controlledLoad()
    const reloaded = cachedProcedurePage(payload, { key: 'k', ttlMs: 0 }, again.load)
    expect(again.started()).toBe(1)
    again.finish('b')
    expect((await reloaded).body).toBe('b')
  })

  it('keeps nothing from a failed load', async () => {
    const payload = fakePayload()
    await expect(
      cachedProcedurePage(payload, { key: 'k', ttlMs: 60_000 }, () => Promise.reject(new Error('not found'))),
    ).rejects.toThrow('not found')
    const load = controlledLoad()
    const retried = cachedProcedurePage(payload, { key: 'k', ttlMs: 60_000 }, load.load)
    expect(load.started()).toBe(1)
    load.finish('found')
    expect((await retried).body).toBe('found')
  })
})
