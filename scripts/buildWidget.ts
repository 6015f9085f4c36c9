import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'

import { build } from 'esbuild'

import { widgetHashedName, widgetHashedNamePattern, widgetStableName } from '../app/(site)/widgetAsset.ts'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Where `npm run build:widget` writes the standalone bundle; the app serves it at `/entraide-widget.js`. */
export const widgetBundlePath = path.join(rootDir, 'public', widgetStableName)

/** The gzip budget of the standalone bundle, in bytes. */
export const widgetBudgetBytes = 35 * 1024

/** Which library renders the bundle: Preact through its React compatibility layer, or React itself. */
export type WidgetRenderer = 'preact' | 'react'

/**
 * Bundles the standalone widget (IIFE, minified) and returns its code. With
 * `preact`, react and react-dom resolve to preact/compat, which keeps the
 * bundle within budget while the component stays a React component for
 * React hosts; `react` builds the same entry with real react-dom, as the
 * benchmark's baseline.
 */
export const bundleWidget = async ({ renderer = 'preact' }: { renderer?: WidgetRenderer } = {}): Promise<string> => {
  const result = await build({
    absWorkingDir: rootDir,
    alias: renderer === 'preact' ? { react: 'preact/compat', 'react-dom': 'preact/compat' } : {},
    bundle: true,
    charset: 'utf8',
    define: { 'process.env.NODE_ENV': '"production"' },
    entryPoints: [path.join(rootDir, 'src', 'widget', 'standalone.tsx')],
    format: 'iife',
    jsx: 'automatic',
    legalComments: 'none',
    logLevel: 'warning',
    minify: true,
    platform: 'browser',
    target: ['es2020'],
    write: false,
  })
  const output = result.outputFiles?.[0]
  if (!output) throw new Error('esbuild produced no output for the widget bundle.')
  return output.text
}

/** Raw and gzip sizes of a bundle, in bytes. */
export const sizesOf = (code: string): { raw: number; gzip: number } => ({
  gzip: gzipSync(code, { level: 9 }).byteLength,
  raw: Buffer.byteLength(code),
})

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`

/**
 * Writes the bundle under its stable name and under its content-hashed name
 * into `directory`, and removes the hashed files of earlier builds. Returns
 * the hashed name.
 */
export const writeWidgetFiles = (directory: string, code: string): string => {
  mkdirSync(directory, { recursive: true })
  const hashed = widgetHashedName(code)
  for (const name of readdirSync(directory)) {
    if (widgetHashedNamePattern.test(name) && name !== hashed) rmSync(path.join(directory, name), { force: true })
  }
  writeFileSync(path.join(directory, hashed), code)
  writeFileSync(path.join(directory, widgetStableName), code)
  return hashed
}

const main = async () => {
  const code = await bundleWidget()
  const hashed = writeWidgetFiles(path.dirname(widgetBundlePath), code)
  const { gzip, raw } = sizesOf(code)
  console.log(
    `${path.relative(rootDir, widgetBundlePath)} and ${hashed}: ${kib(raw)} raw, ${kib(gzip)} gzip (budget ${kib(widgetBudgetBytes)} gzip)`,
  )
  if (gzip > widgetBudgetBytes) {
    console.error('The widget bundle is over its gzip budget.')
    process.exitCode = 1
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main()
}
