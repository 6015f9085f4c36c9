import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * The standalone widget is served twice from `public/`: under its stable name
 * (`/entraide-widget.js`, which existing embeds link, cached a few minutes) and
 * under a name holding a hash of its content (`/entraide-widget.<hash>.js`,
 * cached for a year as immutable: a new build is a new name). next.config.mjs
 * sets both cache headers.
 */
export const widgetStableName = 'entraide-widget.js'

/** Matches the content-hashed names, and only them. */
export const widgetHashedNamePattern = /^entraide-widget\.[0-9a-f]{16}\.js$/

/** The content-hashed name of a bundle: 16 hex digits of its SHA-256. */
export const widgetHashedName = (code: string): string =>
  `entraide-widget.${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`

let known: { key: string; src: string } | undefined

/**
 * The address the demo site's pages link the widget by: the content-hashed
 * file when `npm run build:widget` wrote it next to the stable one, else the
 * stable name (which also lets the page say the script is missing).
 */
export const widgetScriptSrc = (publicDir = path.join(process.cwd(), 'public')): string => {
  const stable = path.join(publicDir, widgetStableName)
  if (!existsSync(stable)) return `/${widgetStableName}`
  const { mtimeMs, size } = statSync(stable)
  const key = `${stable}:${mtimeMs}:${size}`
  if (known?.key === key) return known.src
  const hashed = widgetHashedName(readFileSync(stable, 'utf8'))
  const src = existsSync(path.join(publicDir, hashed)) ? `/${hashed}` : `/${widgetStableName}`
  known = { key, src }
  return src
}
