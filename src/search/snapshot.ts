import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import type { Config, Payload } from 'payload'

import { yieldToEventLoop } from '../utilities/eventLoop.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { readOnItsOwnThread, readPath, snapshotFileIn, takePendingRead, type EarlyBytes } from './earlyRead.ts'
import { EmbeddedEngine } from './embeddedEngine.ts'

/** The feed position an index snapshot was taken at (see `feed.ts`). */
export type FeedPosition = {
  /** `createdAt` (epoch ms) of the newest change applied. */
  cursor: number
  /** The newest change applied, `id` and `createdAt`: it must still be in the feed for the snapshot to be trusted. */
  marker: { id: string; at: number }
}

/**
 * What names the database: its address as the adapter was given it (SQLite's
 * file URL, PostgreSQL's connection string, MongoDB's URL), so that two
 * databases never share a snapshot file. Only a digest of it is used.
 */
const databaseAddress = (db: unknown): string => {
  const candidates = [
    readPath(db, ['clientConfig', 'url']),
    readPath(db, ['poolOptions', 'connectionString']),
    readPath(db, ['url']),
  ]
  const found = candidates.find((value) => typeof value === 'string' && value.length > 0)
  return typeof found === 'string' ? found : `${String(readPath(db, ['name']))}:${process.cwd()}`
}

const snapshotFileFor = (payload: Payload, db: unknown): string | null => {
  const { snapshot } = optionsOf(payload).search
  return snapshot === false ? null : snapshotFileIn(snapshot.directory, databaseAddress(db))
}

/** The snapshot file of this Payload instance's database, or null when snapshots are off. */
export const snapshotFileOf = (payload: Payload): string | null => snapshotFileFor(payload, payload.db)

/** Snapshot files read while Payload was starting, by instance, until `populate` takes them. */
const earlyReads = new WeakMap<Payload, { file: string; bytes: Promise<EarlyBytes | null> }>()

/**
 * The database adapter of a config, unchanged but for one thing: when
 * Payload makes it (before it connects and runs its migrations), the index
 * snapshot of that database starts being read from disk and checked, on a
 * thread of its own (about 0.3 s for 80 MB on this project's two-core
 * machine, half of it the first pass over memory just read), while the app's
 * thread goes on starting — unless the site's instrumentation hook started
 * that read already (`readSearchIndexEarly`), sooner still. Read on the
 * app's thread pool instead, its bytes waited over a second for the event
 * loop, busy with Next's first requests; read at once, synchronously, it
 * held the start that long. A file that is missing or unreadable is simply
 * not used, as at `onInit`.
 */
export const withEarlySnapshotRead = (db: Config['db']): Config['db'] => ({
  ...db,
  init: (args) => {
    const adapter = db.init(args)
    const file = snapshotFileFor(args.payload, adapter)
    if (file === null) return adapter
    const bytes = takePendingRead(file) ?? (existsSync(file) ? readOnItsOwnThread(file) : undefined)
    // No snapshot (a first start, or another engine): the load at onInit finds none either.
    if (bytes) earlyReads.set(args.payload, { bytes, file })
    return adapter
  },
})

/** Forgets an early read that no load will take (the engine is not the embedded one): its bytes are freed. */
export const dropEarlySnapshotRead = (payload: Payload): void => {
  earlyReads.delete(payload)
}

/** The early read of `file` (see `withEarlySnapshotRead`), once: later loads read the file again. */
export const takeEarlySnapshotRead = (payload: Payload, file: string): Promise<EarlyBytes | null> | undefined => {
  const early = earlyReads.get(payload)
  earlyReads.delete(payload)
  return early?.file === file ? early.bytes : undefined
}

const isPosition = (value: unknown): value is FeedPosition => {
  const cursor = readPath(value, ['cursor'])
  const id = readPath(value, ['marker', 'id'])
  const at = readPath(value, ['marker', 'at'])
  return typeof cursor === 'number' && typeof id === 'string' && typeof at === 'number'
}

const isLittleEndian = os.endianness() === 'LE'

/** Zero bytes that bring `length` to a multiple of 4, so that every part starts on a 32-bit word. */
const paddingOf = (length: number): Buffer => Buffer.alloc((4 - (length % 4)) % 4)

/** Bytes digested between two turns of the event loop when a snapshot is saved (about 5 ms of work). */
const digestSlice = 8 * 1024 * 1024

