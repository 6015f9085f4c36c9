import type { Config } from 'payload'
import { describe, expect, it } from 'vitest'

import { withEntraideAdmin } from '../src/admin/adminConfig.ts'
import { componentPaths } from '../src/admin/componentPaths.ts'
import { unreadListPath } from '../src/admin/NotificationBell.tsx'
import { entraidePlugin } from '../src/index.ts'
import { sqliteDatabaseAdapter } from '../setup/database.ts'

const hostConfig = (): Config => ({
  admin: {
    components: {
      actions: ['/host/Help#Help'],
      afterNavLinks: ['/host/Links#Links'],
      beforeDashboard: ['/host/Welcome#Welcome'],
      views: { hostReport: { Component: '/host/Report#Report', path: '/report' } },
    },
    user: 'users',
  },
  collections: [{ auth: true, fields: [], slug: 'users' }],
  db: sqliteDatabaseAdapter('file::memory:'),
  secret: 'test',
})

describe('the admin panel additions', () => {
  it('adds the notification bell, the navigation links, the dashboard block and the review views after the host’s own', () => {
    const admin = withEntraideAdmin(hostConfig().admin)
    expect(admin.user).toBe('users')
    expect(admin.components?.actions).toEqual(['/host/Help#Help', componentPaths.notificationBell])
    expect(admin.components?.afterNavLinks).toEqual(['/host/Links#Links', componentPaths.navLinks])
    expect(admin.components?.beforeDashboard).toEqual(['/host/Welcome#Welcome', componentPaths.waitingWork])
    const views = admin.components?.views ?? {}
    expect(views.hostReport).toEqual({ Component: '/host/Report#Report', path: '/report' })
    expect(Object.values(views).map((view) => view?.path)).toEqual(
      expect.arrayContaining(['/awaiting-validation', '/moderation', '/guide-reviews', '/listening']),
    )
  })

  it('works without any admin config and never changes the host’s', () => {
    expect(withEntraideAdmin(undefined).components?.afterNavLinks).toEqual([componentPaths.navLinks])
    const host = hostConfig()
    const snapshot = JSON.stringify(host)
    const result = entraidePlugin()(host)
    expect(JSON.stringify(host)).toBe(snapshot)
    expect(result.admin?.components?.afterNavLinks).toEqual(['/host/Links#Links', componentPaths.navLinks])
  })

  it('puts the validation and moderation panels on answers and tips, and the publish button on guides', () => {
    const config = entraidePlugin()(hostConfig())
    const collection = (slug: string) => config.collections?.find((candidate) => candidate.slug === slug)
    const uiFields = (slug: string) =>
      (collection(slug)?.fields ?? []).flatMap((field) =>
        field.type === 'ui' && typeof field.admin?.components?.Field === 'string' ? [field.admin.components.Field] : [],
      )
    expect(uiFields('answers')).toEqual([componentPaths.validationField, componentPaths.moderationField])
    expect(uiFields('tips')).toEqual([componentPaths.validationField, componentPaths.moderationField])
    expect(uiFields('threads')).toEqual([componentPaths.moderationField])
    expect(uiFields('wiki-pages')).toEqual([componentPaths.provenanceField])
    expect(uiFields('guides')).toEqual([componentPaths.guideReviewNotice, componentPaths.guideVerificationField])
    expect(collection('guides')?.admin?.components?.edit?.PublishButton).toBe(componentPaths.guidePublishButton)
    expect(collection('wiki-pages')?.admin?.components?.edit?.PublishButton).toBe(componentPaths.wikiPublishButton)
  })

  it('leads the bell to the unread notifications, naming the recipient only for admins', () => {
    const filtersOf = (href: string) => Object.fromEntries(new URL(href, 'https://site.example').searchParams)
    const own = unreadListPath('/admin', null)
    expect(own.startsWith('/admin/collections/notifications?')).toBe(true)
    expect(filtersOf(own)).toEqual({ 'where[or][0][and][0][isRead][equals]': 'false' })
    expect(filtersOf(unreadListPath('/admin', 'a1'))).toEqual({
      'where[or][0][and][0][recipient][equals]': 'a1',
      'where[or][0][and][1][isRead][equals]': 'false',
    })
  })
})
