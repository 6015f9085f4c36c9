import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { de } from '@payloadcms/translations/languages/de'
import { en as payloadEn } from '@payloadcms/translations/languages/en'
import { fr as payloadFr } from '@payloadcms/translations/languages/fr'
import type { CollectionConfig, Config, Field } from 'payload'
import { describe, expect, it } from 'vitest'

import { entraidePlugin } from '../src/index.ts'
import { en } from '../src/translations/en.ts'
import { fr } from '../src/translations/fr.ts'
import { sqliteDatabaseAdapter } from '../setup/database.ts'

const srcDir = path.resolve(import.meta.dirname, '..', 'src')

/** Every source file of the package, with its text (the translation files themselves left out). */
const sources = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.test.ts') && !file.startsWith('translations'))
  .map((file) => ({ file, text: readFileSync(path.join(srcDir, file), 'utf8') }))

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '').sort()

/** A key as code names it: plural forms share the key without their suffix. */
const baseKey = (key: string): string => key.replace(/_(one|other)$/, '')

describe('Entraide’s strings', () => {
  for (const section of ['labels', 'admin'] as const) {
    it(`exist in English and French with the same keys, none empty (${section})`, () => {
      expect(Object.keys(fr[section]).sort()).toEqual(Object.keys(en[section]).sort())
      for (const strings of [en[section], fr[section]]) {
        for (const [key, value] of Object.entries(strings)) {
          expect(value.trim(), key).not.toBe('')
          expect(value, key).toBe(value.trim())
        }
      }
    })
  }

  it('fill in the same values in both languages', () => {
    const frAdmin: Record<string, string> = fr.admin
    for (const [key, value] of Object.entries(en.admin)) {
      expect(placeholders(frAdmin[key] ?? ''), key).toEqual(placeholders(value))
    }
    for (const [key, value] of Object.entries({ ...en.labels, ...fr.labels })) {
      expect(placeholders(value), key).toEqual([])
    }
  })

  it('come in both plural forms wherever one is given', () => {
    const keys = Object.keys(en.admin)
    for (const key of keys.filter((candidate) => candidate.endsWith('_one'))) {
      expect(keys, key).toContain(`${baseKey(key)}_other`)
    }
  })

  it('cover every `entraide:` key the code uses, and the code uses every string', () => {
    const known = new Set(Object.keys(en.admin).map(baseKey))
    const used = new Set(sources.flatMap(({ text }) => [...text.matchAll(/'entraide:(\w+)'/g)].map((match) => match[1] ?? '')))
    expect(used.size).toBeGreaterThan(100)
    expect([...used].filter((key) => !known.has(key))).toEqual([])
    expect([...known].filter((key) => !used.has(key))).toEqual([])
  })

  it('label every part of the config through `label(...)` keys that exist, each of them used', () => {
    const known = new Set(Object.keys(en.labels))
    const used = new Set(sources.flatMap(({ text }) => [...text.matchAll(/(?:label\(|: )'(\w+)'/g)].map((match) => match[1] ?? '')))
    const labelCalls = sources.flatMap(({ text }) => [...text.matchAll(/label\('(\w+)'\)/g)].map((match) => match[1] ?? ''))
    expect(labelCalls.filter((key) => !known.has(key))).toEqual([])
    expect([...known].filter((key) => !used.has(key))).toEqual([])
  })
})

const hostConfig = (i18n?: Config['i18n']): Config => ({
  collections: [{ auth: true, fields: [{ name: 'name', type: 'text' }], slug: 'users' }],
  db: sqliteDatabaseAdapter('file::memory:'),
  ...(i18n ? { i18n } : {}),
  secret: 'test',
})

const isLabelRecord = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  'en' in value &&
  'fr' in value &&
  typeof value.en === 'string' &&
  typeof value.fr === 'string' &&
  value.en.trim() !== '' &&
  value.fr.trim() !== ''

/** What is shown of a field without an English and French wording, by path. */
const unlabelled = (fields: Field[], prefix: string): string[] =>
  fields.flatMap((field): string[] => {
    if (!('name' in field) || (field.admin && 'hidden' in field.admin && field.admin.hidden === true)) return []
    const where = `${prefix}.${field.name}`
    const problems: string[] = []
    if (!('label' in field) || !isLabelRecord(field.label)) problems.push(`${where} label`)
    const description: unknown = field.admin && 'description' in field.admin ? field.admin.description : undefined
    if (description !== undefined && !isLabelRecord(description)) problems.push(`${where} description`)
    if (field.type === 'select') {
      for (const option of field.options) {
        if (typeof option === 'string' || !isLabelRecord(option.label)) problems.push(`${where} option`)
      }
    }
    if (field.type === 'array') {
      if (!isLabelRecord(field.labels?.singular) || !isLabelRecord(field.labels?.plural)) problems.push(`${where} labels`)
      problems.push(...unlabelled(field.fields, where))
    }
    return problems
  })

describe('the admin panel in French and English', () => {
  it('gives every collection, group, description, field and option Entraide adds a French and an English wording', () => {
    const config = entraidePlugin()(hostConfig())
    const collections: CollectionConfig[] = config.collections ?? []
    const entraide = collections.filter((collection) => collection.slug !== 'users')
    expect(entraide.length).toBeGreaterThanOrEqual(10)
    for (const collection of entraide) {
      expect(isLabelRecord(collection.labels?.singular), collection.slug).toBe(true)
      expect(isLabelRecord(collection.labels?.plural), collection.slug).toBe(true)
      expect(isLabelRecord(collection.admin?.group), collection.slug).toBe(true)
      if (collection.admin?.description !== undefined) expect(isLabelRecord(collection.admin.description)).toBe(true)
      expect(unlabelled(collection.fields, collection.slug)).toEqual([])
    }
    const users = collections.find((collection) => collection.slug === 'users')
    const added = (users?.fields ?? []).filter((field) => 'name' in field && !['name', 'email'].includes(field.name))
    expect(added.length).toBeGreaterThanOrEqual(5)
    expect(unlabelled(added, 'users')).toEqual([])
  })

  it('merges its translations under the `entraide` namespace, keeping the host’s languages and wording', () => {
    const i18n: Config['i18n'] = {
      fallbackLanguage: 'de',
      supportedLanguages: { de, en: payloadEn, fr: payloadFr },
      translations: {
        de: { general: { welcome: 'Hallo' } },
        fr: { entraide: { validate: 'Approuver' }, general: { welcome: 'Salut' } },
      },
    }
    const snapshot = JSON.stringify(i18n)
    const result = entraidePlugin()(hostConfig(i18n)).i18n
    expect(JSON.stringify(i18n)).toBe(snapshot)
    expect(result?.fallbackLanguage).toBe('de')
    expect(result?.supportedLanguages).toEqual({ de, en: payloadEn, fr: payloadFr })
    expect(result?.translations).toMatchObject({
      // A language Entraide does not speak reads Entraide's English until the host translates it.
      de: { entraide: { validate: 'Validate' }, general: { welcome: 'Hallo' } },
      en: { entraide: { validate: 'Validate' } },
      // The host's own wording of an Entraide key wins.
      fr: { entraide: { promote: 'Reprendre', validate: 'Approuver' }, general: { welcome: 'Salut' } },
    })
  })

  it('adds its translations when switched off too, and without any i18n config of the host', () => {
    for (const config of [entraidePlugin({ disabled: true })(hostConfig()), entraidePlugin()(hostConfig())]) {
      expect(config.i18n?.supportedLanguages).toBeUndefined()
      expect(config.i18n?.translations).toMatchObject({ en: { entraide: en.admin }, fr: { entraide: fr.admin } })
    }
  })

  it('titles its views in the site’s fallback language', () => {
    const titles = (config: Config) =>
      Object.values(config.admin?.components?.views ?? {}).map((view) => view?.meta?.title)
    expect(titles(entraidePlugin()(hostConfig()))).toEqual(
      expect.arrayContaining(['Awaiting validation', 'Moderation', 'Guide edits awaiting review']),
    )
    const french = entraidePlugin()(hostConfig({ fallbackLanguage: 'fr', supportedLanguages: { en: payloadEn, fr: payloadFr } }))
    expect(titles(french)).toEqual(
      expect.arrayContaining(['Contributions à valider', 'Modération', 'Modifications de guides à relire']),
    )
  })
})
