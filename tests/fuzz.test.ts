import { createHash } from 'node:crypto'

import type { CollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { collectionEndpoints } from '../src/endpoints/collectionEndpoints.ts'
import { resolveOptions } from '../src/options.ts'
import { createRandom, type Random } from './fixtures/personalDataCorpus.ts'
import { createProcedure } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

/** Change it to explore other requests; a failure prints the seed and the request to replay. */
// Another seed on another database: the PostgreSQL run sends other requests than the SQLite one.
const seed = Number(process.env.FUZZ_SEED ?? (process.env.TEST_DATABASE_URI ? 20_261_202 : 20_250_301))
const requestCount = Number(process.env.FUZZ_REQUESTS ?? 600)

type Person = Awaited<ReturnType<TestApp['signUp']>>
type FuzzRequest = { method: string; route: string; rawBody?: string; token?: string; headers?: Record<string, string> }

let app: TestApp
let people: Person[]
/** Real ids by collection, so that some requests reach existing documents. */
const known: Record<string, string[]> = {}

const collections = [
  'tips',
  'threads',
  'answers',
  'guides',
  'guide-proposals',
  'wiki-pages',
  'procedures',
  'agencies',
  'votes',
  'reports',
  'users',
] as const

beforeAll(async () => {
  app = await startTestApp({ entraide: { rateLimits: false } })
  const { agency, procedure } = await createProcedure(app)
  const author = await app.signUp({ name: 'Autrice' })
  const other = await app.signUp({ name: 'Autre' })
  const agent = await app.signUp({ agency: agency.id, role: 'agent' })
  const editor = await app.signUp({ role: 'editor' })
  const admin = await app.signUp({ role: 'admin' })
  people = [author, other, agent, editor, admin]
  const thread = await app.payload.create({
    collection: 'threads',
    data: {
      author: author.id,
      body: 'Quel délai pour un passeport ?',
      procedure: procedure.id,
      status: 'open',
      title: 'Délai du passeport',
      visibility: 'published',
    },
  })
  const answer = await app.payload.create({
    collection: 'answers',
    data: { author: other.id, body: 'Trois semaines environ.', thread: thread.id, visibility: 'published' },
  })
  const tip = await app.payload.create({
    collection: 'tips',
    data: { author: other.id, body: 'Venez tôt le matin.', procedure: procedure.id, visibility: 'published' },
  })
  const guide = await app.payload.create({
    collection: 'guides',
    data: { _status: 'published', procedure: procedure.id, title: 'Guide du passeport' },
  })
  const page = await app.payload.create({
    collection: 'wiki-pages',
    data: { _status: 'published', procedure: procedure.id, slug: 'passeport-officiel', title: 'Passeport' },
  })
  const report = await app.payload.create({
    collection: 'reports',
    data: {
      reason: 'spam',
      reporter: author.id,
      status: 'open',
      target: { relationTo: 'tips', value: tip.id },
      targetKey: `tips:${tip.id}`,
    },
  })
  const proposal = await app.payload.create({
    collection: 'guide-proposals',
    data: {
      author: author.id,
      baseTitle: 'Guide du passeport',
      guide: guide.id,
      procedure: procedure.id,
      title: 'Guide proposé',
    },
  })
  Object.assign(known, {
    agencies: [agency.id],
    answers: [answer.id],
    guides: [guide.id],
    'guide-proposals': [proposal.id],
    procedures: [procedure.id],
    reports: [report.id],
    threads: [thread.id],
    tips: [tip.id],
    users: people.map((person) => person.id),
    'wiki-pages': [page.id],
  })
})
afterAll(async () => {
  await app?.close()
})

// ---------------------------------------------------------------------------
// The database, as one hash.

/**
 * Failed sign-ins count towards Payload's account lockout when a host keeps it on: those
 * bookkeeping fields change on a 401 and are left out of the comparison.
 */
const authBookkeeping = new Set(['loginAttempts', 'lockUntil', 'updatedAt', 'sessions'])

/**
 * Collections written in the background, whatever the request: the jobs,
 * the search statistics, the notifications the jobs deliver after an
 * earlier request's write committed, the search change feed (pruned, and
 * marked when the index is saved) and the Meilisearch lease (when
 * MEILI_HOST is set). They are not the requests' doing.
 */
const backgroundCollections = new Set([
  'payload-jobs',
  'search-queries',
  'notifications',
  'search-changes',
  'search-leases',
])

const databaseHash = async (): Promise<string> => {
  const hash = createHash('sha256')
  for (const slug of Object.keys(app.payload.collections).sort()) {
    if (backgroundCollections.has(slug)) continue
    const collection = app.payload.collections[slug as CollectionSlug]
    const { docs } = await app.payload.find({
      collection: slug as CollectionSlug,
      depth: 0,
      draft: true,
      limit: 0,
      pagination: false,
      sort: 'id',
    })
    const rows =
      slug === 'users'
        ? docs.map((doc) => Object.fromEntries(Object.entries(doc).filter(([key]) => !authBookkeeping.has(key))))
        : docs
    hash.update(`${slug}:${rows.length}:${JSON.stringify(rows)}`)
    if (collection?.config.versions) {
      const versions = await app.payload.findVersions({
        collection: slug as CollectionSlug,
        depth: 0,
        limit: 0,
        pagination: false,
        sort: 'id',
      })
      hash.update(`${slug}/versions:${versions.docs.length}:${JSON.stringify(versions.docs)}`)
    }
  }
  return hash.digest('hex')
}

// ---------------------------------------------------------------------------
// Hostile values.

const hostileStrings = [
  '',
  ' ',
  "' OR '1'='1",
  "'; DROP TABLE tips; --",
  '1; DELETE FROM users',
  '" OR ""="',
  '1 UNION SELECT password FROM users',
  '$gt',
  '{"$gt":""}',
  '{"$where":"sleep(1000)"}',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '\u202e\u0647\u0645',
  '😀'.repeat(50),
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '__proto__',
  'constructor',
]

const hostileIds = [
  '-1',
  '0',
  '999999999',
  '00000000-0000-7000-8000-000000000000',
  '507f1f77bcf86cd799439011',
  "1' OR '1'='1",
  '1;DROP TABLE tips',
  '{"$gt":""}',
  '$gt',
  '%24ne',
  'a'.repeat(300),
  '../users',
  'null',
  '[object Object]',
  '\u00e9t\u00e9',
]

const mongoOperators = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(100)' },
  { $regex: '.*' },
  { $in: [] },
  { $exists: true },
]

