// Database: SQLite is enough (what is checked is how the writers of one SQLite file in one process take turns; PostgreSQL has no such lock)
import { sql } from '@payloadcms/db-sqlite'
import { describe, expect, it } from 'vitest'

import { sqliteTurns } from '../src/database/sqliteTurns.ts'
import { startTestApp } from './helpers/payload.ts'

/** A stand-in adapter that records the order in which transactions run. */
const fakeAdapter = () => {
  const log: string[] = []
  let next = 0
  const adapter = {
    beginTransaction: async () => {
      next += 1
      log.push(`begin ${next}`)
      return String(next)
    },
    commitTransaction: async (id: unknown) => {
      log.push(`commit ${String(await id)}`)
    },
    rollbackTransaction: async (id: unknown) => {
      log.push(`rollback ${String(await id)}`)
    },
    updateJobs: async () => {
      throw new Error('no such table: payload_jobs')
    },
    updateOne: async ({ label }: { label: string }) => {
      log.push(`write ${label}`)
      await new Promise((resolve) => setTimeout(resolve, 5))
      return {}
    },
  }
  const wrapped = sqliteTurns({ defaultIDType: 'text', init: () => adapter } as any, { maxWaitMs: 200 })
  return { db: wrapped.init({ payload: {} as any }) as any, log }
}

describe('SQLite transactions taking turns', () => {
  it('runs one transaction at a time, in the order they asked', async () => {
    const { db, log } = fakeAdapter()
    const work = async (label: string) => {
      const id = await db.beginTransaction()
      log.push(`work ${label}`)
      await new Promise((resolve) => setTimeout(resolve, 5))
      await db.commitTransaction(id)
    }
    await Promise.all([work('a'), work('b'), work('c')])
    expect(log).toEqual([
      'begin 1',
      'work a',
      'commit 1',
      'begin 2',
      'work b',
      'commit 2',
      'begin 3',
      'work c',
      'commit 3',
    ])
  })

  it('rolls back the transaction a failed job update leaves open, so the next one runs', async () => {
    const { db, log } = fakeAdapter()
    const jobId = await db.beginTransaction()
    await expect(db.updateJobs({ data: {}, req: { transactionID: jobId } })).rejects.toThrow(/payload_jobs/)
    const next = await db.beginTransaction()
    await db.commitTransaction(next)
    expect(log).toEqual(['begin 1', 'rollback 1', 'begin 2', 'commit 2'])
  })

  it('gives up waiting with an error naming where the holding transaction began', async () => {
    const { db } = fakeAdapter()
    await db.beginTransaction()
    await expect(db.beginTransaction()).rejects.toThrow(
      /transaction waited 200 ms for its turn[\s\S]*transaction holding it began \d+ ms ago at/,
    )
  })

  it('has a write made outside a transaction wait for the open one, and one inside it go at once', async () => {
    const { db, log } = fakeAdapter()
    const id = await db.beginTransaction()
    const outside = db.updateOne({ label: 'outside' })
    await db.updateOne({ label: 'inside', req: { transactionID: id } })
    await db.commitTransaction(id)
    await outside
    const next = await db.beginTransaction()
    await db.commitTransaction(next)
    expect(log).toEqual(['begin 1', 'write inside', 'commit 1', 'write outside', 'begin 2', 'commit 2'])
  })
})

describe('SQLite writes of one process', () => {
  it('keeps a write made outside a transaction while one is open, and the transaction’s own, without holding the process', async () => {
    const app = await startTestApp()
    try {
      const agency = (slug: string) => ({ name: `Agence ${slug}`, slug })
      const before = (await app.payload.count({ collection: 'agencies' })).totalDocs
      const started = performance.now()
      const transactionID = await app.payload.db.beginTransaction()
      if (transactionID === null) throw new Error('the test database has no transactions')
      await app.payload.create({ collection: 'agencies', data: agency('dedans-1'), req: { transactionID } })
      // Payload's jobs queue writes this way: through the adapter, with no transaction.
      const outside = app.payload.db.create({ collection: 'agencies', data: agency('dehors') })
      // The process is free meanwhile: the transaction goes on and ends.
      await new Promise((resolve) => setTimeout(resolve, 50))
      await app.payload.create({ collection: 'agencies', data: agency('dedans-2'), req: { transactionID } })
      await app.payload.db.commitTransaction(transactionID)
      await outside
      // Before, the write outside waited for the lock synchronously, holding the process for
      // the whole busy timeout (30 s), failed, and the transaction's work was lost.
      expect(performance.now() - started).toBeLessThan(10_000)
      const slugs = (await app.payload.find({ collection: 'agencies', limit: 0, sort: 'slug' })).docs.map(
        (doc) => doc.slug,
      )
      expect(slugs).toEqual(expect.arrayContaining(['dedans-1', 'dedans-2', 'dehors']))
      expect((await app.payload.count({ collection: 'agencies' })).totalDocs).toBe(before + 3)
    } finally {
      await app.close()
    }
  })

  it('makes a commit the database refuses an error, where Payload alone would answer as if the work were kept', async () => {
    const app = await startTestApp()
    try {
      const transactionID = await app.payload.db.beginTransaction()
      if (transactionID === null) throw new Error('the test database has no transactions')
      const session: unknown = Reflect.get(Reflect.get(app.payload.db, 'sessions') ?? {}, String(transactionID))
      const connection: unknown = Reflect.get(session ?? {}, 'db')
      if (
        typeof connection !== 'object' ||
        connection === null ||
        !('run' in connection) ||
        typeof connection.run !== 'function'
      )
        throw new Error('no SQLite transaction')
      // A procedure of an agency that does not exist, checked only at COMMIT: the commit fails.
      await connection.run(sql`PRAGMA defer_foreign_keys = ON`)
      await app.payload.db.create({
        collection: 'procedures',
        data: { agency: 999_999, slug: 'sans-agence', title: 'Sans agence' },
        req: { transactionID },
      })
      await expect(app.payload.db.commitTransaction(transactionID)).rejects.toThrow(
        /did not commit the transaction, so nothing it wrote was kept: .*FOREIGN KEY/,
      )
      expect(
        (await app.payload.count({ collection: 'procedures', where: { slug: { equals: 'sans-agence' } } })).totalDocs,
      ).toBe(0)
      // The turn was handed on: the next write goes through.
      await app.payload.db.create({ collection: 'agencies', data: { name: 'Agence suivante', slug: 'suivante' } })
    } finally {
      await app.close()
    }
  })
})
