import { describe, expect, it } from 'vitest'

import {
  excerpt,
  guideDocument,
  procedureDocument,
  threadDocument,
  tipDocument,
  wikiPageDocument,
  type AnswerRecord,
  type KnowledgeUrls,
  type ProcedureContext,
} from '../src/search/documents.ts'
import { isValidDocumentId, parseKnowledgeDocument } from '../src/search/types.ts'
import { headingNode, lexicalRoot, plainTextToNodes } from '../src/utilities/lexical.ts'

const urls: KnowledgeUrls = {
  procedureUrl: (slug) => `/demarches/${slug}`,
  wikiPageUrl: ({ slug }) => `/wiki/${slug}`,
}
const procedure: ProcedureContext = {
  agency: 'ants',
  id: '0192f0c1-aaaa-7bbb-8ccc-000000000001',
  slug: 'passeport',
  title: 'Renouveler un passeport',
}
const at = '2025-03-04T10:00:00.000Z'
const later = '2025-03-05T10:00:00.000Z'

// Fields a database record has that must never reach the index.
const personal = {
  author: { email: 'awa@example.fr', id: 'u1' },
  lastEditedBy: { email: 'bruno@example.fr', id: 'u2' },
  moderationNote: 'Propos injurieux signalés',
  validatedBy: { email: 'agent@ants.example', id: 'u3' },
  validationNote: 'Note interne de l’agent',
}

const answer = (overrides: Partial<AnswerRecord>): AnswerRecord => ({
  body: 'Une réponse quelconque.',
  id: 'a0',
  isAccepted: false,
  updatedAt: at,
  validatedAt: null,
  visibility: 'published',
  ...overrides,
})

