import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { reportReasons } from '../src/data/documents.ts'
import { knowledgeTypes } from '../src/search/types.ts'
import { createClient } from '../src/widget/client.ts'
import { WidgetProvider, type WidgetContextValue } from '../src/widget/context.ts'
import { EntraideWidget } from '../src/widget/EntraideWidget.tsx'
import { Highlighted, splitHighlights } from '../src/widget/highlight.tsx'
import { NotificationBell } from '../src/widget/notifications.tsx'
import { QuestionsSection } from '../src/widget/questions.tsx'
import { RichText, safeHref } from '../src/widget/richText.tsx'
import { GuideSection, OfficialSection, TipsSection } from '../src/widget/sections.tsx'
import { agencyShortName, formatDate, stringsFor } from '../src/widget/strings.ts'
import { rootClass, widgetCss } from '../src/widget/styles.ts'
import { renderInWidget } from './helpers/widget.ts'

const text = (value: string, format = 0) => ({
  detail: 0,
  format,
  mode: 'normal',
  style: '',
  text: value,
  type: 'text',
  version: 1,
})
const paragraph = (...children: unknown[]) => ({ children, type: 'paragraph', version: 1 })
const link = (url: unknown, label = 'cliquez ici', extra: Record<string, unknown> = {}) => ({
  children: [text(label)],
  fields: { linkType: 'custom', newTab: false, url, ...extra },
  type: 'link',
  version: 3,
})
const doc = (...children: unknown[]) => ({ root: { children, type: 'root', version: 1 } })
const render = (value: unknown, baseLevel?: number) =>
  renderToStaticMarkup(createElement(RichText, { baseLevel, newWindowLabel: '(nouvelle fenêtre)', value }))

