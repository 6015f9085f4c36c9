import { afterEach, describe, expect, it, vi } from 'vitest'

import { ApiError, createClient, NetworkError } from '../src/widget/client.ts'
import { stringsFor } from '../src/widget/strings.ts'
import { messageOf } from '../src/widget/ui.tsx'

type Call = { url: string; init: RequestInit }

/** Replaces fetch with canned answers, recording what the widget sends. */
const stubFetch = (answer: (call: Call) => Response | Promise<Response>) => {
  const calls: Call[] = []
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const call = { init, url }
    calls.push(call)
    return answer(call)
  })
  return calls
}

const headerOf = (call: Call | undefined, name: string): string | null => new Headers(call?.init.headers).get(name)

const page = {
  guide: null,
  officialPages: [],
  procedure: { slug: 'passeport' },
  step: null,
  threads: [],
  tips: [],
  viewer: null,
  accounts: 'users',
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the widget’s API client', () => {
  it('reads the procedure page from the configured Entraide app, with credentials', async () => {
    const calls = stubFetch(() => Response.json(page))
    const client = createClient('https://entraide.example.gouv.fr/')
    expect(await client.loadPage({ procedure: 'passeport', step: 2 })).toEqual(page)
    await createClient().loadPage({ procedure: 'carte-identite', step: null })
    expect(calls.map((call) => call.url)).toEqual([
      'https://entraide.example.gouv.fr/api/entraide/procedures/passeport?step=2',
      '/api/entraide/procedures/carte-identite',
    ])
    expect(calls[0]?.init.credentials).toBe('include')
    expect(calls[0]?.init.method).toBe('GET')
  })

  it('searches within the procedure, or everywhere when widened', async () => {
    const hit = {
      id: 'threads-1',
      isOfficial: false,
      isValidated: true,
      procedure: null,
      snippet: '<mark>photo</mark>',
      title: 'Photos',
      type: 'thread',
      url: '/demarches/passeport#entraide-thread-1',
    }
    const calls = stubFetch(() =>
      Response.json({ facets: {}, hits: [hit, { id: 'broken' }], processingTimeMs: 3, total: 2 }),
    )
    const client = createClient()
    const result = await client.search(
      { limit: 8, procedure: 'passeport', query: 'photo d’identité' },
      new AbortController().signal,
    )
    expect(result.hits).toEqual([hit])
    expect(result.total).toBe(2)
    await client.search({ limit: 8, procedure: null, query: 'photo' }, new AbortController().signal)
    const [scoped, wide] = calls.map((call) => new URL(call.url, 'https://host.example'))
    expect(scoped?.pathname).toBe('/api/entraide/search')
    expect(Object.fromEntries(scoped?.searchParams ?? [])).toEqual({
      limit: '8',
      procedure: 'passeport',
      q: 'photo d’identité',
    })
    expect(wide?.searchParams.has('procedure')).toBe(false)
  })

  it('asks for the next page of results from where the shown ones end', async () => {
    const calls = stubFetch(() => Response.json({ hits: [], total: 15 }))
    const client = createClient()
    await client.search({ limit: 8, offset: 8, procedure: 'passeport', query: 'photo' }, new AbortController().signal)
    await client.search({ limit: 8, offset: 0, procedure: 'passeport', query: 'photo' }, new AbortController().signal)
    const [next, first] = calls.map((call) => new URL(call.url, 'https://host.example'))
    expect(next?.searchParams.get('offset')).toBe('8')
    expect(first?.searchParams.has('offset')).toBe(false)
  })

  it('reads a published official page for a search hit that has no address on the host site', async () => {
    const body = { root: { children: [], type: 'root' } }
    const calls = stubFetch((call) =>
      call.url.includes('/wiki-pages/404')
        ? Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })
        : Response.json({ _status: 'published', body, id: 12, title: 'Démarches gratuites' }),
    )
    const client = createClient('https://entraide.example.gouv.fr')
    expect(await client.loadWikiPage('12')).toEqual({ body, id: 12, title: 'Démarches gratuites' })
    expect(calls[0]?.url).toBe('https://entraide.example.gouv.fr/api/wiki-pages/12?depth=0')
    await expect(client.loadWikiPage('404')).rejects.toMatchObject({ status: 404 })
  })

  it('keeps the session token after signing in, for API calls from another site', async () => {
    const calls = stubFetch((call) =>
      call.url.endsWith('/users/login')
        ? Response.json({ token: 'jwt-123', user: { email: 'awa@example.test', id: 7, name: 'Awa' } })
        : call.url.endsWith('/entraide/me')
          ? Response.json({ user: { displayName: 'Awa', id: 7, role: 'citizen' } })
          : Response.json({ doc: { id: 't1', visibility: 'published' } }, { status: 201 }),
    )
    const client = createClient('https://entraide.example.gouv.fr')
    const person = await client.signIn({ email: 'awa@example.test', password: 'secret' })
    // The public profile comes from Entraide, whatever the site's accounts collection holds.
    expect(person).toEqual({ displayName: 'Awa', id: 7, role: 'citizen' })
    expect(headerOf(calls[0], 'Authorization')).toBeNull()
    expect(headerOf(calls[1], 'Authorization')).toBe('JWT jwt-123')
    const created = await client.post('/threads?depth=0', { title: 'Question' })
    expect(created).toEqual({ doc: { id: 't1', visibility: 'published' } })
    expect(headerOf(calls[2], 'Authorization')).toBe('JWT jwt-123')
    expect(headerOf(calls[2], 'Content-Type')).toBe('application/json')
    expect(JSON.parse(String(calls[2]?.init.body))).toEqual({ title: 'Question' })
    await client.signOut()
    await client.post('/tips', {})
    expect(headerOf(calls[4], 'Authorization')).toBeNull()
  })

  it('signs up then signs in', async () => {
    const calls = stubFetch((call) =>
      call.url.endsWith('/members/login')
        ? Response.json({ token: 't', user: { id: 'u2' } })
        : call.url.endsWith('/entraide/me')
          ? Response.json({ user: { displayName: 'Chloé', id: 'u2', role: 'citizen' } })
          : call.url.includes('/entraide/procedures/')
            ? Response.json({ ...page, accounts: 'members' })
            : Response.json({ doc: { id: 'u2' } }, { status: 201 }),
    )
    const client = createClient()
    // The site's accounts collection is learnt from the page.
    await client.loadPage({ procedure: 'passeport', step: null })
    await client.signUp({ displayName: 'Chloé', email: 'chloe@example.test', password: 'secret' })
    expect(calls.map((call) => call.url).slice(1)).toEqual(['/api/members', '/api/members/login', '/api/entraide/me'])
    expect(JSON.parse(String(calls[1]?.init.body))).toEqual({
      displayName: 'Chloé',
      email: 'chloe@example.test',
      password: 'secret',
    })
  })

  it('answers null, without trying to sign in, to a sign-up whose address must be confirmed first', async () => {
    // Such a site answers every sign-up alike, with no account in it (the address may have one already).
    const calls = stubFetch(() => Response.json({ message: 'Un e-mail part vers cette adresse.' }, { status: 201 }))
    const client = createClient()
    expect(await client.signUp({ displayName: 'Chloé', email: 'chloe@example.test', password: 'secret' })).toBeNull()
    expect(calls.map((call) => call.url)).toEqual(['/api/users'])
    // A refused sign-up is still an error.
    stubFetch(() => Response.json({ errors: [{ message: 'Too many' }] }, { status: 429 }))
    await expect(
      client.signUp({ displayName: 'Chloé', email: 'chloe@example.test', password: 'secret' }),
    ).rejects.toMatchObject({
      status: 429,
    })
  })

  it('turns API errors into the message to show, with field details', async () => {
    stubFetch(() =>
      Response.json(
        {
          errors: [
            {
              data: {
                errors: [
                  { message: 'This value must be longer than the minimum length of 10 characters.', path: 'title' },
                ],
              },
              message: 'The following field is invalid: Title',
              name: 'ValidationError',
            },
          ],
        },
        { status: 400 },
      ),
    )
    const error = await createClient()
      .post('/threads', { title: 'Court' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      fieldErrors: [{ message: 'This value must be longer than the minimum length of 10 characters.', path: 'title' }],
      message: 'The following field is invalid: Title',
      status: 400,
    })

    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }))
    await expect(createClient().loadPage({ procedure: 'passeport', step: null })).rejects.toMatchObject({
      message: 'HTTP 502',
      status: 502,
    })
  })

  it('tells a network failure from an API refusal', async () => {
    stubFetch(() => {
      throw new TypeError('Failed to fetch')
    })
    await expect(createClient().loadPage({ procedure: 'passeport', step: null })).rejects.toBeInstanceOf(NetworkError)
  })
})