describe('knowledge documents', () => {
  it('maps a procedure with its summary, steps, documents, cost and delay, as official knowledge', () => {
    const document = procedureDocument({
      agency: 'ants',
      procedure: {
        cost: '86 €',
        delay: 'Trois semaines',
        id: procedure.id,
        requiredDocuments: [{ document: 'Photo d’identité' }, { document: 'Justificatif de domicile' }],
        slug: 'passeport',
        steps: [{ description: 'Sur le site de l’ANTS.', title: 'Pré-demande en ligne' }, { description: null, title: 'Rendez-vous en mairie' }],
        summary: 'Renouveler un passeport expiré.',
        title: 'Renouveler un passeport',
        updatedAt: at,
      },
      urls,
    })
    expect(document).toEqual({
      agency: 'ants',
      id: `procedures-${procedure.id}`,
      isOfficial: true,
      isValidated: false,
      procedure: { id: procedure.id, slug: 'passeport', title: 'Renouveler un passeport' },
      score: 0,
      text:
        'Renouveler un passeport expiré.\n\n1. Pré-demande en ligne\n\nSur le site de l’ANTS.\n\n2. Rendez-vous en mairie\n\n' +
        '- Photo d’identité\n- Justificatif de domicile\n\nCoût : 86 €\n\nDélai : Trois semaines',
      title: 'Renouveler un passeport',
      type: 'procedure',
      updatedAt: Date.parse(at),
      url: '/demarches/passeport',
    })
  })

  it('maps only the published version of a guide, as plain text, validated while its verification holds', () => {
    const guide = {
      _status: 'published' as const,
      body: lexicalRoot([headingNode('Avant le rendez-vous'), ...plainTextToNodes('Prévoir un timbre fiscal.\nEt une photo.')]),
      id: 'g1',
      needsReview: false,
      procedure: procedure.id,
      score: 4,
      title: 'Le guide du passeport',
      updatedAt: at,
      verifiedAt: at,
      ...personal,
    }
    const document = guideDocument({ guide, procedure, urls })
    expect(document).toMatchObject({
      agency: 'ants',
      id: 'guides-g1',
      isOfficial: false,
      isValidated: true,
      score: 4,
      text: 'Avant le rendez-vous\nPrévoir un timbre fiscal.\nEt une photo.',
      type: 'guide',
      url: '/demarches/passeport#entraide-guide',
    })
    expect(guideDocument({ guide: { ...guide, needsReview: true }, procedure, urls })?.isValidated).toBe(false)
    expect(guideDocument({ guide: { ...guide, verifiedAt: null }, procedure, urls })?.isValidated).toBe(false)
    expect(guideDocument({ guide: { ...guide, _status: 'draft' }, procedure, urls })).toBeNull()
    expect(guideDocument({ guide, procedure: null, urls })).toBeNull()
  })

  it('maps published wiki pages only, linked into the procedure page or through wikiPageUrl', () => {
    const page = {
      _status: 'published' as const,
      body: lexicalRoot(plainTextToNodes('Le consulat reçoit les demandes.')),
      id: 'w1',
      procedure: procedure.id,
      slug: 'passeport-etranger',
      title: 'Depuis l’étranger',
      updatedAt: at,
    }
    expect(wikiPageDocument({ page, procedure, urls })).toMatchObject({
      id: 'wiki-pages-w1',
      isOfficial: true,
      text: 'Le consulat reçoit les demandes.',
      type: 'wiki',
      url: '/demarches/passeport#entraide-wiki-w1',
    })
    expect(wikiPageDocument({ page, procedure: null, urls })).toMatchObject({ agency: null, procedure: null, url: '/wiki/passeport-etranger' })
    expect(wikiPageDocument({ page, procedure: null, urls: { ...urls, wikiPageUrl: () => null } })?.url).toBe('')
    expect(wikiPageDocument({ page: { ...page, _status: 'draft' }, procedure, urls })).toBeNull()
  })

  it('maps published tips only, titled by their first words', () => {
    const body =
      'Prenez rendez-vous dans une mairie voisine : les délais y sont souvent plus courts qu’en ville, surtout au printemps.\nAutre ligne.'
    const tip = { body, id: 't1', procedure: procedure.id, score: -1, updatedAt: at, validatedAt: at, visibility: 'published' as const, ...personal }
    const document = tipDocument({ procedure, tip, urls })
    expect(document).toMatchObject({
      id: 'tips-t1',
      isValidated: true,
      score: -1,
      text: body,
      type: 'tip',
      url: '/demarches/passeport#entraide-tip-t1',
    })
    expect(document?.title).toBe('Prenez rendez-vous dans une mairie voisine : les délais y sont souvent plus courts qu’en…')
    expect(tipDocument({ procedure, tip: { ...tip, visibility: 'pending' }, urls })).toBeNull()
    expect(tipDocument({ procedure, tip: { ...tip, visibility: 'hidden' }, urls })).toBeNull()
    // A validation waiting for re-verification (the procedure changed, or it expired) no longer counts.
    expect(tipDocument({ procedure, tip: { ...tip, needsReview: true }, urls })?.isValidated).toBe(false)
  })

  it('maps a published question with its accepted and validated answers, and no other', () => {
    const thread = {
      acceptedAnswer: 'a1',
      body: 'Mon passeport expire bientôt.',
      id: 'th1',
      procedure: procedure.id,
      score: 2,
      title: 'Faut-il de nouvelles photos ?',
      updatedAt: at,
      visibility: 'published' as const,
      ...personal,
    }
    const answers = [
      answer({ body: 'Réponse validée plus ancienne.', id: 'a2', updatedAt: at, validatedAt: at }),
      answer({ body: 'Réponse acceptée.', id: 'a1', isAccepted: true, updatedAt: later }),
      answer({ body: 'Réponse ordinaire.', id: 'a3' }),
      answer({ body: 'Réponse validée mais masquée.', id: 'a4', validatedAt: at, visibility: 'hidden' }),
      answer({ body: 'Réponse validée en attente.', id: 'a5', validatedAt: at, visibility: 'pending' }),
    ]
    const document = threadDocument({ answers, procedure, thread, urls })
    expect(document).toMatchObject({
      id: 'threads-th1',
      isOfficial: false,
      isValidated: true,
      text: 'Mon passeport expire bientôt.\n\nRéponse acceptée.\n\nRéponse validée plus ancienne.',
      title: 'Faut-il de nouvelles photos ?',
      type: 'thread',
      updatedAt: Date.parse(later),
      url: '/demarches/passeport#entraide-thread-th1',
    })
    const accepted = threadDocument({ answers: answers.filter((item) => item.id === 'a1'), procedure, thread, urls })
    expect(accepted?.isValidated).toBe(false)
    const waiting = answers.map((item) => (item.id === 'a2' ? { ...item, needsReview: true } : item))
    expect(threadDocument({ answers: waiting, procedure, thread, urls })?.isValidated).toBe(false)
    expect(threadDocument({ answers, procedure, thread: { ...thread, visibility: 'pending' }, urls })).toBeNull()
    expect(threadDocument({ answers, procedure, thread: { ...thread, visibility: 'hidden' }, urls })).toBeNull()
  })

  it('produces valid index documents that carry nothing personal', () => {
    const documents = [
      tipDocument({
        procedure,
        tip: { body: 'Astuce.', id: '0192f0c1-aaaa-7bbb-8ccc-0000000000ff', procedure: procedure.id, score: 0, updatedAt: at, validatedAt: null, visibility: 'published', ...personal },
        urls,
      }),
      threadDocument({
        answers: [answer({ id: 'a1', isAccepted: true, ...personal })],
        procedure,
        thread: { acceptedAnswer: 'a1', body: 'Question ?', id: '65f1c0ffee0123456789abcd', procedure: procedure.id, score: 0, title: 'Titre', updatedAt: 'pas une date', visibility: 'published', ...personal },
        urls,
      }),
    ]
    for (const document of documents) {
      if (!document) throw new Error('expected a document')
      expect(isValidDocumentId(document.id)).toBe(true)
      expect(parseKnowledgeDocument(document)).toEqual(document)
      const serialized = JSON.stringify(document)
      for (const secret of ['example.fr', 'ants.example', 'injurieux', 'Note interne', 'u1', 'u2', 'u3']) {
        expect(serialized).not.toContain(secret)
      }
    }
  })

  it('cuts titles at a word boundary', () => {
    expect(excerpt('Court.')).toBe('Court.')
    expect(excerpt('un deux trois quatre', 10)).toBe('un deux…')
    expect(excerpt('Première ligne\nseconde ligne')).toBe('Première ligne')
  })
})
