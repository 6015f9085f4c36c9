import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { widgetHashedCacheControl, widgetStableCacheControl } from '../../next.config.mjs'
import { browserSkipReason, printServerOutputOnFailure, startApp, type RunningApp } from './harness.ts'

// The widget bundle through the real Next.js server: the demo site's pages link
// its content-hashed copy, kept a year; the stable name that existing embeds
// link still answers, kept a few minutes.

const reason = browserSkipReason()

describe.skipIf(reason)(`The widget bundle’s caching${reason ? ` — ${reason}` : ''}`, () => {
  let app: RunningApp
  printServerOutputOnFailure(() => app)

  beforeAll(async () => {
    app = await startApp()
  }, 300_000)

  afterAll(() => app?.stop(), 60_000)

  it('serves the hashed copy linked by the page as immutable, and the stable name with a short cache', async () => {
    const page = await (await fetch(`${app.url}/demarches/renouveler-un-passeport`)).text()
    const linked = /\/entraide-widget\.[0-9a-f]{16}\.js/.exec(page)?.[0]
    expect(linked, 'the procedure page links the content-hashed bundle').toBeDefined()

    const hashed = await fetch(`${app.url}${linked ?? ''}`)
    expect(hashed.status).toBe(200)
    expect(hashed.headers.get('Cache-Control')).toBe(widgetHashedCacheControl)
    expect(hashed.headers.get('Content-Type')).toMatch(/javascript/)
    const stable = await fetch(`${app.url}/entraide-widget.js`)
    expect(stable.status).toBe(200)
    expect(stable.headers.get('Cache-Control')).toBe(widgetStableCacheControl)
    expect(await hashed.text()).toBe(await stable.text())

    // A hash no build wrote is not found, rather than answered with some other bundle.
    const unknown = await fetch(`${app.url}/entraide-widget.0000000000000000.js`)
    expect(unknown.status).toBe(404)
  }, 120_000)
})