/** An API refusal in Payload's error shape, as the widget receives it. */
const refusal = async (status: number, error: Record<string, unknown>, lang?: string): Promise<unknown> => {
  stubFetch(() => Response.json({ errors: [error] }, { status }))
  return createClient('', lang)
    .post('/threads/t1/vote', { value: 1 })
    .catch((caught: unknown) => caught)
}

describe('what the widget says when the API refuses', () => {
  const fr = stringsFor('fr')
  const en = stringsFor('en')

  it('asks the API for messages in the widget’s language', async () => {
    const calls = stubFetch(() => Response.json(page))
    await createClient('', 'en').loadPage({ procedure: 'passeport', step: null })
    await createClient('', 'fr').loadPage({ procedure: 'passeport', step: null })
    expect(calls.map((call) => headerOf(call, 'Accept-Language'))).toEqual(['en', 'fr'])
  })

  it('reads the error code and its details', async () => {
    const error = await refusal(403, {
      data: { code: 'suspended', reason: 'Messages publicitaires répétés' },
      message: 'Your account is suspended and cannot contribute: Messages publicitaires répétés',
    })
    expect(error).toMatchObject({ code: 'suspended', data: { reason: 'Messages publicitaires répétés' }, status: 403 })
    expect(messageOf(error, fr)).toBe(
      'Votre compte est suspendu : vous pouvez lire, mais plus contribuer. Motif : Messages publicitaires répétés',
    )
  })

  it('explains in French what the API said in English', async () => {
    const conflict = await refusal(409, {
      data: { code: 'conflict' },
      message: 'This thread is closed to new answers.',
    })
    expect(messageOf(conflict, fr)).toBe(fr.errorConflict)
    expect(messageOf(conflict, fr)).not.toContain('thread')
    const signedOut = await refusal(401, {
      data: { code: 'not-signed-in' },
      message: 'You must be signed in to do this.',
    })
    expect(messageOf(signedOut, fr)).toContain('Reconnectez-vous')
    expect(messageOf(await refusal(403, { message: 'You are not allowed to perform this action.' }), fr)).toBe(
      fr.errorForbidden,
    )
    expect(
      messageOf(await refusal(404, { data: { code: 'not-found' }, message: 'No tip with id "x" was found.' }), fr),
    ).toBe(fr.errorGone)
    expect(messageOf(await refusal(500, { message: 'Something went wrong.' }), fr)).toBe(fr.errorServer)
    expect(messageOf(await refusal(409, { data: { code: 'conflict' }, message: 'Closed.' }), en)).toBe(en.errorConflict)
  })

  it('keeps the messages the API already wrote in the widget’s language', async () => {
    const message =
      'Votre message contient un numéro de sécurité sociale (1 84 1…) dans « Texte ». Retirez-le puis envoyez de nouveau.'
    const found = await refusal(422, { data: { code: 'personal-data', field: 'body' }, message }, 'fr')
    expect(messageOf(found, fr)).toBe(message)
    const tooMany = await refusal(429, {
      data: { code: 'rate-limited' },
      message: 'Trop de votes. Réessayez dans 5 minutes.',
    })
    expect(messageOf(tooMany, fr)).toBe('Trop de votes. Réessayez dans 5 minutes.')
  })

  it('asks to check the fields a validation refused', async () => {
    const invalid = await refusal(400, {
      data: { errors: [{ message: 'This field is required.', path: 'title' }] },
      message: 'The following field is invalid: Title',
      name: 'ValidationError',
    })
    expect(messageOf(invalid, fr)).toBe(fr.errorCheckFields)
    expect(messageOf(new NetworkError(new TypeError('Failed to fetch')), fr)).toBe(fr.networkError)
  })
})