describe('the rich-text renderer', () => {
  it('renders the usual nodes of a guide', () => {
    const html = render(
      doc(
        { children: [text('Avant de commencer')], tag: 'h2', type: 'heading', version: 1 },
        paragraph(text('Préparez '), text('deux photos', 1), text(' et le '), text('cerfa', 16), text('.')),
        {
          children: [
            { children: [text('Pré-demande')], type: 'listitem', value: 1, version: 1 },
            { children: [text('Rendez-vous')], type: 'listitem', value: 2, version: 1 },
          ],
          listType: 'number',
          type: 'list',
          version: 1,
        },
        paragraph(text('Ligne un'), { type: 'linebreak', version: 1 }, text('ligne deux')),
        { children: [text('Citation')], type: 'quote', version: 1 },
      ),
    )
    expect(html).toBe(
      '<div><h4>Avant de commencer</h4><p>Préparez <strong>deux photos</strong> et le <code>cerfa</code>.</p>' +
        '<ol><li>Pré-demande</li><li>Rendez-vous</li></ol><p>Ligne un<br/>ligne deux</p><blockquote>Citation</blockquote></div>',
    )
  })

  it('keeps script-like text as text', () => {
    const html = render(doc(paragraph(text('<script>alert(1)</script><img src=x onerror=alert(2)>'))))
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;')
  })

  it('drops links whose scheme could run code, keeping their text', () => {
    const hostile = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '  javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      ' data:image/svg+xml,<svg onload=alert(1)>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'blob:https://example.org/1234',
      { toString: () => 'javascript:alert(1)' },
      42,
    ]
    for (const url of hostile) {
      const html = render(doc(paragraph(link(url))))
      expect(html, String(url)).toBe('<div><p><span>cliquez ici</span></p></div>')
    }
    const auto = render(
      doc(
        paragraph({ children: [text('piège')], fields: { url: 'javascript:alert(1)' }, type: 'autolink', version: 2 }),
      ),
    )
    expect(auto).not.toContain('href')
    const legacy = render(
      doc(paragraph({ children: [text('piège')], type: 'link', url: 'javascript:alert(1)', version: 1 })),
    )
    expect(legacy).not.toContain('href')
  })

  it('marks contributors’ external links nofollow ugc noopener and keeps safe ones', () => {
    expect(render(doc(paragraph(link('https://www.service-public.fr/particuliers'))))).toBe(
      '<div><p><a href="https://www.service-public.fr/particuliers" rel="nofollow ugc noopener">cliquez ici</a></p></div>',
    )
    expect(render(doc(paragraph(link('https://ants.gouv.fr', 'ANTS', { newTab: true }))))).toBe(
      '<div><p><a href="https://ants.gouv.fr/" rel="nofollow ugc noopener noreferrer" target="_blank">ANTS<span aria-hidden="true"> ↗</span><span class="ew-sr-only"> (nouvelle fenêtre)</span></a></p></div>',
    )
    expect(render(doc(paragraph(link('mailto:contact@mairie.example'))))).toBe(
      '<div><p><a href="mailto:contact@mairie.example">cliquez ici</a></p></div>',
    )
    expect(render(doc(paragraph(link('/demarches/passeport#entraide'))))).toBe(
      '<div><p><a href="/demarches/passeport#entraide">cliquez ici</a></p></div>',
    )
    expect(
      render(
        doc(paragraph(link(null, 'page interne', { doc: { relationTo: 'guides', value: '1' }, linkType: 'internal' }))),
      ),
    ).toBe('<div><p><span>page interne</span></p></div>')
  })

  it('renders only known nodes and none of their attributes', () => {
    const html = render(
      doc(
        { html: '<img src=x onerror=alert(1)>', type: 'html', version: 1 },
        { children: [text('bloc inconnu')], type: 'block', version: 1 },
        { fields: { url: 'javascript:alert(1)' }, type: 'upload', value: '1', version: 1 },
        {
          children: [text('ok')],
          onclick: 'alert(1)',
          style: 'background:url(javascript:alert(1))',
          type: 'paragraph',
          version: 1,
        },
        { children: [text('titre')], tag: 'script', type: 'heading', version: 1 },
        { children: [text('titre')], tag: 'h1', type: 'heading', version: 1 },
        { text: 'format piégé', format: '1', type: 'text', version: 1 },
      ),
    )
    expect(html).toBe('<div><p>ok</p><h4>titre</h4><h4>titre</h4>format piégé</div>')
  })

  it('nests content headings under the widget’s own, within h6', () => {
    const headings = doc(
      { children: [text('a')], tag: 'h2', type: 'heading', version: 1 },
      { children: [text('b')], tag: 'h3', type: 'heading', version: 1 },
      { children: [text('c')], tag: 'h6', type: 'heading', version: 1 },
    )
    expect(render(headings, 5)).toBe('<div><h5>a</h5><h6>b</h6><h6>c</h6></div>')
    expect(render(headings, 3)).toBe('<div><h3>a</h3><h4>b</h4><h6>c</h6></div>')
  })

  it('survives malformed and pathologically deep documents', () => {
    for (const value of [
      null,
      undefined,
      'texte',
      42,
      [],
      {},
      { root: null },
      { root: { children: 'x' } },
      { root: { children: [null, 1, 'a'] } },
    ]) {
      expect(() => render(value)).not.toThrow()
    }
    let deep: Record<string, unknown> = text('fond')
    for (let index = 0; index < 20_000; index += 1) deep = { children: [deep], type: 'quote', version: 1 }
    const html = render(doc(deep))
    expect(html.startsWith('<div><blockquote>')).toBe(true)
    expect(html).not.toContain('fond')
    const wide = doc(...Array.from({ length: 20_000 }, () => paragraph(text('x'))))
    expect(render(wide).split('<p>').length - 1).toBeLessThan(5000)
  })
})

describe('safeHref', () => {
  it('accepts http(s), mailto and relative targets only', () => {
    expect(safeHref('https://example.org/a?b=1#c')).toEqual({ href: 'https://example.org/a?b=1#c', isExternal: true })
    expect(safeHref('HTTP://EXAMPLE.ORG')).toEqual({ href: 'http://example.org/', isExternal: true })
    expect(safeHref('//evil.example/x')).toEqual({ href: 'https://evil.example/x', isExternal: true })
    expect(safeHref('#entraide-thread-1')).toEqual({ href: '/#entraide-thread-1', isExternal: false })
    expect(safeHref('ftp://example.org')).toBeNull()
    expect(safeHref('')).toBeNull()
    expect(safeHref(`https://example.org/${'a'.repeat(3000)}`)).toBeNull()
  })
})

