import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { buildConfig, getPayload, handleEndpoints, type CollectionConfig, type Config, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { entraidePlugin, type EntraideOptions } from 'entraide'
import { sqliteDatabaseAdapter } from '../setup/database.ts'
import { loadLexicalEditor } from '../setup/richTextEditor.ts'

// Several hosts with the same collections start in this file, each on a new
// database: Payload would skip the schema push of all but the first.
process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = 'true'

/**
 * Entraide added to a site that is not the demo: the host has its own users
 * (a `name`, and a `role` of its own: admin, staff or customer), its own
 * `pages` with Payload's default access (any signed-in user may write), and
 * Payload's default numeric ids.
 */
const hostUsers = (): CollectionConfig => ({
  slug: 'users',
  auth: { forgotPassword: { minRequestInterval: 0 } },
  fields: [
    { name: 'name', type: 'text' },
    {
      name: 'role',
      type: 'select',
      defaultValue: 'customer',
      options: ['admin', 'staff', 'customer'],
      required: true,
    },
  ],
})

const signedIn = ({ req }: { req: { user?: unknown } }) => Boolean(req.user)

const hostPages = (): CollectionConfig => ({
  slug: 'pages',
  // Anyone may read pages; writing them is left to Payload's default (any signed-in person).
  access: { read: () => true },
  fields: [
    { name: 'title', type: 'text', required: true },
    // Staff notes: readable by any signed-in person, as the host wrote it for its staff.
    { name: 'staffNote', type: 'text', access: { read: signedIn } },
    {
      name: 'blocks',
      type: 'array',
      fields: [{ name: 'internal', type: 'text', access: { read: signedIn } }],
    },
  ],
  endpoints: [
    {
      handler: (req) =>
        req.user ? Response.json({ forStaff: true }) : Response.json({ error: 'no' }, { status: 401 }),
      method: 'get',
      path: '/staff-report',
    },
  ],
})

const mappedUsers: EntraideOptions['users'] = {
  displayNameFrom: 'name',
  publicSignUp: true,
  roleFrom: { field: 'role', values: { admin: 'admin', customer: 'citizen', staff: 'agent' } },
}

const hostConfig = async (dir: string, entraide: EntraideOptions, extra: Partial<Config> = {}) => {
  const lexicalEditor = await loadLexicalEditor()
  return buildConfig({
    admin: { user: 'users' },
    collections: [hostUsers(), hostPages()],
    db: sqliteDatabaseAdapter(`file:${path.join(dir, 'host.db')}`),
    editor: lexicalEditor(),
    graphQL: { disable: true },
    endpoints: [
      {
        handler: (req) =>
          req.user ? Response.json({ forStaff: true }) : Response.json({ error: 'no' }, { status: 401 }),
        method: 'get',
        path: '/staff-dashboard',
      },
    ],
    plugins: [
      // The saved index goes with the host's other files, removed after it.
      entraidePlugin({
        search: { runSyncJobs: 'manual', snapshot: { directory: path.join(dir, 'search-index') } },
        ...entraide,
      }),
    ],
    secret: 'host-site-test-secret',
    telemetry: false,
    typescript: { autoGenerate: false, declare: false },
    ...extra,
  })
}

type Host = {
  payload: Payload
  call: (method: string, route: string, body?: unknown, token?: string) => Promise<Response>
  close: () => Promise<void>
}

let counter = 0

const startHost = async (entraide: EntraideOptions, extra: Partial<Config> = {}): Promise<Host> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'entraide-host-'))
  const config = await hostConfig(dir, entraide, extra)
  counter += 1
  const key = `host-${counter}-${path.basename(dir)}`
  const payload = await getPayload({ config, key })
  const call: Host['call'] = (method, route, body, token) => {
    const headers = new Headers()
    if (body !== undefined) headers.set('Content-Type', 'application/json')
    if (token) headers.set('Authorization', `JWT ${token}`)
    const request = new Request(`http://localhost:3000/api${route}`, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers,
      method,
    })
    return handleEndpoints({ config, payloadInstanceCacheKey: key, request })
  }
  return {
    call,
    close: async () => {
      await payload.destroy()
      rmSync(dir, { force: true, recursive: true })
    },
    payload,
  }
}