const deepObject = (depth: number): unknown => {
  let value: unknown = 'bottom'
  for (let level = 0; level < depth; level++) value = { a: value }
  return value
}

const deepArray = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)

const randomScalar = (random: Random): unknown =>
  random.pick<() => unknown>([
    () => random.pick(hostileStrings),
    () => random.int(-1_000_000, 1_000_000),
    () => random.next() * 1e308 * (random.chance(0.5) ? 1 : -1),
    () => random.chance(0.5),
    () => null,
    () => 'x'.repeat(random.pick([1_000, 70_000, 300_000])),
    () => random.pick(mongoOperators),
    () => random.pick(hostileIds),
    () => [],
    () => ({}),
  ])()

const fieldNames = [
  'body',
  'title',
  'procedure',
  'thread',
  'step',
  'author',
  'visibility',
  'status',
  'score',
  'value',
  'reason',
  'note',
  'answer',
  'wikiPage',
  'action',
  'decision',
  'role',
  'reputation',
  'email',
  'password',
  'displayName',
  'slug',
  'name',
  'agency',
  'validatedBy',
  'verifiedBy',
  'isAccepted',
  '_status',
  'target',
  'key',
  '__proto__',
  'constructor',
  '$where',
]

/** A plausible body with hostile values, or garbage that is not a body at all. */
const randomBody = (random: Random): string | undefined => {
  const kind = random.int(0, 9)
  if (kind === 0) return undefined
  if (kind === 1) {
    const valid = JSON.stringify({
      body: 'Une réponse correcte et assez longue.',
      procedure: random.pick(known.procedures ?? ['x']),
      reason: 'spam',
      value: 1,
    })
    return valid.slice(0, random.int(0, valid.length - 1))
  }
  if (kind === 2)
    return random.pick(['null', 'true', '42', '"text"', '[]', '[1,2]', '{', '}', '{"a":', 'NaN', '\u0000', 'undefined'])
  if (kind === 3) {
    const depth = random.pick([50, 1_000, 5_000])
    return `${'{"body":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`
  }
  if (kind === 4) return deepArray(random.pick([100, 10_000]))
  if (kind === 5) {
    return JSON.stringify({
      body: deepObject(random.int(2, 200)),
      root: { children: [deepObject(random.int(2, 200))], type: 'root' },
      title: random.pick(mongoOperators),
    })
  }
  if (kind === 6) {
    return JSON.stringify({
      body: {
        root: {
          children: [
            {
              type: random.pick(['script', 'text', 'link', 'upload', 'relationship']),
              children: random.pick([null, 'x', [{}], [[]]]),
              text: randomScalar(random),
              fields: { url: 'javascript:alert(1)' },
            },
          ],
          type: 'root',
        },
      },
      procedure: randomScalar(random),
      title: randomScalar(random),
    })
  }
  const body: Record<string, unknown> = {}
  const count = random.int(1, 6)
  for (let index = 0; index < count; index++) body[random.pick(fieldNames)] = randomScalar(random)
  return JSON.stringify(body)
}

