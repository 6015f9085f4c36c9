import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'

import { optionsOf } from '../utilities/pluginOptions.ts'
import { EmbeddedEngine } from './embeddedEngine.ts'

/** The feed position an index snapshot was taken at (see `feed.ts`). */
export type FeedPosition = {
  /** `createdAt` (epoch ms) of the newest change applied. */
  cursor: number
  /** The newest change applied, `id` and `createdAt`: it must still be in the feed for the snapshot to be trusted. */
  marker: { id: string; at: number }
}

const readPath = (value: unknown, keys: readonly string[]): unknown =>
  keys.reduce<unknown>(
    (current, key) => (typeof current === 'object' && current !== null ? Reflect.get(current, key) : undefined),
    value,
  )

/**
 * What names the database: its address as the adapter was given it (SQLite's
 * file URL, PostgreSQL's connection string, MongoDB's URL), so that two
 * databases never share a snapshot file. Only a digest of it is used.
 */
const databaseAddress = (payload: Payload): string => {
  const candidates = [
    readPath(payload.db, ['clientConfig', 'url']),
    readPath(payload.db, ['poolOptions', 'connectionString']),
    readPath(payload.db, ['url']),
  ]
  const found = candidates.find((value) => typeof value === 'string' && value.length > 0)
  return typeof found === 'string' ? found : `${payload.db.name}:${process.cwd()}`
}

/** The snapshot file of this Payload instance's database, or null when snapshots are off. */
export const snapshotFileOf = (payload: Payload): string | null => {
  const { snapshot } = optionsOf(payload).search
  if (snapshot === false) return null
  const directory = snapshot.directory ?? path.join(tmpdir(), 'entraide-search')
  const digest = createHash('sha256').update(databaseAddress(payload)).digest('hex').slice(0, 24)
  return path.join(directory, `index-${digest}.snapshot`)
}

const isPosition = (value: unknown): value is FeedPosition => {
  const cursor = readPath(value, ['cursor'])
  const id = readPath(value, ['marker', 'id'])
  const at = readPath(value, ['marker', 'at'])
  return typeof cursor === 'number' && typeof id === 'string' && typeof at === 'number'
}

/**
 * Saves the embedded index with the feed position it reflects, to a temporary
 * file renamed over the previous one: a crash mid-write leaves the previous
 * snapshot whole.
 */
export const saveSnapshot = async ({
  engine,
  file,
  position,
}: {
  engine: EmbeddedEngine
  file: string
  position: FeedPosition
}): Promise<{ documents: number; bytes: number }> => {
  const { documents, header, index } = engine.snapshot()
  const text = `${JSON.stringify({ ...header, position })}\n${documents}\n${index}\n`
  await mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, text)
  await rename(temporary, file)
  return { bytes: Buffer.byteLength(text), documents: header.documentCount }
}

/**
 * Loads a saved index into the engine (after `ensureIndex`). Returns the feed
 * position it was saved at, or null when there is no snapshot or it does not
 * fit (another format, other index settings, damaged): the caller rebuilds.
 */
export const loadSnapshot = async ({
  engine,
  file,
}: {
  engine: EmbeddedEngine
  file: string
}): Promise<{ position: FeedPosition; documents: number; steps: string } | null> => {
  const startedAt = performance.now()
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return null
  }
  const readMs = performance.now() - startedAt
  const [headerLine, documents, index] = text.split('\n')
  if (headerLine === undefined || documents === undefined || index === undefined) return null
  try {
    const header: unknown = JSON.parse(headerLine)
    const position = readPath(header, ['position'])
    if (!isPosition(position)) return null
    const restoredAt = performance.now()
    if (!engine.restoreSnapshot({ documents, header, index })) return null
    const steps = `read ${Math.round(readMs)} ms, restore ${Math.round(performance.now() - restoredAt)} ms`
    return { documents: (await engine.stats()).documentCount, position, steps }
  } catch {
    return null
  }
}

/** Deletes a snapshot that no longer fits the database. */
export const removeSnapshot = async (file: string): Promise<void> => {
  await rm(file, { force: true })
}
