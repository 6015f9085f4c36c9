// Reading the embedded index's snapshot file before Payload starts. Node's
// built-ins only: the host's instrumentation hook loads this module (through
// `entraide/instrumentation`) before any of Payload's.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'

export const readPath = (value: unknown, keys: readonly string[]): unknown =>
  keys.reduce<unknown>(
    (current, key) => (typeof current === 'object' && current !== null ? Reflect.get(current, key) : undefined),
    value,
  )

/**
 * The snapshot file of a database in `directory` (by default
 * `entraide-search` in the OS temporary directory): named by a digest of the
 * database's address, as the adapter was given it, so that two databases
 * never share one.
 */
export const snapshotFileIn = (directory: string | undefined, databaseAddress: string): string => {
  const digest = createHash('sha256').update(databaseAddress).digest('hex').slice(0, 24)
  return path.join(directory ?? path.join(tmpdir(), 'entraide-search'), `index-${digest}.snapshot`)
}

/**
 * Bytes read early, with when the read started and ended (ms since the
 * process started), for the load's log line, and the SHA-256 digest of what
 * follows the header line, computed on the reading thread while the app's
 * thread restores the index (null when it could not be computed).
 */
export type EarlyBytes = { bytes: Buffer; startedMs: number; endedMs: number; bodyDigest: Promise<string | null> }

const uptimeMs = (): number => Math.round(process.uptime() * 1000)

/**
 * The reading thread's program (CommonJS, as a worker's evaluated source
 * is): reads the file into memory shared with the app's thread and hands it
 * over, then digests what follows the header line and hands the digest over;
 * or the error.
 */
const readerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const { closeSync, fstatSync, openSync, readSync } = require('node:fs')
const { createHash } = require('node:crypto')
try {
  const descriptor = openSync(workerData.file, 'r')
  let bytes
  try {
    const size = fstatSync(descriptor).size
    const shared = new SharedArrayBuffer(size)
    bytes = new Uint8Array(shared)
    let length = 0
    while (length < size) {
      const read = readSync(descriptor, bytes, length, size - length, length)
      if (read === 0) break
      length += read
    }
    bytes = bytes.subarray(0, length)
    parentPort.postMessage({ length, shared })
  } finally {
    closeSync(descriptor)
  }
  const lineEnd = bytes.indexOf(10)
  parentPort.postMessage({ bodyDigest: lineEnd === -1 ? null : createHash('sha256').update(bytes.subarray(lineEnd + 1)).digest('hex') })
} catch (error) {
  parentPort.postMessage({ error: String(error) })
}
`

/**
 * Reads `file` and digests it on a thread of its own: at start the app's
 * thread is busy loading modules and starting Payload, and on a machine
 * with two cores the other one is free. Resolves with null when the file
 * cannot be read or the thread cannot start.
 */
export const readOnItsOwnThread = (file: string): Promise<EarlyBytes | null> =>
  new Promise((resolve) => {
    const startedMs = uptimeMs()
    let worker: Worker
    try {
      worker = new Worker(readerSource, { eval: true, workerData: { file } })
    } catch {
      resolve(null)
      return
    }
    worker.unref()
    let settleDigest: (digest: string | null) => void = () => undefined
    const bodyDigest = new Promise<string | null>((settle) => (settleDigest = settle))
    const fail = (): void => {
      resolve(null)
      settleDigest(null)
    }
    worker.on('message', (message: unknown) => {
      const shared = readPath(message, ['shared'])
      const length = readPath(message, ['length'])
      if (shared instanceof SharedArrayBuffer && typeof length === 'number' && length <= shared.byteLength) {
        resolve({ bodyDigest, bytes: Buffer.from(shared, 0, length), endedMs: uptimeMs(), startedMs })
        return
      }
      const digest = readPath(message, ['bodyDigest'])
      if (typeof digest === 'string') settleDigest(digest)
      else fail()
      void worker.terminate()
    })
    worker.once('error', fail)
    worker.once('exit', fail)
  })

/** How long a read started before Payload is kept for it: past that, its bytes are freed. */
const unclaimedForMs = 120_000

type Pending = { bytes: Promise<EarlyBytes | null>; expiry: ReturnType<typeof setTimeout> }

/**
 * Reads started before Payload, by file. Kept on the process, not in this
 * module: the instrumentation hook and the app's routes are bundled apart,
 * each with its own copy of the module.
 */
const pendingReadsKey = Symbol.for('entraide.searchSnapshotReads')
// Only this module (in any of its copies) sets the key.
const isPendingReads = (value: unknown): value is Map<string, Pending> => value instanceof Map
const pendingReads = (): Map<string, Pending> => {
  const kept: unknown = Reflect.get(globalThis, pendingReadsKey)
  if (isPendingReads(kept)) return kept
  const reads = new Map<string, Pending>()
  Reflect.set(globalThis, pendingReadsKey, reads)
  return reads
}

/** Whether a read of `file` started before Payload waits to be taken. */
export const hasPendingRead = (file: string): boolean => pendingReads().has(file)

/** Takes the read of `file` started before Payload, if any (once). */
export const takePendingRead = (file: string): Promise<EarlyBytes | null> | undefined => {
  const pending = pendingReads().get(file)
  if (!pending) return undefined
  clearTimeout(pending.expiry)
  pendingReads().delete(file)
  return pending.bytes
}

/**
 * Starts reading the embedded search index's snapshot of a database, on a
 * thread of its own, before Payload starts: call it from the site's
 * `instrumentation.ts` (its `register`, in the Node.js runtime), with the
 * database address given to the database adapter and, when the plugin's
 * `search.snapshot.directory` is set, that directory. The plugin then takes
 * the bytes when Payload starts instead of reading the file then: the index
 * answers sooner after a restart (at 50,000 documents, the read takes about
 * 0.3 s, which the app's start no longer waits for). Nothing happens when
 * there is no snapshot; a read that Payload does not take within two minutes
 * (other options, another address) is dropped.
 */
export const readSearchIndexEarly = ({
  databaseUri,
  directory,
}: {
  /** The database address exactly as the adapter gets it (`file:./data/site.db`, `postgres://…`). */
  databaseUri: string
  /** The plugin's `search.snapshot.directory`, when set. */
  directory?: string
}): void => {
  const file = snapshotFileIn(directory, databaseUri)
  const reads = pendingReads()
  if (reads.has(file) || !existsSync(file)) return
  const expiry = setTimeout(() => reads.delete(file), unclaimedForMs)
  expiry.unref()
  reads.set(file, { bytes: readOnItsOwnThread(file), expiry })
}