const whereQueries = [
  'where[title][equals][$gt]=',
  'where[body][like]=%25',
  "where[author][equals]=' OR 1=1 --",
  'where[id][in]=1,2,%27',
  'where[id][equals][0]=x',
  'where[or][0][and][0][visibility][equals]=hidden',
  'where[visibility][not_equals]=published',
  'where[__proto__][polluted]=1',
  'where[constructor][prototype][x]=1',
  'where[email][like]=%40',
  'where[password][exists]=true',
  'where[hash][exists]=true',
  'where[salt][like]=a',
  'where[$where]=sleep(100)',
  'where[score][greater_than]=abc',
  'where[createdAt][less_than]=not-a-date',
  'where[target][equals]=tips',
  'where[target][equals][relationTo]=tips&where[target][equals][value]=x',
  'where[target.value][equals]=x',
  'where[target.relationTo][in]=tips,answers',
  'where[target][in]=tips',
  'where[author.email][like]=example',
  'where[procedure.agency.name][like]=a',
  'where[unknownField][equals]=1',
  'where[title][near]=1,2',
  'where[title][within]=x',
  'where[title][bogus_operator]=x',
  `where${'[and][0]'.repeat(60)}[title][equals]=x`,
  'where=1',
  'where[]=1',
  'sort=-password',
  'sort=hash',
  'sort=%27%3B',
  'depth=99',
  'depth=-1',
  'depth=abc',
  'limit=-1',
  'limit=1e9',
  'limit=abc',
  'page=-5',
  'page=1e99',
  'select[password]=true',
  'select[email]=true',
  'populate[users][email]=true',
  'draft=true',
  'locale=../../etc',
  'joins=abc',
  'trash=true',
  'limit=5&limit=6',
  'page=1&page=2',
  'depth=1&depth=x',
  'sort=title&sort=-id',
  'draft=true&draft=false',
  'where[id][equals]=a&where[id][equals]=b',
]

const randomQuery = (random: Random): string => {
  const parts = Array.from({ length: random.int(0, 3) }, () => random.pick(whereQueries))
  return parts.length === 0 ? '' : `?${parts.join('&')}`
}

const randomId = (random: Random, collection: string): string =>
  encodeURIComponent(random.chance(0.4) ? random.pick(known[collection] ?? ['x']) : random.pick(hostileIds))

const randomToken = (random: Random): string | undefined => {
  const roll = random.int(0, 8)
  if (roll === 0) return undefined
  if (roll === 1) return random.pick(['garbage', 'eyJhbGciOiJub25lIn0.eyJpZCI6IjEifQ.', "' OR 1=1"])
  return random.pick(people).token
}

/** The Entraide domain endpoints, read from the plugin itself so new ones are fuzzed too. */
const entraideRoutes = (): Array<{ method: string; path: string; collection: string }> => {
  const byCollection = collectionEndpoints(resolveOptions())
  return Object.entries(byCollection).flatMap(([collection, endpoints]) =>
    endpoints.map((endpoint) => ({ collection, method: endpoint.method.toUpperCase(), path: endpoint.path })),
  )
}

/** Root endpoints under `/entraide/` (the procedure page, search…), from the running config. */
const rootRoutes = (): Array<{ method: string; path: string }> =>
  (app.config.endpoints || [])
    .filter((endpoint) => endpoint.path.startsWith('/entraide/'))
    .map((endpoint) => ({ method: endpoint.method.toUpperCase(), path: endpoint.path }))

const rootQuery = (random: Random): string => {
  const params = ['q', 'step', 'procedure', 'type', 'limit', 'offset', 'page', 'sort', 'filter']
  const parts = Array.from(
    { length: random.int(0, 4) },
    () => `${random.pick(params)}=${encodeURIComponent(String(randomScalar(random)).slice(0, 5_000))}`,
  )
  return parts.length === 0 ? '' : `?${parts.join('&')}`
}

