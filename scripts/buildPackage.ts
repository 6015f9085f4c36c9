import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { transform } from 'esbuild'
import { rollup } from 'rollup'
import { dts } from 'rollup-plugin-dts'

import { bundleWidget, sizesOf, widgetBudgetBytes } from './buildWidget.ts'

// Builds what `npm install entraide` gives a site: dist/ with the compiled
// modules (ES modules, one per source file, so Next.js sees each client
// component's 'use client'), their type declarations, the admin styles and
// the standalone widget.

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const distDir = path.join(rootDir, 'dist')

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  )

const step = (what: string) => console.log(`- ${what}`)

rmSync(distDir, { force: true, recursive: true })

step('compiling src/ with tsc (JavaScript and .d.ts)')
execFileSync(path.join(rootDir, 'node_modules', '.bin', 'tsc'), ['-p', path.join(rootDir, 'tsconfig.build.json')], {
  stdio: 'inherit',
})

// Whitespace and comments out of the JavaScript (the .d.ts keep their
// documentation); names are kept, as Payload picks log levels by error name.
// A module that tells bundlers to leave an import to Node (an optional peer
// dependency) keeps its comments, which compacting would drop.
step('compacting the JavaScript')
for (const file of filesUnder(distDir).filter((name) => name.endsWith('.js'))) {
  const source = readFileSync(file, 'utf8')
  if (source.includes('turbopackIgnore: true')) continue
  const { code } = await transform(source, {
    format: 'esm',
    loader: 'js',
    minifySyntax: true,
    minifyWhitespace: true,
    target: 'es2022',
  })
  writeFileSync(file, code)
}

// One declaration file per package entry instead of one per module: a site's
// TypeScript reads what the entries export, and the package stays small.
step('bundling the type declarations per entry')
const typeEntries = {
  client: path.join(distDir, 'exports', 'client.d.ts'),
  index: path.join(distDir, 'index.d.ts'),
  instrumentation: path.join(distDir, 'exports', 'instrumentation.d.ts'),
  meilisearch: path.join(distDir, 'exports', 'meilisearch.d.ts'),
  redis: path.join(distDir, 'exports', 'redis.d.ts'),
  rsc: path.join(distDir, 'exports', 'rsc.d.ts'),
  widget: path.join(distDir, 'widget', 'index.d.ts'),
}
const declarations = await rollup({
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
  input: typeEntries,
  onwarn: (warning) => {
    throw new Error(`Type declarations: ${warning.message}`)
  },
  plugins: [dts()],
})
const typesDir = path.join(rootDir, '.types-build')
rmSync(typesDir, { force: true, recursive: true })
await declarations.write({ dir: typesDir, format: 'es' })
await declarations.close()
for (const file of filesUnder(distDir).filter((name) => name.endsWith('.d.ts'))) rmSync(file)
for (const file of filesUnder(typesDir)) {
  const target = path.join(distDir, 'types', path.relative(typesDir, file))
  mkdirSync(path.dirname(target), { recursive: true })
  copyFileSync(file, target)
}
rmSync(typesDir, { force: true, recursive: true })

step('copying the admin styles')
for (const file of filesUnder(path.join(rootDir, 'src')).filter((name) => name.endsWith('.css'))) {
  const target = path.join(distDir, path.relative(path.join(rootDir, 'src'), file))
  mkdirSync(path.dirname(target), { recursive: true })
  copyFileSync(file, target)
}

step('bundling the standalone widget')
const widget = await bundleWidget()
writeFileSync(path.join(distDir, 'entraide-widget.js'), widget)
const { gzip } = sizesOf(widget)
if (gzip > widgetBudgetBytes) throw new Error(`The widget bundle is ${gzip} bytes gzip, over its budget of ${widgetBudgetBytes}.`)

const files = filesUnder(distDir)
const bytes = files.reduce((sum, file) => sum + readFileSync(file).byteLength, 0)
console.log(`dist/: ${files.length} files, ${(bytes / 1024).toFixed(0)} KB`)
