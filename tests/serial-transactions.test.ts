import { describe, expect, it } from 'vitest'

import { serialTransactions } from '../setup/serialTransactions.ts'

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
  }
  const wrapped = serialTransactions({ defaultIDType: 'text', init: () => adapter } as any, { maxWaitMs: 200 })
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
    await expect(db.beginTransaction()).rejects.toThrow(/waited 200 ms for its turn[\s\S]*began \d+ ms ago at/)
  })
})