describe('search snippet highlighting', () => {
  it('splits on <mark> tags into matched and plain runs', () => {
    expect(splitHighlights('Les <mark>photos</mark> du <mark>passeport</mark>')).toEqual([
      { isMatch: false, text: 'Les ' },
      { isMatch: true, text: 'photos' },
      { isMatch: false, text: ' du ' },
      { isMatch: true, text: 'passeport' },
    ])
    expect(splitHighlights('sans surlignage')).toEqual([{ isMatch: false, text: 'sans surlignage' }])
    expect(splitHighlights('a <mark>b')).toEqual([
      { isMatch: false, text: 'a ' },
      { isMatch: true, text: 'b' },
    ])
    expect(splitHighlights('</mark>a<mark></mark>b')).toEqual([{ isMatch: false, text: 'ab' }])
  })

  it('renders anything else in a snippet as text, never as markup', () => {
    const html = renderToStaticMarkup(
      createElement(Highlighted, {
        text: '<mark><img src=x onerror=alert(1)></mark> <MARK>cri</MARK> <mark class="x">attr</mark> <b>gras</b>',
      }),
    )
    expect(html).toBe(
      '<mark>&lt;img src=x onerror=alert(1)&gt;</mark>' +
        '<span> &lt;MARK&gt;cri&lt;/MARK&gt; &lt;mark class=&quot;x&quot;&gt;attr &lt;b&gt;gras&lt;/b&gt;</span>',
    )
  })
})

