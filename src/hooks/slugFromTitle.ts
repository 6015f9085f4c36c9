import type { CollectionBeforeValidateHook } from 'payload'

/** Lower-case ASCII words joined by dashes, at most `maxLength` characters. */
export const slugify = (text: string, maxLength = 80): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '')

/** Fills an empty `slug` from the `title`, so editors rarely have to type one. */
export const slugFromTitle =
  (): CollectionBeforeValidateHook =>
  ({ data }) => {
    if (!data || (typeof data.slug === 'string' && data.slug.length > 0)) return data
    if (typeof data.title !== 'string') return data
    const slug = slugify(data.title)
    return slug ? { ...data, slug } : data
  }