const randomRequest = (random: Random): FuzzRequest => {
  const token = randomToken(random)
  const rawBody = randomBody(random)
  const roll = random.int(0, 9)
  if (roll <= 3) {
    const route = random.pick(entraideRoutes())
    const path = route.path.replace(':id', randomId(random, route.collection))
    return {
      method: route.method,
      rawBody: route.method === 'GET' ? undefined : rawBody,
      route: `/${route.collection}${path}`,
      token,
    }
  }
  if (roll === 4) {
    const route = random.pick(rootRoutes())
    const path = route.path.replace(/:(\w+)/g, () =>
      encodeURIComponent(random.chance(0.5) ? 'passeport' : String(random.pick([...hostileIds, ...hostileStrings]))),
    )
    return {
      method: route.method,
      rawBody: route.method === 'GET' ? undefined : rawBody,
      route: `${path}${rootQuery(random)}`,
      token,
    }
  }
  if (roll === 5) {
    const email = random.chance(0.5) ? random.pick(people).email : String(randomScalar(random)).slice(0, 300)
    const body = random.chance(0.5)
      ? JSON.stringify({
          email: random.chance(0.7) ? email : random.pick(mongoOperators),
          password: randomScalar(random),
        })
      : rawBody
    return {
      method: 'POST',
      rawBody: body,
      route: random.pick(['/users/login', '/users', '/users/forgot-password']),
      token: random.chance(0.8) ? undefined : token,
    }
  }
  const collection = random.pick(collections)
  const shape = random.int(0, 6)
  if (shape === 0) return { method: 'GET', route: `/${collection}${randomQuery(random)}`, token }
  if (shape === 1)
    return { method: 'GET', route: `/${collection}/${randomId(random, collection)}${randomQuery(random)}`, token }
  if (shape === 2) return { method: 'POST', rawBody, route: `/${collection}${randomQuery(random)}`, token }
  if (shape === 3) return { method: 'PATCH', rawBody, route: `/${collection}/${randomId(random, collection)}`, token }
  if (shape === 4)
    return { method: 'PATCH', rawBody, route: `/${collection}${randomQuery(random) || '?where[id][equals]=x'}`, token }
  if (shape === 5) return { method: 'DELETE', route: `/${collection}/${randomId(random, collection)}`, token }
  return { method: 'DELETE', route: `/${collection}${randomQuery(random) || "?where[id][equals]=' OR 1=1"}`, token }
}

const describeRequest = (request: FuzzRequest): string =>
  `${request.method} ${request.route.slice(0, 200)} body=${(request.rawBody ?? '').slice(0, 200)} as=${
    request.token
      ? (people.find((person) => person.token === request.token)?.email ?? request.token.slice(0, 20))
      : 'anonymous'
  }`