const password = 'correct horse battery staple'

const signIn = async (host: Host, email: string): Promise<string> => {
  const response = await host.call('POST', '/users/login', { email, password })
  expect(response.status).toBe(200)
  const body = (await response.json()) as { token?: string }
  if (!body.token) throw new Error('no token')
  return body.token
}

describe('a host whose users have their own name and role fields', () => {
  it('refuses, at config time, an unmapped role field that would clash, naming the options that solve it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'entraide-host-'))
    try {
      await expect(hostConfig(dir, {})).rejects.toThrow(/roleFrom: \{ field: .*fields: \{ role: /)
    } finally {
      rmSync(dir, { force: true, recursive: true })
    }
  })
})

describe('Entraide inside a host site (its users mapped, its own pages, numeric ids)', () => {
  let host: Host
  let procedureId: number | string
  let adminToken: string

  beforeAll(async () => {
    host = await startHost({ users: mappedUsers })
    const agency = await host.payload.create({ collection: 'agencies', data: { name: 'ANTS', slug: 'ants' } })
    const procedure = await host.payload.create({
      collection: 'procedures',
      data: { agency: agency.id, slug: 'passeport', title: 'Demander un passeport' },
    })
    procedureId = procedure.id
    await host.payload.create({
      collection: 'users',
      data: { email: 'owner@host.test', name: 'Site owner', password, role: 'admin' },
    })
    adminToken = await signIn(host, 'owner@host.test')
  })

  afterAll(async () => {
    await host?.close()
  })

  it('keeps Payload’s numeric ids', () => {
    expect(typeof procedureId).toBe('number')
  })

  it('lets a visitor sign up, but keeps the host’s own role and fields out of their reach', async () => {
    const response = await host.call('POST', '/users', {
      displayName: 'Nadia',
      email: 'nadia@visitor.test',
      isCommunityAccount: false,
      password,
      role: 'admin',
    })
    expect(response.status).toBe(201)
    const { docs } = await host.payload.find({
      collection: 'users',
      overrideAccess: true,
      where: { email: { equals: 'nadia@visitor.test' } },
    })
    const stored = docs[0] as Record<string, unknown>
    expect(stored.role).toBe('customer')
    expect(stored.name).toBe('Nadia')
    expect(stored.isCommunityAccount).toBe(true)
    // She confirms her address with the emailed link's token before signing in: until then her
    // sign-in is refused as a wrong password is.
    expect((await host.call('POST', '/users/login', { email: 'nadia@visitor.test', password })).status).toBe(401)
    const hidden = await host.payload.find({ collection: 'users', showHiddenFields: true, where: { email: { equals: 'nadia@visitor.test' } } })
    const token = String(hidden.docs[0]?._verificationToken ?? '')
    expect((await host.call('POST', `/users/verify/${token}`, {})).status).toBe(200)
  })

  it('gives a signed-up visitor nothing more of the host’s collections than an anonymous visitor', async () => {
    const token = await signIn(host, 'nadia@visitor.test')
    const page = await host.call('POST', '/pages', { title: 'Nouvelle page' }, adminToken)
    expect(page.status).toBe(201)
    const { doc } = (await page.json()) as { doc: { id: number } }

    expect((await host.call('POST', '/pages', { title: 'Page pirate' }, token)).status).toBe(403)
    expect((await host.call('PATCH', `/pages/${doc.id}`, { title: 'Modifiée' }, token)).status).toBe(403)
    expect((await host.call('DELETE', `/pages/${doc.id}`, undefined, token)).status).toBe(403)
    expect((await host.call('GET', '/pages', undefined, token)).status).toBe((await host.call('GET', '/pages')).status)
    const unchanged = await host.payload.findByID({ collection: 'pages', id: doc.id })
    expect(unchanged.title).toBe('Nouvelle page')
  })

  it('reads the host’s field rules and custom endpoints as for an anonymous visitor', async () => {
    const token = await signIn(host, 'nadia@visitor.test')
    const created = await host.payload.create({
      collection: 'pages',
      data: { blocks: [{ internal: 'Stock bas' }], staffNote: 'Relire avant lundi', title: 'Horaires' },
    })
    // The host lets anyone read pages, but its notes only to people signed in: a community account is not one of them.
    const publicRead = async (requestToken?: string) =>
      (await (await host.call('GET', `/pages/${created.id}`, undefined, requestToken)).json()) as Record<
        string,
        unknown
      >
    expect(await publicRead(adminToken)).toMatchObject({
      blocks: [{ internal: 'Stock bas' }],
      staffNote: 'Relire avant lundi',
    })
    const seenByVisitor = await publicRead(token)
    expect(seenByVisitor.staffNote).toBeUndefined()
    expect(JSON.stringify(seenByVisitor)).not.toContain('Stock bas')
    expect((await host.call('GET', '/staff-dashboard', undefined, adminToken)).status).toBe(200)
    expect((await host.call('GET', '/staff-dashboard', undefined, token)).status).toBe(401)
    expect((await host.call('GET', '/pages/staff-report', undefined, adminToken)).status).toBe(200)
    expect((await host.call('GET', '/pages/staff-report', undefined, token)).status).toBe(401)
  })

  it('does not let a signed-up visitor raise their own role', async () => {
    const token = await signIn(host, 'nadia@visitor.test')
    const me = (await (await host.call('GET', '/users/me', undefined, token)).json()) as { user: { id: number } }
    await host.call('PATCH', `/users/${me.user.id}`, { isCommunityAccount: false, role: 'admin' }, token)
    const stored = (await host.payload.findByID({ collection: 'users', id: me.user.id })) as Record<string, unknown>
    expect(stored.role).toBe('customer')
    expect(stored.isCommunityAccount).toBe(true)
  })

  it('takes a signed-up visitor’s question on a procedure, with numeric ids, and shows their host name', async () => {
    const token = await signIn(host, 'nadia@visitor.test')
    const response = await host.call(
      'POST',
      '/threads?depth=0',
      {
        body: 'Combien de temps faut-il pour obtenir un rendez-vous ?',
        procedure: procedureId,
        title: 'Délai de rendez-vous',
      },
      token,
    )
    expect(response.status).toBe(201)
    const me = (await (await host.call('GET', '/entraide/me', undefined, token)).json()) as {
      user: { displayName: string; role: string }
    }
    expect(me.user).toMatchObject({ displayName: 'Nadia', role: 'citizen' })
  })

  it('reads Entraide’s roles from the host’s role values', async () => {
    await host.payload.create({
      collection: 'users',
      data: { email: 'guichet@host.test', name: 'Agent du guichet', password, role: 'staff' },
    })
    const token = await signIn(host, 'guichet@host.test')
    const me = (await (await host.call('GET', '/entraide/me', undefined, token)).json()) as { user: { role: string } }
    expect(me.user.role).toBe('agent')
  })

  it('answers a malformed id with 404, not a database error', async () => {
    expect((await host.call('GET', '/threads/not-a-number')).status).toBe(404)
  })
})

describe('the first account of a new host site', () => {
  let host: Host
  beforeAll(async () => {
    host = await startHost({ users: mappedUsers })
  })
  afterAll(async () => {
    await host?.close()
  })

  it('is the site owner’s, as Payload’s first-user registration makes it: with the role it asks for, not a community account', async () => {
    const response = await host.call('POST', '/users/first-register', {
      email: 'owner@new-site.test',
      name: 'Site owner',
      password,
      role: 'admin',
    })
    expect(response.status).toBe(200)
    const stored = (
      await host.payload.find({ collection: 'users', overrideAccess: true, where: { email: { equals: 'owner@new-site.test' } } })
    ).docs[0] as Record<string, unknown>
    expect(stored).toMatchObject({ isCommunityAccount: false, role: 'admin' })
    const token = await signIn(host, 'owner@new-site.test')
    expect((await host.call('POST', '/pages', { title: 'Accueil' }, token)).status).toBe(201)

    // Once the site has an account, first-user registration is closed and sign-up makes community accounts.
    const late = await host.call('POST', '/users/first-register', { email: 'late@new-site.test', password, role: 'admin' })
    expect(late.status).toBe(403)
    expect((await host.call('POST', '/users', { displayName: 'Visiteur', email: 'late@new-site.test', password, role: 'admin' })).status).toBe(201)
    const visitor = (
      await host.payload.find({ collection: 'users', overrideAccess: true, where: { email: { equals: 'late@new-site.test' } } })
    ).docs[0] as Record<string, unknown>
    expect(visitor).toMatchObject({ isCommunityAccount: true, role: 'customer' })
  })
})

describe('the disabled option', () => {
  let host: Host
  beforeAll(async () => {
    host = await startHost({ disabled: true, users: mappedUsers })
  })
  afterAll(async () => {
    await host?.close()
  })

  it('keeps the schema but serves none of Entraide’s endpoints and runs none of its hooks', async () => {
    expect(host.payload.collections.threads).toBeDefined()
    expect((await host.call('GET', '/entraide/procedures/passeport')).status).toBe(404)
    // What Payload gives any collection, as on the host's own pages.
    const plain = host.payload.collections.pages?.config
    const pathsOf = (endpoints: unknown) =>
      (Array.isArray(endpoints) ? endpoints : []).map(
        (endpoint: { method: string; path: string }) => `${endpoint.method} ${endpoint.path}`,
      )
    const hooksOf = (hooks: object | undefined) => Object.values(hooks ?? {}).flat().length
    for (const slug of ['threads', 'answers', 'tips', 'guides', 'wiki-pages']) {
      const collection = host.payload.collections[slug]?.config
      expect(pathsOf(collection?.endpoints)).toEqual(
        pathsOf(plain?.endpoints).filter((route) => route !== 'get /staff-report'),
      )
      expect(hooksOf(collection?.hooks)).toBe(hooksOf(plain?.hooks))
    }
  })

  it('opens no public sign-up', async () => {
    const response = await host.call('POST', '/users', { email: 'visitor@disabled.test', password })
    expect(response.status).toBe(403)
  })
})

describe('collection overrides', () => {
  let host: Host
  const seen: string[] = []
  beforeAll(async () => {
    host = await startHost({
      overrides: {
        tips: {
          admin: { group: 'Communauté' },
          hooks: { afterChange: [({ doc }) => void seen.push(String((doc as { body: string }).body))] },
        },
      },
      users: mappedUsers,
    })
  })
  afterAll(async () => {
    await host?.close()
  })

  it('apply the host’s admin settings and run the host’s hooks after Entraide’s own', async () => {
    expect(host.payload.collections.tips?.config.admin.group).toBe('Communauté')
    const agency = await host.payload.create({ collection: 'agencies', data: { name: 'CAF', slug: 'caf' } })
    const procedure = await host.payload.create({
      collection: 'procedures',
      data: { agency: agency.id, slug: 'apl', title: 'Aide au logement' },
    })
    await host.payload.create({
      collection: 'tips',
      data: { body: 'Préparez votre avis d’imposition.', procedure: procedure.id, visibility: 'published' },
    })
    expect(seen).toContain('Préparez votre avis d’imposition.')
  })
})
