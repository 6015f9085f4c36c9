import { createElement } from 'react'
import { describe, expect, it } from 'vitest'

import { HelpfulQuestion } from '../src/widget/helpfulness.tsx'
import { QuestionsSection } from '../src/widget/questions.tsx'
import { GuideSection, OfficialSection } from '../src/widget/sections.tsx'
import { renderInWidget } from './helpers/widget.ts'

const date = '2026-03-03T10:00:00.000Z'
const person = { displayName: 'Bruno Martin', id: 7, role: 'citizen' as const }

describe('"Was this helpful?" in the widget', () => {
  it('asks with two buttons, naming the item for screen readers, in French and English', () => {
    const fr = renderInWidget(createElement(HelpfulQuestion, { collection: 'answers', id: 3, itemLabel: 'Trois semaines en général.' }))
    expect(fr).toMatch(/<div aria-labelledby="[^"]+-question" class="ew-actions" role="group">/)
    expect(fr).toContain('Cela vous a-t-il été utile ?<span class="ew-sr-only"> – Trois semaines en général.</span>')
    expect(fr).toContain('type="button">Oui</button>')
    expect(fr).toContain('type="button">Non</button>')
    const en = renderInWidget(createElement(HelpfulQuestion, { collection: 'guides', id: 3, itemLabel: 'Le guide' }), { lang: 'en' })
    expect(en).toContain('Was this helpful?')
    expect(en).toContain('type="button">Yes</button>')
    expect(en).toContain('type="button">No</button>')
  })

  it('is asked on the guide, each official page and each published answer', () => {
    const guide = renderInWidget(
      createElement(GuideSection, {
        guide: { body: null, hasMyPendingEdit: false, id: 2, myVote: 0, needsReview: false, score: 0, title: 'Le guide du passeport', updatedAt: date, verifiedAt: null, verifiedBy: null, verifyingAgency: null },
      }),
    )
    expect(guide).toContain('Cela vous a-t-il été utile ?<span class="ew-sr-only"> – Le guide du passeport</span>')
    const pages = renderInWidget(
      createElement(OfficialSection, { pages: [{ body: null, contributors: [], id: 1, slug: 'p', sources: [], title: 'Page officielle', updatedAt: date }] }),
    )
    expect(pages).toContain('<span class="ew-sr-only"> – Page officielle</span>')
    const answer = (id: number, status: 'published' | 'pending') => ({
      author: person, body: `Réponse ${id} assez longue.`, createdAt: date, id, isAccepted: false, myVote: 0 as const, score: 0, status, validation: null,
    })
    const threads = renderInWidget(
      createElement(QuestionsSection, {
        procedureId: 1,
        threads: [
          {
            answers: [answer(10, 'published'), answer(11, 'pending')],
            author: person, body: 'Une question.', createdAt: date, id: 5, myVote: 0, score: 0, status: 'published', step: null, threadStatus: 'open', title: 'Quel délai pour le passeport ?',
          },
        ],
      }),
    )
    expect(threads).toContain('<span class="ew-sr-only"> – Réponse 10 assez longue.</span>')
    // An answer waiting for moderation is not asked about.
    expect(threads).not.toContain('<span class="ew-sr-only"> – Réponse 11 assez longue.</span>')
  })
})
