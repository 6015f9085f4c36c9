import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { getPathMatch } from 'next/dist/shared/lib/router/utils/path-match.js'
import { afterEach, describe, expect, it } from 'vitest'

import { widgetScriptSrc } from '../app/(site)/widgetAsset.ts'
import nextConfig, { widgetHashedCacheControl, widgetStableCacheControl } from '../next.config.mjs'
import { writeWidgetFiles } from '../scripts/buildWidget.ts'

// The widget bundle's two names and their cache headers. The headers are also
// checked over HTTP against the production server in tests/browser/widget-cache.test.ts.

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { force: true, recursive: true })
})
const publicDir = (): string => {
  const folder = mkdtempSync(path.join(tmpdir(), 'entraide-widget-asset-'))
  folders.push(folder)
  return folder
}

/** The Cache-Control values next.config.mjs gives a path, in order. */
const cacheControlOf = async (pathname: string): Promise<string[]> => {
  const rules = (await nextConfig.headers?.()) ?? []
  return rules.flatMap((rule) =>
    getPathMatch(rule.source)(pathname) === false
      ? []
      : rule.headers.filter(({ key }) => key.toLowerCase() === 'cache-control').map(({ value }) => value),
  )
}

describe('the widget bundle', () => {
  it('is written under its stable name and under a hash of its content, and earlier hashed copies are removed', () => {
    const directory = publicDir()
    const first = writeWidgetFiles(directory, 'console.log("v1")')
    writeFileSync(path.join(directory, 'robots.txt'), 'User-agent: *\n')
    const second = writeWidgetFiles(directory, 'console.log("v2")')

    const hash = createHash('sha256').update('console.log("v2")').digest('hex').slice(0, 16)
    expect(second).toBe(`entraide-widget.${hash}.js`)
    expect(first).not.toBe(second)
    expect(readdirSync(directory).sort()).toEqual(['entraide-widget.js', second, 'robots.txt'].sort())
    expect(readFileSync(path.join(directory, second), 'utf8')).toBe('console.log("v2")')
    expect(readFileSync(path.join(directory, 'entraide-widget.js'), 'utf8')).toBe('console.log("v2")')
  })

  it('is linked by the demo pages under its hashed name when built, else under its stable name', () => {
    const directory = publicDir()
    expect(widgetScriptSrc(directory)).toBe('/entraide-widget.js')
    const hashed = writeWidgetFiles(directory, 'console.log("v3")')
    expect(widgetScriptSrc(directory)).toBe(`/${hashed}`)
    rmSync(path.join(directory, hashed))
    writeFileSync(path.join(directory, 'entraide-widget.js'), 'console.log("version 4")')
    expect(existsSync(path.join(directory, hashed))).toBe(false)
    expect(widgetScriptSrc(directory)).toBe('/entraide-widget.js')
  })

  it('is cached a year as immutable under a hashed name and a few minutes under its stable name', async () => {
    expect(widgetHashedCacheControl).toBe('public, max-age=31536000, immutable')
    expect(await cacheControlOf('/entraide-widget.0123456789abcdef.js')).toEqual([widgetHashedCacheControl])
    expect(await cacheControlOf('/entraide-widget.js')).toEqual([widgetStableCacheControl])
    expect(widgetStableCacheControl).toMatch(/^public, max-age=([1-9]\d{0,2}|[1-3]\d{3})\b/)
    // Only names a build writes are immutable.
    expect(await cacheControlOf('/entraide-widget.0123.js')).toEqual([])
    expect(await cacheControlOf('/other.0123456789abcdef.js')).toEqual([])
  })
})
