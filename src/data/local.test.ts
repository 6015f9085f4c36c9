import type { PayloadRequest } from 'payload'
import { describe, expect, it } from 'vitest'

import { rowsById } from './local.ts'

/** A request whose `payload.find` serves `total` rows in pages, each page after `onPage` has run. */
const requestServing = (total: number, onPage: () => Promise<void>): PayloadRequest => {
  const payload = {
    find: async ({ limit, where }: { limit: number; where: { and?: { id?: { greater_than: number } }[] } }) => {
      await onPage()
      const after = where.and?.find((clause) => clause.id)?.id?.greater_than ?? 0
      const docs = Array.from({ length: Math.max(0, Math.min(limit, total - after)) }, (_, index) => ({
        id: after + index + 1,
      }))
      return { docs }
    },
  }
  return { payload } as unknown as PayloadRequest
}

const pagesOf = async (req: PayloadRequest): Promise<{ ids: unknown[]; busy: number[] }> => {
  const ids: unknown[] = []
  const busy: number[] = []
  for await (const row of rowsById({
    afterPage: async (busyMs) => {
      busy.push(busyMs)
    },
    collection: 'tips',
    pageSize: 10,
    req,
    select: { id: true },
    where: {},
  }))
    ids.push(row.id)
  return { busy, ids }
}

describe('rowsById', () => {
  it('reads every row once, page after page, in id order', async () => {
    const { busy, ids } = await pagesOf(requestServing(25, async () => undefined))
    expect(ids).toEqual(Array.from({ length: 25 }, (_, index) => index + 1))
    // Between the pages, not after the last one.
    expect(busy).toHaveLength(2)
  })

  it('tells the caller how long a page kept the event loop busy, leaving out the wait for the database', async () => {
    const waiting = await pagesOf(requestServing(15, () => new Promise((resolve) => setTimeout(resolve, 60))))
    expect(waiting.busy).toHaveLength(1)
    expect(waiting.busy[0]).toBeLessThan(30)

    const working = await pagesOf(
      requestServing(15, async () => {
        const until = performance.now() + 60
        while (performance.now() < until);
      }),
    )
    expect(working.busy).toHaveLength(1)
    expect(working.busy[0]).toBeGreaterThanOrEqual(55)
  })
})
