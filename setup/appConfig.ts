import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { en } from '@payloadcms/translations/languages/en'
import { fr } from '@payloadcms/translations/languages/fr'
import { buildConfig, type Config, type Plugin, type SanitizedConfig } from 'payload'

import { entraidePlugin, type EntraideOptions } from 'entraide'
import { databaseAdapter, type IdStorage } from './database.ts'
import { databaseUriFromEnvironment } from './databaseAddress.ts'
import { emailAdapterFromEnv } from './email.ts'
import { loadLexicalEditor } from './richTextEditor.ts'
import { resolveSecret } from './secret.ts'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Rate limits shared through Redis when REDIS_URL is set, so that every app
 * node counts in one place; otherwise each process counts in its memory.
 * `entraide/redis` (and its client, ioredis) is loaded only then.
 */
const rateLimitStoreFromEnv = async (): Promise<EntraideOptions['rateLimitStore']> => {
  const url = process.env.REDIS_URL?.trim()
  if (!url) return undefined
  const { redisRateLimitStore } = await import('entraide/redis')
  return redisRateLimitStore({ url })
}

/**
 * Which reverse proxies the app believes about the client address, from
 * TRUSTED_PROXIES: a number of proxies in front of the app ("1"), or their
 * addresses, CIDR ranges or `loopback`/`private`/`linklocal`, separated by
 * commas. Unset, no proxy is believed.
 */
const trustedProxiesFromEnv = (): EntraideOptions['trustedProxies'] => {
  const value = process.env.TRUSTED_PROXIES?.trim()
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Number(value)
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
}

/** What varies between the app, the tests and the benchmarks. */
export type AppConfigArgs = {
  /** SQLite `file:`, PostgreSQL or MongoDB URI. Defaults to DATABASE_URI, then `file:./data/entraide.db`. */
  databaseUri?: string
  secret?: string
  entraide?: EntraideOptions
  onInit?: Config['onInit']
  /** Numeric ids (Payload's default on SQL databases) or text ids (UUIDs). */
  ids?: IdStorage
  /** `false` when the SQL database already has the schema (the tests' copies of a template database). */
  databasePush?: boolean
  /** Extra plugins applied after Entraide. */
  plugins?: Plugin[]
  /** The host's own GraphQL settings (its queries and mutations); GraphQL is on by default. */
  graphQL?: Config['graphQL']
  /** The email adapter; by default SMTP when the SMTP_ variables are set, else the console (see `emailAdapterFromEnv`). */
  email?: Config['email']
}

/**
 * The Entraide application config: a host website's users collection, the
 * Entraide plugin used exactly as an adopter would, and the chosen database.
 * The admin panel speaks French, or English to people whose browser or
 * account settings ask for it.
 */
export const buildAppConfig = async ({
  databasePush,
  databaseUri = databaseUriFromEnvironment(),
  email = emailAdapterFromEnv(),
  entraide = {},
  graphQL,
  ids = process.env.ENTRAIDE_TEST_IDS === 'text' ? 'text' : 'number',
  onInit,
  plugins = [],
  secret,
}: AppConfigArgs = {}): Promise<SanitizedConfig> => {
  const lexicalEditor = await loadLexicalEditor()
  return buildConfig({
    admin: {
      user: 'users',
      // No Gravatar: it would send a hash of each person's email to a third party.
      avatar: 'default',
      // Reads naturally in both languages of the admin panel: "2 décembre 2026, 14:05", "2 December 2026, 14:05".
      dateFormat: 'd MMMM yyyy, HH:mm',
      importMap: { baseDir: rootDir },
      meta: { titleSuffix: ' — Entraide' },
    },
    collections: [
      {
        slug: 'users',
        auth: {
          // Payload's own interval between reset requests reserves the account with a write outside the
          // request's transaction, which SQLite's immediate transactions refuse ("database is locked").
          // Entraide's sign-in rate limits cover password-reset requests instead.
          forgotPassword: { minRequestInterval: 0 },
          // No lockout: Payload's would lock the account for everyone, its owner included, whatever
          // their address. Entraide's progressive sign-in delays per account and address slow guessing instead.
          maxLoginAttempts: 0,
          tokenExpiration: 7 * 24 * 60 * 60,
        },
        // Accounts are administration: only admins list them; everyone keeps
        // their own account page (/admin/account).
        admin: { group: { en: 'Administration', fr: 'Administration' }, hidden: ({ user }) => user?.role !== 'admin' },
        labels: { plural: { en: 'Users', fr: 'Utilisateurs' }, singular: { en: 'User', fr: 'Utilisateur' } },
        // The columns of Payload's lockout, which this config used to have, kept so that existing
        // databases and their migrations stay as they are; nothing reads or writes them any more.
        fields: [
          { name: 'loginAttempts', type: 'number', access: { create: () => false, update: () => false }, defaultValue: 0, hidden: true },
          { name: 'lockUntil', type: 'date', access: { create: () => false, update: () => false }, hidden: true },
        ],
      },
    ],
    db: await databaseAdapter(databaseUri, ids, { push: databasePush }),
    editor: lexicalEditor(),
    email,
    graphQL,
    i18n: { fallbackLanguage: 'fr', supportedLanguages: { fr, en } },
    onInit,
    plugins: [
      entraidePlugin({
        ...entraide,
        rateLimitStore: entraide.rateLimitStore ?? (await rateLimitStoreFromEnv()),
        trustedProxies: entraide.trustedProxies ?? trustedProxiesFromEnv(),
        users: { publicSignUp: true, ...entraide.users },
      }),
      ...plugins,
    ],
    secret: secret ?? resolveSecret(),
    telemetry: false,
    // The demo host reads Entraide's documents through the plugin's own types;
    // it has no generated types of its own to keep in step.
    typescript: { autoGenerate: false, declare: false },
  })
}
