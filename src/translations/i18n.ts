import { t as translate, type GenericTranslationsObject, type StripCountVariants } from '@payloadcms/translations'
import type { Config } from 'payload'
import { deepMergeSimple } from 'payload/shared'

import { en } from './en.ts'
import { fr, type EntraideStrings } from './fr.ts'

/** What the admin components say, by key, in one language (the `entraide` namespace). */
export type EntraideAdminStrings = EntraideStrings['admin']

/** A key of Entraide's translations as it is given to `t`: `entraide:validate` (plural forms without their suffix). */
export type EntraideTranslationKey = `entraide:${StripCountVariants<keyof EntraideAdminStrings>}`

/**
 * Entraide's translations in Payload's format, under the `entraide`
 * namespace, for `config.i18n.translations`. A host translates Entraide into
 * another language by giving the same keys under that language
 * (`translations: { de: { entraide: { … } } }`).
 */
export const entraideTranslations: { en: { entraide: EntraideAdminStrings }; fr: { entraide: EntraideAdminStrings } } = {
  en: { entraide: en.admin },
  fr: { entraide: fr.admin },
}

/** A key of the labels, descriptions and options of Entraide's config. */
export type LabelKey = keyof EntraideStrings['labels']

/** A label of Entraide's config in the languages Entraide speaks, as a record Payload picks from by the admin user's language. */
export const label = (key: LabelKey): { en: string; fr: string } => ({
  en: en.labels[key],
  fr: fr.labels[key],
})

/** Translates Entraide's keys, filling in `{{name}}` values and choosing the plural form by `count`. */
export type EntraideT = (key: EntraideTranslationKey, vars?: Record<string, unknown>) => string

/**
 * `t` for Entraide's keys from the i18n object Payload gives server components
 * and requests (`req.i18n`, the `i18n` prop): the admin user's language, with
 * the host's own wording where it overrides Entraide's.
 */
export const entraideT =
  (i18n: { translations: GenericTranslationsObject }): EntraideT =>
  (key, vars) =>
    translate<GenericTranslationsObject, EntraideTranslationKey>({ key, translations: i18n.translations, vars })

/**
 * The language of the admin panel for people whose own language the site does
 * not support: the host's fallback language, chosen as Payload does.
 */
export const siteLanguage = (i18n: Config['i18n']): string => {
  const supported = Object.keys(i18n?.supportedLanguages ?? { en: true })
  const wanted = i18n?.fallbackLanguage ?? 'en'
  return supported.includes(wanted) ? wanted : (supported[0] ?? 'en')
}

/**
 * The host's i18n config with Entraide's translations merged in. The host's
 * languages, fallback and translations are all kept, and its own wording of
 * an Entraide key wins; a language the host supports and Entraide does not
 * speak gets Entraide's English until the host translates it.
 */
export const withEntraideTranslations = (i18n: Config['i18n']): NonNullable<Config['i18n']> => {
  const ours: Record<string, { entraide: EntraideAdminStrings }> = { ...entraideTranslations }
  for (const language of Object.keys(i18n?.supportedLanguages ?? {})) {
    ours[language] ??= { entraide: en.admin }
  }
  return { ...i18n, translations: deepMergeSimple(ours, i18n?.translations ?? {}) }
}
