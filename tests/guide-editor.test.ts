import { createElement } from 'react'
import { describe, expect, it } from 'vitest'

import type { EntraideClient } from '../src/widget/client.ts'
import { GuideEditor } from '../src/widget/guideEditor.tsx'
import type { Lang } from '../src/widget/strings.ts'
import type { GuideInfo } from '../src/widget/types.ts'
import { renderInWidget } from './helpers/widget.ts'

// The guide editor before it is opened: the way in, and what became of the
// reader's own proposals. (Editing and sending are the browser journey's.)

const notCalled = () => Promise.reject(new Error('not called'))
const client: EntraideClient = {
  baseUrl: '',
  countUnread: notCalled,
  loadNotifications: notCalled,
  loadPage: notCalled,
  loadWikiPage: notCalled,
  markAllNotificationsRead: notCalled,
  markNotificationRead: notCalled,
  post: notCalled,
  search: notCalled,
  signIn: notCalled,
  signOut: notCalled,
  signUp: notCalled,
}

const guide: GuideInfo = {
  body: { root: { children: [], type: 'root', version: 1 } },
  hasMyPendingEdit: true,
  id: 7,
  myProposals: [
    {
      createdAt: '2026-12-02T09:00:00.000Z',
      id: 2,
      reviewNote: null,
      reviewedAt: null,
      status: 'pending',
      title: 'Renouveler son passeport',
    },
    {
      createdAt: '2026-11-20T09:00:00.000Z',
      id: 1,
      reviewNote: 'Ce paragraphe a déjà été reformulé.',
      reviewedAt: '2026-11-21T09:00:00.000Z',
      status: 'refused',
      title: 'Passeport <script>',
    },
  ],
  myVote: 0,
  needsReview: false,
  score: 0,
  title: 'Renouveler son passeport',
  updatedAt: '2026-12-01T09:00:00.000Z',
  verifiedAt: null,
  verifiedBy: null,
  verifyingAgency: null,
}

const render = (lang: Lang, value: GuideInfo = guide): string =>
  renderInWidget(createElement(GuideEditor, { guide: value }), { client, lang })

describe('the guide editor, closed', () => {
  it('offers to improve the guide in the widget, never through the admin panel', () => {
    const html = render('fr')
    expect(html).toContain('<button')
    expect(html).toContain('Améliorer ce guide')
    expect(html).not.toContain('/admin')
  })

  it('tells the author what became of their proposals, with the reviewer’s note, in French and English', () => {
    const french = render('fr')
    expect(french).toContain('« Renouveler son passeport », proposée le 2 décembre 2026 : en attente de relecture.')
    expect(french).toContain('refusée. Note de la relecture : Ce paragraphe a déjà été reformulé.')
    expect(french).not.toContain('<script>')
    const english = render('en')
    expect(english).toContain('Improve this guide')
    expect(english).toContain('awaiting review')
    expect(english).toContain('Reviewer’s note: Ce paragraphe a déjà été reformulé.')
    expect(render('fr', { ...guide, myProposals: [] })).not.toContain('Vos propositions')
  })
})