/**
 * Saves the embedded index with the feed position it reflects, to a temporary
 * file renamed over the previous one: a crash mid-write leaves the previous
 * snapshot whole. The file is a JSON header line (the engine's header, the
 * position, the length of each part and a SHA-256 digest of them), padded to a
 * 32-bit boundary, then the engine's binary parts, each padded likewise.
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
  const { header, parts } = await engine.snapshot()
  const body: Uint8Array[] = parts.flatMap((part) => [part, paddingOf(part.byteLength)])
  // Digested a few megabytes at a time, the event loop served in between, as the parts were made.
  const hash = createHash('sha256')
  for (const chunk of body) {
    for (let start = 0; start < chunk.byteLength; start += digestSlice) {
      hash.update(chunk.subarray(start, start + digestSlice))
      await yieldToEventLoop()
    }
  }
  const digest = hash.digest('hex')
  const line = JSON.stringify({
    ...header,
    digest,
    isLittleEndian,
    parts: parts.map((part) => part.byteLength),
    position,
  })
  const headerLength = Buffer.byteLength(line) + 1
  const chunks = [Buffer.from(`${line}${' '.repeat((4 - (headerLength % 4)) % 4)}\n`), ...body]
  await mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, chunks)
  await rename(temporary, file)
  return {
    bytes: chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0),
    documents: header.documentCount,
  }
}

/**
 * The file's bytes in one read rather than `readFile`'s chunks of 512 KiB,
 * each of which waits for its turn on an event loop that is busy at start.
 */
const readWhole = async (file: string): Promise<Buffer> => {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const bytes = Buffer.allocUnsafeSlow(size)
    let offset = 0
    while (offset < size) {
      const { bytesRead } = await handle.read(bytes, offset, size - offset, offset)
      if (bytesRead === 0) break
      offset += bytesRead
    }
    return bytes.subarray(0, offset)
  } finally {
    await handle.close()
  }
}

const isLength = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0

/**
 * Loads a saved index into the engine (after `ensureIndex`). Returns the feed
 * position it was saved at and how long each step took, or null when there
 * is no snapshot or it does not fit (another format or version, other index
 * settings, truncated or damaged): the caller rebuilds.
 */
export const loadSnapshot = async ({
  early,
  engine,
  file,
}: {
  engine: EmbeddedEngine
  file: string
  /** The file's bytes being read since Payload's start (`takeEarlySnapshotRead`). */
  early?: Promise<EarlyBytes | null>
}): Promise<{ position: FeedPosition; documents: number; steps: string } | null> => {
  const startedAt = performance.now()
  let bytes: Buffer
  let readStep: string
  let bodyDigest: Promise<string | null> | null = null
  try {
    const read = early ? await early : null
    if (read) {
      bytes = read.bytes
      bodyDigest = read.bodyDigest
      readStep = `read on a thread of its own from ${read.startedMs} to ${read.endedMs} ms of the process and digested there during the restore, waited ${Math.round(performance.now() - startedAt)} ms`
    } else {
      bytes = await readWhole(file)
      readStep = `read ${Math.round(performance.now() - startedAt)} ms`
    }
  } catch {
    return null
  }
  const readAt = performance.now()
  const lineEnd = bytes.indexOf(10)
  if (lineEnd === -1) return null
  try {
    const header: unknown = JSON.parse(bytes.toString('utf8', 0, lineEnd))
    const position = readPath(header, ['position'])
    const lengths = readPath(header, ['parts'])
    const digest = readPath(header, ['digest'])
    if (!isPosition(position) || !Array.isArray(lengths) || !lengths.every(isLength) || typeof digest !== 'string')
      return null
    if (readPath(header, ['isLittleEndian']) !== isLittleEndian) return null
    const parts: Uint8Array[] = []
    let offset = lineEnd + 1
    for (const length of lengths) {
      parts.push(bytes.subarray(offset, offset + length))
      offset += length + paddingOf(length).byteLength
    }
    // A truncated or lengthened file, or any changed byte, is refused.
    if (offset !== bytes.byteLength) return null
    // Read early, the file is digested on its reading thread while the index is restored here,
    // and an index whose digest does not match is not kept (the caller rebuilds).
    if (
      bodyDigest === null &&
      createHash('sha256')
        .update(bytes.subarray(lineEnd + 1))
        .digest('hex') !== digest
    )
      return null
    const checkedAt = performance.now()
    const isRestored = await engine.restoreSnapshot({ header, parts })
    const restoredAt = performance.now()
    if (bodyDigest !== null && (await bodyDigest) !== digest) {
      await engine.clear()
      return null
    }
    if (!isRestored) return null
    const digestStep = bodyDigest === null ? '' : `, digest waited for ${Math.round(performance.now() - restoredAt)} ms`
    const steps = `${readStep}, check ${Math.round(checkedAt - readAt)} ms, restore ${Math.round(restoredAt - checkedAt)} ms${digestStep}`
    return { documents: (await engine.stats()).documentCount, position, steps }
  } catch {
    return null
  }
}

/** Deletes a snapshot that no longer fits the database. */
export const removeSnapshot = async (file: string): Promise<void> => {
  await rm(file, { force: true })
}