describe('the widget’s words', () => {
  const fr = stringsFor('fr')
  const en = stringsFor('en')

  it('is French by default and English on request', () => {
    expect(stringsFor(undefined).widgetTitle).toBe('Entraide entre usagers')
    expect(stringsFor('de').widgetTitle).toBe('Entraide entre usagers')
    expect(en.widgetTitle).toBe('Help from other users')
  })

  it('has every string in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort())
    for (const strings of [fr, en]) {
      for (const [key, value] of Object.entries(strings)) {
        if (typeof value === 'string') expect(value.trim(), key).not.toBe('')
      }
    }
    expect(fr.searchResults(0, 'photo')).toBe('Aucun résultat pour « photo ».')
    expect(fr.searchResults(3, 'photo')).toBe('3 résultats pour « photo ».')
    expect(en.searchResults(1, 'photo')).toBe('1 result for “photo”.')
    expect(fr.stepLabel(1)).toBe('Étape 2')
  })

  it('names every report reason and every kind of search result the API knows', () => {
    for (const strings of [fr, en]) {
      expect(Object.keys(strings.reportReasons).sort()).toEqual([...reportReasons].sort())
      for (const type of knowledgeTypes) expect(strings.hitTypes[type], type).toBeTruthy()
    }
  })

  it('writes provenance as readers expect: the date, then who, with the agency’s short name once', () => {
    expect(
      `${fr.provenance('answer', 'Bruno')}${fr.provenanceValidated('Préfecture du Rhône', 'Claire', '3 mars 2026')}`,
    ).toBe('D’après une réponse de Bruno, validée le 3 mars 2026 par Claire (Préfecture du Rhône)')
    expect(fr.provenanceValidated('Agence nationale des titres sécurisés (ANTS)', 'Nadia B.', '2 décembre 2026')).toBe(
      ', validée le 2 décembre 2026 par Nadia B. (ANTS)',
    )
    // A name that already says the agency does not say it twice.
    expect(fr.validatedBy('Agence nationale des titres sécurisés (ANTS)', 'Nadia B. (ANTS)', '2 décembre 2026')).toBe(
      'Validée le 2 décembre 2026 par Nadia B. (ANTS).',
    )
    expect(fr.validatedBy('Caisse d’allocations familiales (CAF)', null, '2 décembre 2026')).toBe(
      'Validée le 2 décembre 2026 par un agent public (CAF).',
    )
    expect(fr.validatedBy(null, null, '2 décembre 2026')).toBe('Validée le 2 décembre 2026 par un agent public.')
    expect(fr.guideVerified('2 décembre 2026', 'Nadia B.', 'Agence nationale des titres sécurisés (ANTS)')).toBe(
      'Vérifié le 2 décembre 2026 par Nadia B. (ANTS).',
    )
    expect(`${en.provenance('tip', null)}${en.provenanceValidated(null, 'Claire', '3 March 2026')}`).toBe(
      'From a tip, validated on 3 March 2026 by Claire',
    )
    expect(en.validatedBy('Agence nationale des titres sécurisés (ANTS)', 'Nadia B.', '2 December 2026')).toBe(
      'Validated on 2 December 2026 by Nadia B. (ANTS).',
    )
    expect(en.guideVerified('2 December 2026', null, null)).toBe('Verified on 2 December 2026 by a public agent.')
  })

  it('calls an agency by the short name it gives in brackets, else by its name', () => {
    expect(agencyShortName('Agence nationale des titres sécurisés (ANTS)')).toBe('ANTS')
    expect(agencyShortName('Direction de l’information légale et administrative (Service-Public.fr)')).toBe(
      'Service-Public.fr',
    )
    expect(agencyShortName('Mairie — service de l’état civil')).toBe('Mairie — service de l’état civil')
    expect(agencyShortName('Préfecture (Rhône) de Lyon')).toBe('Préfecture (Rhône) de Lyon')
  })

  it('warns against personal data in the answer form as in the question and tip forms', () => {
    for (const strings of [fr, en]) {
      const warning = strings === fr ? 'N’indiquez aucune donnée personnelle' : 'Do not include personal data'
      expect(strings.askBodyHint).toContain(warning)
      expect(strings.tipBodyHint).toContain(warning)
      expect(strings.answerBodyHint).toContain(warning)
    }
  })

  it('formats dates in the reader’s language', () => {
    expect(formatDate('2026-03-03T10:00:00.000Z', 'fr')).toBe('3 mars 2026')
    expect(formatDate('2026-03-03T10:00:00.000Z', 'en')).toBe('3 March 2026')
    expect(formatDate('pas une date', 'fr')).toBe('')
    expect(formatDate(null, 'fr')).toBe('')
  })
})

describe('the widget before its data arrives', () => {
  it('announces loading in the chosen language, inside its own root', () => {
    const fr = renderToStaticMarkup(createElement(EntraideWidget, { procedure: 'passeport' }))
    expect(fr.startsWith(`<div class="${rootClass}" lang="fr"><style>`)).toBe(true)
    expect(fr).toContain('<p class="ew-meta" role="status">Chargement de l’entraide…</p>')
    expect(fr).toContain('<h2')
    const en = renderToStaticMarkup(
      createElement(EntraideWidget, { headingLevel: 3, lang: 'en', procedure: 'passeport', step: 1 }),
    )
    expect(en).toContain('lang="en"')
    expect(en).toContain('Loading community help…')
    expect(en).toContain('Tips and questions about step 2.')
    expect(en).toMatch(/<h3 id="[^"]+">Help from other users<\/h3>/)
    const unstyled = renderToStaticMarkup(createElement(EntraideWidget, { hasStyles: false, procedure: 'passeport' }))
    expect(unstyled).not.toContain('<style>')
  })

  it('scopes every CSS rule under its root class', () => {
    const withoutMedia = widgetCss.replace(/@media[^{]+\{/g, '').replace(/\}\s*\}/g, '}')
    const selectors = [...withoutMedia.matchAll(/([^{}]+)\{[^{}]*\}/g)].flatMap((match) =>
      (match[1] ?? '').split(/,(?![^(]*\))/),
    )
    expect(selectors.length).toBeGreaterThan(50)
    for (const selector of selectors)
      expect(selector.trim(), selector).toMatch(new RegExp(`^\\.${rootClass}(?![\\w-])`))
  })
})

