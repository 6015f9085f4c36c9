import { afterEach, describe, expect, it, vi } from 'vitest'

import { createClient } from '../src/widget/client.ts'
import { stringsFor } from '../src/widget/strings.ts'
import { isTitleWorthSuggesting } from '../src/widget/suggestions.tsx'

// The widget's side of the suggestions under a question being typed (issue 11);
// tests/browser/suggestions.test.ts sees them in Chromium.

type Call = { url: string; init: RequestInit }

const stubFetch = (answer: () => Response) => {
  const calls: Call[] = []
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ init, url })
    return answer()
  })
  return calls
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('when the widget looks for questions like the one being typed', () => {
  it('waits for three words or twelve characters', () => {
    expect(isTitleWorthSuggesting('passeport')).toBe(false)
    expect(isTitleWorthSuggesting('  CNI perdue  ')).toBe(false)
    expect(isTitleWorthSuggesting('passeport perdu Québec')).toBe(true)
    expect(isTitleWorthSuggesting('renouvellement')).toBe(true)
    expect(isTitleWorthSuggesting('a b')).toBe(false)
  })

  it('asks for questions and official pages of the procedure, marked as a suggestion lookup, not a search', async () => {
    const calls = stubFetch(() => Response.json({ hits: [], isTotalExact: true, total: 0 }))
    await createClient('').search(
      { isSuggestion: true, limit: 4, procedure: 'passeport', query: 'passeport perdu Québec', types: ['thread', 'wiki'] },
      new AbortController().signal,
    )
    await createClient('').search({ limit: 8, procedure: 'passeport', query: 'passeport' }, new AbortController().signal)
    const [suggestion, search] = calls.map((call) => new URL(call.url, 'http://localhost').searchParams)
    expect(Object.fromEntries(suggestion ?? [])).toEqual({
      limit: '4',
      procedure: 'passeport',
      q: 'passeport perdu Québec',
      suggest: 'true',
      type: 'thread,wiki',
    })
    // Searches typed in the search box stay searches.
    expect(search?.has('suggest')).toBe(false)
    expect(search?.has('type')).toBe(false)
  })

  it('sends the found signal so that it outlives a link that leaves the page', async () => {
    const calls = stubFetch(() => Response.json({ target: 'threads-3' }, { status: 201 }))
    await createClient('').post('/entraide/suggestions/found', { document: 'threads-3', title: 'Passeport perdu' }, { keepalive: true })
    await createClient('').post('/threads', { title: 'x' })
    expect(calls[0]?.url).toBe('/api/entraide/suggestions/found')
    expect(calls[0]?.init.keepalive).toBe(true)
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ document: 'threads-3', title: 'Passeport perdu' })
    expect(calls[1]?.init.keepalive).toBeUndefined()
  })

  it('names the list and says how many there are, in both languages', () => {
    expect(stringsFor('fr').suggestionsTitle).toBe('Votre question a peut-être déjà une réponse')
    expect(stringsFor('en').suggestionsTitle).toBe('Your question may already be answered')
    expect(stringsFor('fr').suggestionsFound(3)).toMatch(/^3 questions ou réponses existantes/)
    expect(stringsFor('en').suggestionsFound(1)).toMatch(/^An existing question/)
  })
})
