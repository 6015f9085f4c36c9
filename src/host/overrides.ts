import type { CollectionConfig } from 'payload'

import type { CollectionOverrides } from '../options.ts'

type Hooks = NonNullable<CollectionConfig['hooks']>

/** Entraide's hooks first, then the host's, for every kind either has. */
const mergedHooks = (own: Hooks | undefined, added: Hooks | undefined): Hooks => {
  const merged: Record<string, unknown[]> = {}
  for (const hooks of [own ?? {}, added ?? {}]) {
    for (const [kind, list] of Object.entries(hooks)) {
      if (Array.isArray(list)) merged[kind] = [...(merged[kind] ?? []), ...list]
    }
  }
  return merged
}

/** One of Entraide's collections with the host's override applied (see `EntraideOptions.overrides`). */
export const applyOverride = (collection: CollectionConfig, overrides: CollectionOverrides): CollectionConfig => {
  const slug = collection.slug
  const override = Object.entries(overrides).find(([key]) => key === slug)?.[1]
  if (override === undefined) return collection
  const { access, admin, fields, hooks, ...rest } = override
  return {
    ...collection,
    ...rest,
    access: { ...collection.access, ...access },
    admin: { ...collection.admin, ...admin },
    fields: fields ? fields({ defaultFields: collection.fields }) : collection.fields,
    hooks: mergedHooks(collection.hooks, hooks),
    slug,
  }
}

/** A collection reduced to its schema and access: no hooks, no endpoints (the `disabled` option). */
export const withoutBehaviour = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  endpoints: [],
  hooks: {},
})
