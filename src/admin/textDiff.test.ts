import { describe, expect, it } from 'vitest'

import { diffText, hasChanges, type DiffLine } from './textDiff.ts'

const render = (lines: DiffLine[]): string[] =>
  lines.map((line) => {
    if (line.kind === 'skipped') return `… ${line.count}`
    if (line.kind === 'changed') {
      return `~ ${line.parts.map((part) => (part.kind === 'same' ? part.text : part.kind === 'added' ? `{+${part.text}+}` : `[-${part.text}-]`)).join('')}`
    }
    return `${line.kind === 'same' ? ' ' : line.kind === 'added' ? '+' : '-'} ${line.text}`
  })

describe('diffText', () => {
  it('reports no change for equal texts', () => {
    const lines = diffText('Prendre rendez-vous.\nVenir avec la photo.', 'Prendre rendez-vous.\nVenir avec la photo.')
    expect(hasChanges(lines)).toBe(false)
    expect(render(lines)).toEqual(['  Prendre rendez-vous.', '  Venir avec la photo.'])
  })

  it('shows added and removed lines', () => {
    const lines = diffText('Étape 1\nÉtape 2\nÉtape 3', 'Étape 1\nÉtape 3\nÉtape 4 : retirer le passeport')
    expect(render(lines)).toEqual(['  Étape 1', '- Étape 2', '  Étape 3', '+ Étape 4 : retirer le passeport'])
  })

  it('marks the words changed inside an edited line', () => {
    const lines = diffText(
      'Le délai est de trois semaines en moyenne.',
      'Le délai est de six semaines en moyenne en été.',
    )
    expect(render(lines)).toEqual(['~ Le délai est de [-trois-]{+six+} semaines en moyenne{+ en été+}.'])
  })

  it('shows a rewritten line as removed then added rather than a word soup', () => {
    const lines = diffText('Apportez un justificatif de domicile.', 'Le timbre fiscal s’achète en ligne.')
    expect(render(lines)).toEqual(['- Apportez un justificatif de domicile.', '+ Le timbre fiscal s’achète en ligne.'])
  })

  it('folds long unchanged stretches around the changes', () => {
    const before = Array.from({ length: 20 }, (_, i) => `ligne ${i}`)
    const after = [...before]
    after[10] = 'ligne dix modifiée'
    const lines = render(diffText(before.join('\n'), after.join('\n'), { context: 1 }))
    expect(lines).toEqual(['… 9', '  ligne 9', '~ ligne [-10-]{+dix modifiée+}', '  ligne 11', '… 8'])
  })

  it('handles an empty published text (a first version)', () => {
    expect(render(diffText('', 'Nouveau guide'))).toEqual(['+ Nouveau guide'])
  })

  it('stays bounded on very large texts', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `a${i}`).join('\n')
    const after = Array.from({ length: 3000 }, (_, i) => `b${i}`).join('\n')
    const started = Date.now()
    const lines = diffText(before, after)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(lines.filter((line) => line.kind === 'removed')).toHaveLength(3000)
    expect(lines.filter((line) => line.kind === 'added')).toHaveLength(3000)
  })
})
