import { describe, expect, it } from 'vitest'

import { mergeSynonyms, synonymGroups } from './settings.ts'
import { foldText, formatText, frenchStopWords, lexicalToPlainText, splitHighlighted, tokenize } from './text.ts'

describe('foldText and tokenize', () => {
  it('removes accents and case, and spells out ligatures', () => {
    expect(foldText('Impôts')).toBe('impots')
    expect(foldText('ÉLÈVE À NOËL')).toBe('eleve a noel')
    expect(foldText('Œuvre cœur')).toBe('oeuvre coeur')
    expect(foldText('Straße')).toBe('strasse')
  })

  it('splits on everything that is not a letter or a digit, elisions included', () => {
    expect(tokenize("Carte nationale d'identité")).toEqual(['carte', 'nationale', 'd', 'identite'])
    expect(tokenize('l’attestation (CERFA n°15646*01)')).toEqual(['l', 'attestation', 'cerfa', 'n', '15646', '01'])
    expect(tokenize('  ')).toEqual([])
  })

  it('lists French stop words but keeps words that carry meaning', () => {
    expect(frenchStopWords).toEqual(expect.arrayContaining(['de', 'la', 'les', 'd', 'l', 'au']))
    expect(frenchStopWords).not.toContain('pas')
    expect(frenchStopWords).not.toContain('est')
  })
})

const text = (value: string) => ({ type: 'text', text: value, version: 1 })
const node = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({ type, children, version: 1, ...extra })

describe('lexicalToPlainText', () => {
  it('puts blocks on their own lines and flattens inline nodes', () => {
    const value = {
      root: node('root', [
        node('heading', [text('Avant le rendez-vous')], { tag: 'h2' }),
        node('paragraph', [text('Prenez '), node('link', [text('le formulaire')], { fields: { url: 'https://x' } }), text(' en ligne.')]),
        node('list', [node('listitem', [text('Une photo')]), node('listitem', [text('Un justificatif'), node('list', [node('listitem', [text('de moins de 3 mois')])])])]),
        node('paragraph', [text('Ligne un'), { type: 'linebreak', version: 1 }, text('ligne deux')]),
        node('quote', [text('Citation')]),
      ]),
    }
    expect(lexicalToPlainText(value)).toBe(
      [
        'Avant le rendez-vous',
        'Prenez le formulaire en ligne.',
        'Une photo',
        'Un justificatif',
        'de moins de 3 mois',
        'Ligne un\nligne deux',
        'Citation',
      ].join('\n'),
    )
  })

  it('reads unknown nodes through their children and skips the ones without text', () => {
    const value = {
      root: node('root', [
        node('callout', [text('Attention au délai')]),
        { type: 'upload', value: { id: 3 }, version: 1 },
        { type: 'block', fields: { secret: 'never indexed' }, version: 1 },
        node('paragraph', [node('mark', [text('surligné')]), text(' et normal')]),
      ]),
    }
    expect(lexicalToPlainText(value)).toBe('Attention au délai\nsurligné et normal')
  })

  it('returns an empty string for empty or malformed values, and survives hostile nesting', () => {
    expect(lexicalToPlainText(null)).toBe('')
    expect(lexicalToPlainText({})).toBe('')
    expect(lexicalToPlainText({ root: 5 })).toBe('')
    expect(lexicalToPlainText({ root: { children: 'nope' } })).toBe('')
    expect(lexicalToPlainText({ root: node('root', [5, null, { children: [{ text: 42 }] }]) })).toBe('')
    let deep: unknown = text('trop profond')
    for (let level = 0; level < 10_000; level += 1) deep = node('paragraph', [deep])
    expect(lexicalToPlainText({ root: node('root', [node('paragraph', [text('visible')]), deep]) })).toBe('visible')
    expect(lexicalToPlainText('  déjà du texte ')).toBe('déjà du texte')
  })
})

describe('formatText', () => {
  const exact = (words: string[]) => (folded: string) => (words.includes(folded) ? folded.length : 0)

  it('highlights whole matched words and keeps the original spelling', () => {
    expect(formatText('Déclarer ses impôts', { matchLength: exact(['impots']), highlight: { preTag: '<em>', postTag: '</em>' } })).toBe(
      'Déclarer ses <em>impôts</em>',
    )
  })

  it('highlights the words of a phrase only where they follow each other, stop words between them allowed', () => {
    const phrases = { isStopWord: (word: string) => word === 'd' || word === 'la', words: [['carte', 'identite']] }
    const highlight = { preTag: '[', postTag: ']' }
    expect(
      formatText('Sur la carte grise, une pièce d’identité ; la carte d’identité reste valable.', {
        highlight,
        matchLength: exact(['cni']),
        phrases,
      }),
    ).toBe('Sur la carte grise, une pièce d’identité ; la [carte] d’[identité] reste valable.')
    expect(formatText('Carte grise et identité', { highlight, matchLength: exact([]), phrases })).toBe('Carte grise et identité')
  })

  it('highlights only the typed part of a prefix match, accents and ligatures included', () => {
    const prefix = (typed: string) => (folded: string) => (folded.startsWith(typed) ? typed.length : 0)
    const highlight = { preTag: '[', postTag: ']' }
    expect(formatText('Écrire une œuvre', { matchLength: prefix('ecr'), highlight })).toBe('[Écr]ire une œuvre')
    expect(formatText('Une œuvre', { matchLength: prefix('oeu'), highlight })).toBe('Une [œu]vre')
  })

  it('crops around the densest group of matches, with markers where text was cut', () => {
    const words = Array.from({ length: 40 }, (_, index) => `mot${index}`)
    words[20] = 'cible'
    const cropped = formatText(words.join(' '), {
      matchLength: exact(['cible']),
      highlight: { preTag: '<mark>', postTag: '</mark>' },
      crop: { length: 6, marker: '…' },
    })
    expect(cropped).toBe('…mot17 mot18 mot19 <mark>cible</mark> mot21 mot22…')
  })

  it('crops from the start when nothing matches, and not at all when the text is short', () => {
    const crop = { length: 3, marker: '…' }
    expect(formatText('un deux trois quatre cinq', { matchLength: () => 0, crop })).toBe('un deux trois…')
    expect(formatText('un deux.', { matchLength: () => 0, crop })).toBe('un deux.')
  })
})

describe('splitHighlighted', () => {
  it('splits on the tags so matches can be rendered without parsing HTML', () => {
    expect(splitHighlighted('Renouveler son <mark>passeport</mark> <script>')).toEqual([
      { text: 'Renouveler son ', isMatch: false },
      { text: 'passeport', isMatch: true },
      { text: ' <script>', isMatch: false },
    ])
    expect(splitHighlighted('[a] b', { preTag: '[', postTag: ']' })).toEqual([
      { text: 'a', isMatch: true },
      { text: ' b', isMatch: false },
    ])
    expect(splitHighlighted('sans fin <mark>ouverte')).toEqual([{ text: 'sans fin <mark>ouverte', isMatch: false }])
  })
})

describe('synonyms', () => {
  it('turns groups into mutual one-way entries', () => {
    expect(synonymGroups([['CNI', "Carte nationale d'identité"]])).toEqual({
      cni: ["carte nationale d'identité"],
      "carte nationale d'identité": ['cni'],
    })
  })

  it('merges user synonyms into the defaults without duplicates that differ by case', () => {
    const merged = mergeSynonyms({ impôts: ['impots'] }, { Impôts: ['IMPOTS', 'taxes'], passeport: ['passport'] })
    expect(merged).toEqual({ impôts: ['impots', 'taxes'], passeport: ['passport'] })
  })
})