describe('the notification bell before its count arrives', () => {
  it('is a closed disclosure named by the count, with an empty polite status and real borders', () => {
    const html = renderInWidget(createElement(NotificationBell, { recipient: 7 }))
    expect(html).toContain('aria-controls="ew-notifications" aria-expanded="false" aria-label="Notifications, aucune non lue"')
    expect(html).toMatch(/<div class="ew-panel" hidden="" id="ew-notifications" tabindex="-1"><\/div>/)
    expect(html).toContain('<span class="ew-sr-only" role="status"></span>')
    expect(renderInWidget(createElement(NotificationBell, { recipient: 7 }), { lang: 'en' })).toContain(
      'aria-label="Notifications, none unread"',
    )
    // Forced colours drop shadows and backgrounds: the panel and the unread mark are borders.
    expect(widgetCss).toMatch(/\.ew-panel\{[^}]*border:1px solid/)
    expect(widgetCss).toMatch(/forced-colors:active\)\{[^@]*\.ew-notification--unread\{border-left-color:Highlight\}/)
  })
})

describe('the questions of a procedure', () => {
  const person = { displayName: 'Awa K.', id: 7, role: 'citizen' as const }
  const answer = (id: number, status: 'published' | 'pending', isAccepted = false) => ({
    author: person,
    body: 'Oui, au consulat, sur rendez-vous.',
    createdAt: '2026-12-01T10:00:00.000Z',
    id,
    isAccepted,
    myVote: 0 as const,
    score: 0,
    status,
    validation: null,
  })
  const thread = (id: number, answers: ReturnType<typeof answer>[], threadStatus: 'open' | 'answered' = 'open') => ({
    answers,
    author: person,
    body: 'Je vis au Canada et mon passeport expire bientôt.',
    createdAt: '2026-12-01T09:00:00.000Z',
    id,
    myVote: 0 as const,
    score: 0,
    status: 'published' as const,
    step: null,
    threadStatus,
    title: `Renouveler son passeport depuis l’étranger (${id})`,
  })
  const renderQuestions = (threads: ReturnType<typeof thread>[]) =>
    renderInWidget(createElement(QuestionsSection, { procedureId: 1, threads }))
  const badgeOf = (html: string, id: number) =>
    new RegExp(`id="entraide-thread-${id}"[\\s\\S]*?<span class="ew-badge[^"]*">([^<]+)</span>`).exec(html)?.[1]

  it('badges a question with answers but none accepted as answered, not as waiting for an answer', () => {
    const html = renderQuestions([
      thread(1, []),
      thread(2, [answer(20, 'published')]),
      thread(3, [answer(30, 'pending')]),
      thread(4, [answer(40, 'published', true)], 'answered'),
    ])
    expect(badgeOf(html, 1)).toBe('En attente de réponse')
    expect(badgeOf(html, 2)).toBe('Répondue, sans réponse acceptée')
    // An answer only its author sees yet (awaiting review) does not answer the question for everyone.
    expect(badgeOf(html, 3)).toBe('En attente de réponse')
    expect(badgeOf(html, 4)).toBe('Réponse acceptée')
  })
})

