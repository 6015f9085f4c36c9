import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { sourcesFingerprint } from './browser/appBuild'

/**
 * The browser tests share one production build and reuse it while its
 * fingerprint matches: a change to what the app is built from must change the
 * fingerprint, and a change to tests or documents must not (or every edit of a
 * test would cost a two-minute build).
 */
const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { force: true, recursive: true })
})

const project = (withGit: boolean): ((file: string, text: string) => void) => {
  const root = mkdtempSync(path.join(tmpdir(), 'entraide-fingerprint-'))
  folders.push(root)
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), text)
  }
  write('src/index.ts', 'export const a = 1\n')
  write('app/page.tsx', 'export default function Page() { return null }\n')
  write('tests/loop.test.ts', 'it("works", () => {})\n')
  write('README.md', '# Site\n')
  write('.gitignore', 'data/\n')
  if (withGit) execFileSync('git', ['init', '-q'], { cwd: root })
  return write
}

describe.each([
  ['a git clone', true],
  ['a folder without git', false],
])('the browser tests’ build fingerprint, in %s', (_name, withGit) => {
  it('changes when a source of the app changes, or a new one appears', () => {
    const write = project(withGit)
    const root = folders.at(-1) as string
    const first = sourcesFingerprint(root)
    expect(sourcesFingerprint(root)).toBe(first)
    write('src/index.ts', 'export const a = 2\n')
    const second = sourcesFingerprint(root)
    expect(second).not.toBe(first)
    write('src/widget/new.tsx', 'export const b = 1\n')
    expect(sourcesFingerprint(root)).not.toBe(second)
  })

  it('stays the same when only tests, documents or ignored files change', () => {
    const write = project(withGit)
    const root = folders.at(-1) as string
    const first = sourcesFingerprint(root)
    write('tests/loop.test.ts', 'it("still works", () => {})\n')
    write('tests/browser/new.test.ts', 'it("new", () => {})\n')
    write('README.md', '# Site, documented\n')
    if (withGit) write('data/entraide.db', 'rows')
    expect(sourcesFingerprint(root)).toBe(first)
  })
})
