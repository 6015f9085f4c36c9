import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, type Config, type Plugin, type SanitizedConfig } from 'payload'

import { entraidePlugin, type EntraideOptions } from '../src/index'
import { databaseAdapter } from './database'
import { resolveSecret } from './secret'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** What varies between the app, the tests and the benchmarks. */
export type AppConfigArgs = {
  /** SQLite `file:` URI or MongoDB URI. Defaults to DATABASE_URI, then `file:./data/entraide.db`. */
  databaseUri?: string
  secret?: string
  entraide?: EntraideOptions
  onInit?: Config['onInit']
  /** Extra plugins applied after Entraide. */
  plugins?: Plugin[]
}

/**
 * The Entraide application config: a host website's users collection, the
 * Entraide plugin used exactly as an adopter would, and the chosen database.
 */
export const buildAppConfig = ({
  databaseUri = process.env.DATABASE_URI || undefined,
  entraide = {},
  onInit,
  plugins = [],
  secret,
}: AppConfigArgs = {}): Promise<SanitizedConfig> =>
  buildConfig({
    admin: {
      user: 'users',
      // No Gravatar: it would send a hash of each person's email to a third party.
      avatar: 'default',
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
          maxLoginAttempts: 10,
          lockTime: 10 * 60 * 1000,
          tokenExpiration: 7 * 24 * 60 * 60,
        },
        fields: [],
      },
    ],
    db: databaseAdapter(databaseUri),
    editor: lexicalEditor(),
    graphQL: { disable: true },
    onInit,
    plugins: [entraidePlugin(entraide), ...plugins],
    secret: secret ?? resolveSecret(),
    telemetry: false,
    typescript: { outputFile: path.resolve(rootDir, 'payload-types.ts') },
  })
