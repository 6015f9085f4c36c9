import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it, vi } from 'vitest'

import { resolveSecret } from '../setup/secret.ts'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'entraide-secret-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { force: true, recursive: true })
  vi.restoreAllMocks()
})

describe('PAYLOAD_SECRET', () => {
  it('refuses to start in production without it, saying how to set it', () => {
    expect(() => resolveSecret({ dataDir: tempDir(), env: { NODE_ENV: 'production' } })).toThrow(/PAYLOAD_SECRET is required in production/)
  })

  it('uses the one given', () => {
    expect(resolveSecret({ dataDir: tempDir(), env: { NODE_ENV: 'production', PAYLOAD_SECRET: 's3cret' } })).toBe('s3cret')
  })

  it('generates a development secret once, keeps it under data/ and warns', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const dataDir = tempDir()
    const first = resolveSecret({ dataDir, env: { NODE_ENV: 'development' } })
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    expect(readFileSync(path.join(dataDir, '.payload-secret'), 'utf8')).toBe(first)
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('PAYLOAD_SECRET is not set'))
    expect(resolveSecret({ dataDir, env: { NODE_ENV: 'development' } })).toBe(first)
  })

  it('lets a production build run without it', () => {
    const secret = resolveSecret({ dataDir: tempDir(), env: { NEXT_PHASE: 'phase-production-build', NODE_ENV: 'production' } })
    expect(secret.length).toBeGreaterThan(0)
  })
})