describe('the bell’s calls', () => {
  it('counts, lists one’s own latest notifications, and marks them read', async () => {
    const calls = stubFetch((call) => {
      if (call.url.endsWith('/notifications/unread')) return Response.json({ unread: 3 })
      if (call.url.includes('/notifications?'))
        return Response.json({
          docs: [
            { body: 'Thomas a répondu.', createdAt: '2026-12-02T09:00:00.000Z', id: 5, isRead: false, link: '/demarches/passeport#entraide-answer-9', note: '', title: 'Photos' },
            { createdAt: '2026-12-01T09:00:00.000Z', id: 'a4', isRead: true, title: 'Timbre fiscal' },
            { id: 3, title: 'no date' },
          ],
        })
      return Response.json({ doc: { id: 5, isRead: true } })
    })
    const client = createClient('https://entraide.example.gouv.fr')
    expect(await client.countUnread()).toBe(3)
    expect(await client.loadNotifications({ limit: 10, recipient: 7 })).toEqual([
      { body: 'Thomas a répondu.', createdAt: '2026-12-02T09:00:00.000Z', id: 5, isRead: false, link: '/demarches/passeport#entraide-answer-9', note: null, title: 'Photos' },
      { body: null, createdAt: '2026-12-01T09:00:00.000Z', id: 'a4', isRead: true, link: null, note: null, title: 'Timbre fiscal' },
    ])
    await client.markNotificationRead(5)
    await client.markAllNotificationsRead()

    const list = new URL(calls[1]?.url ?? '')
    expect(list.pathname).toBe('/api/notifications')
    // Admins may read others' failed-email notifications too: the bell asks for one's own only.
    expect(Object.fromEntries(list.searchParams)).toEqual({
      depth: '0',
      limit: '10',
      sort: '-createdAt',
      'where[recipient][equals]': '7',
    })
    expect(calls[2]?.url).toBe('https://entraide.example.gouv.fr/api/notifications/5?depth=0')
    expect(calls[2]?.init.method).toBe('PATCH')
    expect(JSON.parse(String(calls[2]?.init.body))).toEqual({ isRead: true })
    expect(calls[3]?.url).toBe('https://entraide.example.gouv.fr/api/notifications/read-all')
    expect(calls[3]?.init.method).toBe('POST')
    expect(calls.every((call) => call.init.credentials === 'include')).toBe(true)
  })

  it('names the unread count in both languages', () => {
    expect(stringsFor('fr').notificationsLabel(0)).toBe('Notifications, aucune non lue')
    expect(stringsFor('fr').notificationsLabel(1)).toBe('Notifications, 1 non lue')
    expect(stringsFor('fr').notificationsLabel(3)).toBe('Notifications, 3 non lues')
    expect(stringsFor('en').notificationsLabel(0)).toBe('Notifications, none unread')
    expect(stringsFor('en').notificationsLabel(3)).toBe('Notifications, 3 unread')
  })
})