describe('requests the fuzzer found crashing the server, now refused or handled', () => {
  const status = async (method: string, route: string, options: { rawBody?: string; token?: string } = {}) =>
    (await app.api(method, route, options)).status

  it('refuses malformed bodies and values of the wrong type with 400', async () => {
    const [citizen, , , editor] = people
    const guide = known.guides?.[0] ?? ''
    expect(await status('POST', '/threads', { token: citizen!.token })).toBe(400)
    expect(await status('POST', '/users', { rawBody: '"text"' })).toBe(400)
    expect(await status('POST', '/users', { rawBody: JSON.stringify({ email: { $gt: '' }, password: 'x' }) })).toBe(400)
    expect(
      await status('PATCH', `/threads/${known.threads?.[0]}`, { rawBody: deepArray(10_000), token: citizen!.token }),
    ).toBe(400)
    expect(
      await status('PATCH', `/answers/${known.answers?.[0]}`, {
        rawBody: JSON.stringify({ visibility: { $regex: '.*' } }),
        token: editor!.token,
      }),
    ).toBe(400)
    const hostileRichText = {
      root: {
        children: [{ children: 'x', fields: { url: 'javascript:alert(1)' }, text: null, type: 'text' }],
        type: 'root',
      },
    }
    expect(
      await status('PATCH', `/guides/${guide}`, {
        rawBody: JSON.stringify({ body: hostileRichText }),
        token: editor!.token,
      }),
    ).toBe(400)
  })

  it('refuses queries the database cannot take with 400, without leaving a rejection unhandled', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const citizen = people[0]!
      for (const query of [
        'where[createdAt][less_than]=not-a-date',
        'where[id][equals][0]=x',
        'where[title][within]=x',
        'page=1e99',
        'limit=5&limit=6',
        'where[author.email][like]=example',
      ]) {
        expect(await status('GET', `/threads?${query}`, { token: citizen.token }), query).toBe(400)
      }
      expect(await status('GET', '/reports?where[target][equals]=tips', { token: people[3]!.token })).toBe(400)
      await new Promise((resolve) => setTimeout(resolve, 50))
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
    expect(unhandled).toEqual([])
  })

  it('refuses to delete what others cannot exist without, with 409 saying what is left', async () => {
    const editor = people[3]!
    const { agency, procedure } = await createProcedure(app, { slug: 'suppression' })
    const thread = await app.payload.create({
      collection: 'threads',
      data: {
        body: 'Une question assez longue.',
        procedure: procedure.id,
        status: 'open',
        title: 'Question à supprimer',
        visibility: 'published',
      },
    })
    await app.payload.create({
      collection: 'answers',
      data: { body: 'Une réponse assez longue.', thread: thread.id, visibility: 'published' },
    })
    for (const [collection, id, left] of [
      ['threads', thread.id, '1 answer(s)'],
      ['procedures', procedure.id, '1 question(s)'],
      ['agencies', agency.id, '1 procedure(s)'],
    ] as const) {
      const response = await app.api('DELETE', `/${collection}/${id}`, { token: editor.token })
      expect(response.status).toBe(409)
      expect((await response.json()).errors[0].message).toContain(left)
      expect((await app.payload.count({ collection, where: { id: { equals: id } } })).totalDocs).toBe(1)
    }
  })

  it('deletes an account that voted, with its votes, and recounts the scores', async () => {
    const voter = await app.signUp({ name: 'Votante' })
    const tip = await app.payload.create({
      collection: 'tips',
      data: {
        author: people[1]!.id,
        body: 'Astuce à voter puis recompter.',
        procedure: known.procedures![0]!,
        visibility: 'published',
      },
    })
    expect(await status('POST', `/tips/${tip.id}/vote`, { rawBody: '{"value":1}', token: voter.token })).toBe(200)
    expect((await app.payload.findByID({ collection: 'tips', id: tip.id })).score).toBe(1)
    expect(await status('DELETE', `/users/${voter.id}`, { token: people[4]!.token })).toBe(200)
    expect((await app.payload.count({ collection: 'votes', where: { user: { equals: voter.id } } })).totalDocs).toBe(0)
    expect((await app.payload.findByID({ collection: 'tips', id: tip.id })).score).toBe(0)
  })

  it('answers a password-reset request', async () => {
    const person = await app.signUp({ name: 'Oublieuse' })
    expect(await status('POST', '/users/forgot-password', { rawBody: JSON.stringify({ email: person.email }) })).toBe(
      200,
    )
    expect(
      await status('POST', '/users/forgot-password', { rawBody: JSON.stringify({ email: 'nobody@example.test' }) }),
    ).toBe(200)
  })
})

describe('hostile requests', () => {
  it(`answers ${requestCount} malformed requests without a server error and leaves the database unchanged when it refuses`, async () => {
    const random = createRandom(seed)
    const serverErrors: string[] = []
    const changedOnRefusal: string[] = []
    const statuses = new Map<number, number>()
    // A promise the server leaves unhandled would stop a production process.
    const unhandled: string[] = []
    let current = ''
    const onUnhandled = (reason: unknown) =>
      unhandled.push(`${current}: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`)
    process.on('unhandledRejection', onUnhandled)
    let before = await databaseHash()
    for (let index = 0; index < requestCount; index++) {
      const request = randomRequest(random)
      current = `#${index} ${describeRequest(request)}`
      const response = await app.api(request.method, request.route, {
        headers: request.headers,
        rawBody: request.rawBody,
        token: request.token,
      })
      await response.text()
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
      const after = await databaseHash()
      if (response.status >= 500) serverErrors.push(`#${index} ${response.status} ${describeRequest(request)}`)
      if (response.status >= 400 && after !== before)
        changedOnRefusal.push(`#${index} ${response.status} ${describeRequest(request)}`)
      before = after
    }
    console.log(
      `fuzz seed ${seed}: ${requestCount} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    process.off('unhandledRejection', onUnhandled)
    for (const line of [...serverErrors, ...changedOnRefusal, ...unhandled]) console.log(line)
    expect(serverErrors, `seed ${seed}`).toEqual([])
    expect(unhandled, `seed ${seed}`).toEqual([])
    expect(changedOnRefusal, `seed ${seed}`).toEqual([])
    // Most requests must be refused, or the fuzzer is not exercising the checks.
    const refused = [...statuses].filter(([status]) => status >= 400).reduce((sum, [, count]) => sum + count, 0)
    expect(refused).toBeGreaterThan(requestCount * 0.6)
  }, 600_000)
})