describe('the widget’s sections, as readers see them', () => {
  const nadia = { displayName: 'Nadia B.', id: 7, role: 'agent' } as const
  const bruno = { displayName: 'Bruno L.', id: 8, role: 'citizen' } as const
  const ants = { name: 'Agence nationale des titres sécurisés (ANTS)', slug: 'ants' }
  const validatedAt = '2026-12-02T10:00:00.000Z'
  const validation = { agency: ants, validatedAt, validatedBy: nadia }
  const renderIn = (lang: 'fr' | 'en', element: ReturnType<typeof createElement>) =>
    textOf(renderInWidget(element, { lang }))
  const textOf = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x27;/g, '’')
      .replace(/\s+/g, ' ')
  const sections = () => [
    createElement(OfficialSection, {
      pages: [
        {
          body: null,
          contributors: [bruno],
          id: 1,
          slug: 'consulat',
          sources: [
            {
              contributor: bruno,
              kind: 'answer',
              sourceUrl: null,
              validatedAt,
              validatedBy: nadia,
              validatingAgency: ants,
            },
          ],
          title: 'Renouveler son passeport à l’étranger',
          updatedAt: validatedAt,
        },
      ],
    }),
    createElement(GuideSection, {
      guide: {
        body: null,
        hasMyPendingEdit: false,
        id: 2,
        myVote: 0,
        needsReview: false,
        score: 0,
        title: 'Le guide du passeport',
        updatedAt: validatedAt,
        verifiedAt: validatedAt,
        verifiedBy: nadia,
        verifyingAgency: ants,
      },
    }),
    createElement(TipsSection, {
      procedureId: 3,
      tips: [
        {
          author: bruno,
          body: 'Prenez rendez-vous tôt.',
          createdAt: validatedAt,
          id: 4,
          myVote: 0,
          score: 1,
          status: 'published',
          step: null,
          validation,
        },
      ],
    }),
    createElement(QuestionsSection, {
      procedureId: 3,
      threads: [
        {
          answers: [
            {
              author: bruno,
              body: 'Au consulat, sur rendez-vous.',
              createdAt: validatedAt,
              id: 5,
              isAccepted: false,
              myVote: 0,
              score: 0,
              status: 'published',
              validation,
            },
          ],
          author: bruno,
          body: 'Je vis au Canada.',
          createdAt: validatedAt,
          id: 6,
          myVote: 0,
          score: 0,
          status: 'published',
          step: null,
          threadStatus: 'resolved',
          title: 'Renouveler depuis l’étranger ?',
        },
      ],
    }),
  ]

  it('say who validated, and when, in plain French: date first, the agency’s short name once', () => {
    const [official, guide, tips, questions] = sections().map((section) => renderIn('fr', section))
    expect(official).toContain('D’après une réponse de Bruno L., validée le 2 décembre 2026 par Nadia B. (ANTS).')
    expect(guide).toContain('Vérifié le 2 décembre 2026 par Nadia B. (ANTS).')
    expect(tips).toContain('Validée le 2 décembre 2026 par Nadia B. (ANTS).')
    expect(questions).toContain('Validée le 2 décembre 2026 par Nadia B. (ANTS).')
    for (const text of [official, guide, tips, questions]) expect(text).not.toContain('Agence nationale')
  })

  it('tell an author that a moderator hid their tip, and why, in their language', () => {
    const hiddenTip = createElement(TipsSection, {
      procedureId: 3,
      tips: [
        {
          author: bruno,
          body: 'Passez par ce site non officiel.',
          createdAt: validatedAt,
          id: 9,
          moderationNote: 'Lien vers un site non officiel.',
          myVote: 0,
          score: 0,
          status: 'hidden',
          step: null,
          validation: null,
        },
      ],
    })
    const french = renderIn('fr', hiddenTip)
    expect(french).toContain('Masqué par la modération')
    expect(french).toContain('Visible seulement par vous. Motif : Lien vers un site non officiel.')
    expect(french).not.toContain('Signaler')
    expect(renderIn('en', hiddenTip)).toContain(
      'Hidden by a moderator Only you can see it. Reason: Lien vers un site non officiel.',
    )
  })

  it('say it in English for English readers', () => {
    const [official, guide, tips, questions] = sections().map((section) => renderIn('en', section))
    expect(official).toContain('From an answer by Bruno L., validated on 2 December 2026 by Nadia B. (ANTS).')
    expect(guide).toContain('Verified on 2 December 2026 by Nadia B. (ANTS).')
    expect(tips).toContain('Validated on 2 December 2026 by Nadia B. (ANTS).')
    expect(questions).toContain('Validated on 2 December 2026 by Nadia B. (ANTS).')
  })
})
