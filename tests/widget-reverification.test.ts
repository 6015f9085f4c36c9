import { createElement } from 'react'
import { describe, expect, it } from 'vitest'

import { GuideSection, OfficialSection, TipsSection } from '../src/widget/sections.tsx'
import type { Reverification } from '../src/widget/types.ts'
import { renderInWidget } from './helpers/widget.ts'

const agent = { displayName: 'Nadia Benali', id: 7, role: 'agent' as const }
const date = '2026-03-03T10:00:00.000Z'

const procedureChanged: Reverification = {
  changes: [
    {
      field: 'steps',
      steps: [
        { kind: 'changed', number: 2, parts: ['title'], previousNumber: 2, previousTitle: 'Prendre rendez-vous', title: 'Prendre rendez-vous en ligne' },
        { kind: 'added', number: 3, title: 'Payer le timbre fiscal' },
        { kind: 'removed', number: 4, title: 'Retirer le passeport' },
      ],
    },
    { added: ['Ancien passeport'], field: 'requiredDocuments', removed: [] },
    { after: '96 €', before: '86 €', field: 'cost' },
  ],
  reason: 'procedure-changed',
  since: date,
}

const tipWaiting = (reverification: Reverification | null) =>
  createElement(TipsSection, {
    procedureId: 3,
    tips: [
      {
        author: agent,
        body: 'Prenez rendez-vous tôt le matin.',
        createdAt: date,
        id: 4,
        myVote: 0,
        reverification,
        score: 1,
        status: 'published',
        step: null,
        validation: { agency: null, validatedAt: date, validatedBy: agent },
      },
    ],
  })

describe('items waiting for re-verification in the widget', () => {
  it('say so, and name what changed in the procedure, step by step, in French', () => {
    const html = renderInWidget(tipWaiting(procedureChanged))
    expect(html).toContain('À re-vérifier')
    expect(html).toContain('La démarche a changé depuis la dernière vérification par un agent')
    expect(html).toContain('Ce qui a changé dans la démarche :')
    expect(html).toContain('<li>étape 2 modifiée : « Prendre rendez-vous » devient « Prendre rendez-vous en ligne »</li>')
    expect(html).toContain('<li>étape 3 ajoutée : « Payer le timbre fiscal »</li>')
    expect(html).toContain('<li>étape 4 supprimée : « Retirer le passeport »</li>')
    expect(html).toContain('<li>documents ajoutés : Ancien passeport</li>')
    expect(html).toContain('<li>coût : 86 € → 96 €</li>')
  })

  it('say so in English', () => {
    const html = renderInWidget(tipWaiting(procedureChanged), { lang: 'en' })
    expect(html).toContain('To re-verify')
    expect(html).toContain('The procedure changed since an agent last checked this')
    expect(html).toContain('<li>step 2 changed: “Prendre rendez-vous” is now “Prendre rendez-vous en ligne”</li>')
    expect(html).toContain('<li>step 3 added: “Payer le timbre fiscal”</li>')
    expect(html).toContain('<li>cost: 86 € → 96 €</li>')
  })

  it('say when a verification expired, on a guide and an official page', () => {
    const expired: Reverification = { changes: [], reason: 'expired', since: date }
    const guide = renderInWidget(
      createElement(GuideSection, {
        guide: {
          body: null,
          hasMyPendingEdit: false,
          id: 2,
          myVote: 0,
          needsReview: true,
          reverification: expired,
          score: 0,
          title: 'Le guide du passeport',
          updatedAt: date,
          verifiedAt: date,
          verifiedBy: agent,
          verifyingAgency: null,
        },
      }),
      { lang: 'en' },
    )
    expect(guide).toContain('An agent last checked this long ago: it is waiting to be re-verified')
    expect(guide).not.toContain('Verified')
    const page = renderInWidget(
      createElement(OfficialSection, {
        pages: [{ body: null, contributors: [], id: 1, reverification: expired, slug: 'p', sources: [], title: 'Page', updatedAt: date }],
      }),
    )
    expect(page).toContain('La dernière vérification par un agent est ancienne')
    expect(page).not.toContain('Ce qui a changé')
  })

  it('say nothing of it on items that do not wait', () => {
    expect(renderInWidget(tipWaiting(null))).not.toContain('re-vérifi')
  })
})
