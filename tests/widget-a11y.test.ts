// Database: SQLite is enough (it checks the HTML the widget renders from an API answer)
import { createElement, useState } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorFromBody } from '../src/widget/client.ts'
import { RichText } from '../src/widget/richText.tsx'
import { TipsSection } from '../src/widget/sections.tsx'
import { widgetCss } from '../src/widget/styles.ts'
import { excerpt, Field, FormError, useFieldProblems, type FieldProblems } from '../src/widget/ui.tsx'
import { createProcedure } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import { renderInWidget } from './helpers/widget.ts'

// What screen-reader and keyboard users meet in the widget, read from its
// markup: the names of repeated buttons, where error messages sit and what
// they are linked to, the warning on links that open a new window.

/** Decodes the few entities React writes. */
const decode = (html: string): string =>
  html
    .replace(/&#x27;/g, '’')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** The text an element's inner markup gives assistive technologies: hidden decorations left out, spaces collapsed. */
const spokenText = (inner: string): string =>
  decode(
    inner
      .replace(/<span aria-hidden="true">[^<]*<\/span>/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' '),
  ).trim()

/** Each `<tag …>…</tag>` of the markup (no nesting of the same tag), with its attributes and inner markup. */
const elements = (html: string, tag: string): { attributes: string; inner: string }[] =>
  [...html.matchAll(new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => ({
    attributes: match[1] ?? '',
    inner: match[2] ?? '',
  }))

const attributeOf = (attributes: string, name: string): string | null => {
  const found = new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)
  return found?.[1] === undefined ? null : decode(found[1])
}

/** The text of the element with this id. */
const textById = (html: string, id: string): string | null => {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const found = new RegExp(`<(\\w+)[^>]*\\sid="${escaped}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html)
  return found?.[2] === undefined ? null : spokenText(found[2])
}

const nadia = { displayName: 'Nadia B.', id: 1, role: 'agent' as const }
const longTip =
  'Prenez rendez-vous en mairie dès que possible, les délais dépassent souvent plusieurs semaines au printemps.'

const tip = (id: number, body: string, score: number) => ({
  author: nadia,
  body,
  createdAt: '2026-12-02T10:00:00.000Z',
  id,
  myVote: 0 as const,
  score,
  status: 'published' as const,
  step: null,
  validation: null,
})

describe('excerpts that tell repeated buttons apart', () => {
  it('end on a whole word with an ellipsis, and leave short texts whole', () => {
    expect(excerpt('Prenez rendez-vous tôt.')).toBe('Prenez rendez-vous tôt.')
    const cut = excerpt(longTip)
    expect(cut).toBe('Prenez rendez-vous en mairie dès que possible, les délais…')
    expect(cut.length).toBeLessThanOrEqual(61)
    // The word before the ellipsis is a whole word of the text.
    const lastWord = cut.slice(0, -1).split(' ').at(-1) ?? ''
    expect(longTip.split(/\s+/)).toContain(lastWord)
    // A limit that falls right after a word keeps that word, without its punctuation.
    expect(excerpt('un deux trois quatre', 7)).toBe('un deux…')
    expect(excerpt('un deux, trois quatre', 8)).toBe('un deux…')
    // One word longer than the limit is cut where it must be.
    expect(excerpt('anticonstitutionnellement', 10)).toBe('anticonst…')
  })
})

describe('vote and report buttons', () => {
  const html = renderInWidget(
    createElement(TipsSection, {
      procedureId: 3,
      tips: [tip(4, 'Prenez rendez-vous tôt.', 3), tip(5, longTip, -1)],
    }),
  )
  const buttons = elements(html, 'button').map(({ attributes, inner }) => ({
    attributes,
    name: spokenText(inner),
  }))

  it('are named after their item, so that each list of « Utile » reads differently', () => {
    const names = buttons.map((button) => button.name)
    expect(names).toEqual(
      expect.arrayContaining([
        'Utile : Prenez rendez-vous tôt.',
        'Pas utile : Prenez rendez-vous tôt.',
        'Utile : Prenez rendez-vous en mairie dès que possible, les délais…',
        'Pas utile : Prenez rendez-vous en mairie dès que possible, les délais…',
        'Signaler Prenez rendez-vous en mairie dès que possible, les délais…',
      ]),
    )
    const votes = names.filter((name) => /^(Pas u|U)tile/.test(name))
    expect(votes).toHaveLength(4)
    expect(new Set(votes).size).toBe(4)
  })

  it('are described by the item’s score, and a polite live region is there to announce its change', () => {
    const described = buttons
      .filter((button) => /^(Pas u|U)tile/.test(button.name))
      .map((button) => textById(html, attributeOf(button.attributes, 'aria-describedby') ?? ''))
    expect(described).toEqual(['Score : 3', 'Score : 3', 'Score : -1', 'Score : -1'])
    // One status region per vote group, present (empty) before any vote so that screen readers follow it.
    expect(html.match(/<span class="ew-sr-only" role="status"><\/span>/g)).toHaveLength(2)
  })

  it('are named in English for English readers', () => {
    const english = renderInWidget(createElement(TipsSection, { procedureId: 3, tips: [tip(4, longTip, 0)] }), {
      lang: 'en',
    })
    const names = elements(english, 'button').map(({ inner }) => spokenText(inner))
    expect(names).toContain('Helpful: Prenez rendez-vous en mairie dès que possible, les délais…')
    expect(names).toContain('Not helpful: Prenez rendez-vous en mairie dès que possible, les délais…')
  })
})

describe('links that open a new window', () => {
  const withLink = (newTab: boolean) => ({
    root: {
      children: [
        {
          children: [
            {
              children: [{ text: 'le site de l’ANTS', type: 'text', version: 1 }],
              fields: { linkType: 'custom', newTab, url: 'https://ants.gouv.fr' },
              type: 'link',
              version: 3,
            },
          ],
          type: 'paragraph',
          version: 1,
        },
      ],
      type: 'root',
    },
  })
  const render = (newTab: boolean, newWindowLabel = '(nouvelle fenêtre)') =>
    elements(renderToStaticMarkup(createElement(RichText, { newWindowLabel, value: withLink(newTab) })), 'a')

  it('say so in their name and open without giving the new page a hold on this one', () => {
    const [link] = render(true)
    expect(link && spokenText(link.inner)).toBe('le site de l’ANTS (nouvelle fenêtre)')
    expect(attributeOf(link?.attributes ?? '', 'target')).toBe('_blank')
    expect(attributeOf(link?.attributes ?? '', 'rel')?.split(' ')).toEqual(
      expect.arrayContaining(['noopener', 'noreferrer']),
    )
    const [english] = render(true, '(new window)')
    expect(english && spokenText(english.inner)).toBe('le site de l’ANTS (new window)')
  })

  it('and links that stay in the window say nothing more', () => {
    const [link] = render(false)
    expect(link && spokenText(link.inner)).toBe('le site de l’ANTS')
    expect(link?.attributes).not.toContain('target')
  })
})

describe('required fields', () => {
  it('say so visibly in their label, not only to screen readers', () => {
    const html = renderInWidget(
      createElement(Field, { isRequired: true, label: 'Votre question en une phrase', onChange: () => {}, value: '' }),
    )
    const [label] = elements(html, 'label')
    expect(label && spokenText(label.inner)).toBe('Votre question en une phrase (obligatoire)')
    expect(label?.inner).not.toContain('ew-sr-only')
    expect(html).toContain('aria-required="true"')
  })
})

describe('the widget’s styles in forced colours (Windows high contrast)', () => {
  const ruleOf = (selector: string): string => {
    const start = widgetCss.indexOf(`.entraide-widget ${selector}{`)
    return start < 0 ? '' : widgetCss.slice(start, widgetCss.indexOf('}', start))
  }

  it('draw the edges of fields, buttons and the dialog with borders, which forced colours keep', () => {
    for (const selector of ['.ew-input', '.ew-button', '.ew-dialog']) {
      expect(ruleOf(selector), selector).toContain('border:1px solid transparent')
    }
    expect(widgetCss).not.toMatch(/box-shadow:inset 0 0 0 1px/)
    expect(widgetCss).toContain('@media (forced-colors:active)')
    // The pressed vote keeps its look: otherwise only its background (removed in that mode) shows it.
    expect(widgetCss).toMatch(/\.ew-button\[aria-pressed="true"\]\{forced-color-adjust:none;background:Highlight/)
  })
})

describe('a refused form, as the API answers it', () => {
  let app: TestApp

  beforeAll(async () => {
    app = await startTestApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  const messages: FieldProblems = {
    body: '« Détails » : de 10 à 5 000 caractères.',
    title: '« Votre question en une phrase » : de 10 à 200 caractères.',
  }

  /** The ask form's two fields and its message, in the state a refusal leaves them. */
  const AskFields = ({ error }: { error: unknown }) => {
    const problemOf = useFieldProblems(error, messages)
    const [title, setTitle] = useState('Faut-il de nouvelles photos pour renouveler ?')
    const [body, setBody] = useState('Court.')
    return createElement(
      'form',
      null,
      createElement(Field, {
        isRequired: true,
        label: 'Votre question en une phrase',
        onChange: setTitle,
        problem: problemOf('title'),
        value: title,
      }),
      createElement(Field, {
        isMultiline: true,
        isRequired: true,
        label: 'Détails',
        onChange: setBody,
        problem: problemOf('body'),
        value: body,
      }),
      createElement(FormError, { error, fields: messages, id: 'ask-error' }),
    )
  }

  /** Posts a question and turns the refusal into the error the widget's client makes of it. */
  const refusalOf = async (body: Record<string, unknown>) => {
    const { procedure } = await createProcedure(app, { slug: `passeport-${Math.random().toString(36).slice(2, 8)}` })
    const asker = await app.signUp({ name: 'Awa' })
    const response = await app.api('POST', '/threads?depth=0', {
      body: { procedure: procedure.id, ...body },
      token: asker.token,
    })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    const error = errorFromBody(await response.json(), response.status)
    await app.payload.delete({ collection: 'procedures', id: procedure.id })
    await app.payload.delete({ collection: 'users', id: asker.id })
    return error
  }

  /** The form's fields in document order: their tag, id, whether marked invalid and what describes them. */
  const fieldsOf = (html: string) =>
    [...html.matchAll(/<(input|textarea)(\s[^>]*)>/g)].map((match) => {
      const attributes = match[2] ?? ''
      return {
        describedBy: (attributeOf(attributes, 'aria-describedby') ?? '').split(' ').filter(Boolean),
        id: attributeOf(attributes, 'id') ?? '',
        isInvalid: attributeOf(attributes, 'aria-invalid') === 'true',
        tag: match[1],
      }
    })

  it('marks only the wrong field invalid, with its own message right under it', async () => {
    const error = await refusalOf({ body: 'Court.', title: 'Faut-il de nouvelles photos pour renouveler ?' })
    const html = renderInWidget(createElement(AskFields, { error }))
    const [title, body] = fieldsOf(html)
    expect(title).toMatchObject({ isInvalid: false, tag: 'input' })
    expect(title?.describedBy.some((id) => id.endsWith('-problem'))).toBe(false)
    expect(body).toMatchObject({ isInvalid: true, tag: 'textarea' })
    // The message linked to the body field is the body's, and comes right after it.
    const messageIds = (body?.describedBy ?? []).filter((id) => id.endsWith('-problem'))
    expect(messageIds).toHaveLength(1)
    expect(textById(html, messageIds[0] ?? '')).toBe(messages.body)
    const afterBody = html.slice(html.indexOf('</textarea>'))
    expect(afterBody.startsWith(`</textarea><p class="ew-field-error" id="${messageIds[0]}">`)).toBe(true)
    // The form's own message still says what to do.
    expect(textById(html, 'ask-error')).toContain('Vérifiez ce qui suit.')
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(1)
  })

  it('marks the field an Entraide error names (`field`), with the API’s words for it', async () => {
    const error = await refusalOf({
      body: 'Appelez-moi au 06 12 34 56 78 pour en parler, merci.',
      title: 'Faut-il de nouvelles photos pour renouveler ?',
    })
    expect(error.code).toBe('personal-data')
    expect(error.data.field).toBe('body')
    const html = renderInWidget(createElement(AskFields, { error }))
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(1)
    const [title, body] = fieldsOf(html)
    expect(title?.isInvalid).toBe(false)
    expect(body).toMatchObject({ isInvalid: true, tag: 'textarea' })
    const messageId = body?.describedBy.find((id) => id.endsWith('-problem')) ?? ''
    expect(textById(html, messageId)).toBe(error.message.replace(/\s+/g, ' '))
  })
})
