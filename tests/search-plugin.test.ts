import type { CollectionConfig, Config, JobsConfig, TaskConfig } from 'payload'
import { describe, expect, it } from 'vitest'

import { withSearch, withSearchJobs } from '../src/search/plugin.ts'
import { searchSyncTaskSlug } from '../src/search/syncRunner.ts'

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

const hostTask: TaskConfig<{ input: { to: string }; output: { sent: boolean } }> = {
  handler: async () => ({ output: { sent: true } }),
  slug: 'send-newsletter',
}

describe('search in the host config', () => {
  it('keeps the host’s jobs, adding only the sync task of earlier versions, without changing them', async () => {
    const hostRun = () => true
    const host: JobsConfig = deepFreeze({
      access: { run: hostRun },
      autoRun: [{ cron: '*/5 * * * *', queue: 'newsletters' }],
      tasks: [hostTask],
    })
    const jobs = withSearchJobs(host)
    // Registered so that databases keep its jobs valid (a PostgreSQL enum); nothing queues it.
    expect(jobs.tasks?.map((task) => task.slug)).toEqual(['send-newsletter', searchSyncTaskSlug])
    // Meilisearch is fed from the change feed: no cron for a sync queue.
    expect(jobs.autoRun).toEqual([{ cron: '*/5 * * * *', queue: 'newsletters' }])
    // The host's access rule wins; the others are closed to all but editors and admins.
    expect(jobs.access?.run).toBe(hostRun)
    expect(await jobs.access?.queue?.({ req: { user: { id: 'u1', role: 'citizen' } } } as never)).toBe(false)
    expect(await jobs.access?.queue?.({ req: { user: { id: 'u2', role: 'editor' } } } as never)).toBe(true)
    expect(host.tasks).toHaveLength(1)
    // Payload's own deletion of completed jobs writes outside a transaction; Entraide's runners prune theirs instead.
    expect(jobs.deleteJobOnComplete).toBe(false)
    expect(withSearchJobs({ ...host, deleteJobOnComplete: true }).deleteJobOnComplete).toBe(true)
  })

  it('keeps an autoRun function as it is', async () => {
    const host: JobsConfig = { autoRun: async () => [{ cron: '0 * * * *', queue: 'reports' }] }
    expect(withSearchJobs(host).autoRun).toBe(host.autoRun)
    expect(withSearchJobs(undefined).autoRun).toBeUndefined()
  })

  it('puts sync hooks after the collections’ own and endpoints after the host’s, without changing the input', () => {
    const ownHook = () => undefined
    const config: Config = deepFreeze({
      collections: [
        { fields: [], hooks: { afterChange: [ownHook] }, slug: 'tips' },
        { fields: [], slug: 'pages' },
      ] satisfies CollectionConfig[],
      endpoints: [{ handler: async () => Response.json({}), method: 'get', path: '/host' }],
      onInit: async () => undefined,
      db: {} as Config['db'],
      secret: 'x',
    } satisfies Config)
    const extended = withSearch()(config)
    const [tips, pages] = extended.collections ?? []
    expect(tips?.hooks?.afterChange?.[0]).toBe(ownHook)
    expect(tips?.hooks?.afterChange).toHaveLength(2)
    expect(tips?.hooks?.afterDelete).toHaveLength(1)
    expect(pages).toBe(config.collections?.[1])
    expect(extended.endpoints?.map((endpoint) => endpoint.path)).toEqual(['/host', '/entraide/search', '/entraide/suggestions/found', '/entraide/reindex'])
    expect(config.collections?.[0]?.hooks?.afterChange).toHaveLength(1)
    expect(extended.onInit).not.toBe(config.onInit)
  })
})
