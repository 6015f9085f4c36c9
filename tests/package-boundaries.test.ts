import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

/**
 * The package is `src/` alone: what it imports must ship with it or be
 * installed by the host site (its dependencies and peer dependencies). The
 * demo host (app/, demo/, setup/, payload.config.ts) and its generated files
 * stay out of it.
 */
const root = path.resolve(import.meta.dirname, '..')
const sourceDir = path.join(root, 'src')

const packageSources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return packageSources(full)
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })

const specifiersOf = (code: string): string[] => {
  const patterns = [
    // import … from '…' and export … from '…', over several lines
    /^(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    // import '…' (for its side effects, a stylesheet)
    /^import\s*['"]([^'"]+)['"]/gm,
    // import('…'), also after comments for bundlers (import(/* webpackIgnore: true */ '…'))
    /\bimport\(\s*(?:\/\*[^]*?\*\/\s*)*['"]([^'"]+)['"]\s*\)/g,
  ]
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].flatMap((match) => (match[1] ? [match[1]] : [])))
}

const packageNameOf = (specifier: string): string => {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
}

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}
const installedWithIt = new Set([
  ...Object.keys(manifest.dependencies ?? {}),
  ...Object.keys(manifest.peerDependencies ?? {}),
])

const files = packageSources(sourceDir)
const imports = files.flatMap((file) =>
  specifiersOf(readFileSync(file, 'utf8')).map((specifier) => ({ file: path.relative(root, file), specifier })),
)

describe('the package’s imports', () => {
  it('were all read (the scan sees the plugin’s sources)', () => {
    expect(files.length).toBeGreaterThan(100)
    expect(imports.some(({ specifier }) => specifier === 'payload')).toBe(true)
  })

  it('never reach the demo host, its config or generated types', () => {
    const outside = imports.filter(({ file, specifier }) => {
      if (specifier === '@payload-config' || /payload-types/.test(specifier)) return true
      if (!specifier.startsWith('.')) return false
      const target = path.resolve(root, path.dirname(file), specifier)
      return !target.startsWith(sourceDir + path.sep)
    })
    expect(outside).toEqual([])
  })

  it('name only Node built-ins, the package’s dependencies and its peer dependencies', () => {
    const unlisted = imports.filter(({ specifier }) => {
      if (specifier.startsWith('.')) return false
      if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return false
      return !installedWithIt.has(packageNameOf(specifier))
    })
    expect(unlisted).toEqual([])
  })
})

/** The package's modules an entry loads, following relative imports (type-only ones too, to stay simple). */
const reachableFrom = (entry: string): Set<string> => {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue
      const base = path.resolve(path.dirname(file), specifier)
      const target = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find(
        (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
      )
      if (target !== undefined && /\.tsx?$/.test(target)) visit(target)
    }
  }
  visit(entry)
  return seen
}

describe('the entries', () => {
  const redisOnly = new Set(['ioredis', 'rate-limiter-flexible'])
  const entries = [
    'src/index.ts',
    'src/exports/client.ts',
    'src/exports/rsc.ts',
    'src/exports/meilisearch.ts',
    'src/widget/index.ts',
  ]

  it.each(entries)('%s never loads Redis’s client or counter, which only entraide/redis needs', (entry) => {
    const modules = [...reachableFrom(path.join(root, entry))]
    // The main entry loads most of the package: the walk follows its imports.
    if (entry === 'src/index.ts') expect(modules.length).toBeGreaterThan(100)
    const redisImports = modules.flatMap((file) =>
      specifiersOf(readFileSync(file, 'utf8'))
        .filter((specifier) => redisOnly.has(packageNameOf(specifier)))
        .map((specifier) => `${path.relative(root, file)}: ${specifier}`),
    )
    expect(redisImports).toEqual([])
  })

  it('entraide/redis does reach them (the check above sees what it looks for)', () => {
    const modules = [...reachableFrom(path.join(root, 'src/exports/redis.ts'))]
    const specifiers = modules.flatMap((file) => specifiersOf(readFileSync(file, 'utf8')))
    expect(specifiers.map(packageNameOf)).toEqual(expect.arrayContaining(['ioredis', 'rate-limiter-flexible']))
    // The client is loaded at run time, behind comments for bundlers: that import is seen too.
    expect(specifiers.filter((specifier) => specifier === 'ioredis').length).toBeGreaterThanOrEqual(2)
  })

  it('entraide/instrumentation loads Node’s built-ins only: a site’s instrumentation hook runs it before Payload loads', () => {
    const modules = [...reachableFrom(path.join(root, 'src/exports/instrumentation.ts'))]
    expect(modules.map((file) => path.relative(root, file))).toContain('src/search/earlyRead.ts')
    const packages = modules.flatMap((file) =>
      specifiersOf(readFileSync(file, 'utf8'))
        .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
        .map((specifier) => `${path.relative(root, file)}: ${specifier}`),
    )
    expect(packages).toEqual([])
  })
})

describe('install scripts', () => {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { hasInstallScript?: boolean }>
  }
  const { allowScripts = {} } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    allowScripts?: Record<string, boolean>
  }
  const withInstallScript = [
    ...new Set(
      Object.entries(lock.packages)
        .filter(([, entry]) => entry.hasInstallScript === true)
        .map(([location]) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length)),
    ),
  ].sort()

  it('are each reviewed in package.json’s allowScripts, by name, so npm 11 lists none as unreviewed', () => {
    expect(withInstallScript.length).toBeGreaterThan(0)
    // Name-only keys: the lockfile keeps no `resolved` URLs, so a pinned `name@version` would never match.
    expect(Object.keys(allowScripts).sort()).toEqual(withInstallScript)
    // esbuild puts its binary in place at install: tsx, vitest and the widget build need it.
    expect(allowScripts.esbuild).toBe(true)
  })
})
