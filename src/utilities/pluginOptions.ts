import type { CollectionSlug, Payload } from 'payload'

import type { ResolvedOptions } from '../options.ts'
import { isRecord } from './ids.ts'

const brand = Symbol.for('entraide.options')

/** Marks resolved options so they can be found again in `config.custom`. */
export const brandOptions = (options: ResolvedOptions): ResolvedOptions & { [brand]: true } => ({
  ...options,
  [brand]: true,
})

const isBrandedOptions = (value: unknown): value is ResolvedOptions => isRecord(value) && brand in value

/** The plugin's resolved options, stored in `config.custom.entraide` by the plugin. */
export const optionsOf = (payload: Payload): ResolvedOptions => {
  const value: unknown = payload.config.custom?.entraide
  if (!isBrandedOptions(value)) {
    throw new Error('Entraide: the plugin options are missing from the config; is entraidePlugin() in config.plugins?')
  }
  return value
}

/** The slug of the users collection, checked against the collections Payload knows. */
export const usersCollectionOf = (payload: Payload): CollectionSlug => {
  const slug = optionsOf(payload).usersCollection
  const known = Object.keys(payload.collections).find((candidate): candidate is CollectionSlug => candidate === slug)
  if (!known) throw new Error(`Entraide: the users collection "${slug}" is not registered.`)
  return known
}
