import type { ID } from '../utilities/ids.ts'

/** The admin panel's time zone for dates written on the server, so every reviewer reads the same time. */
const timeZone = 'Europe/Paris'

/** The regional form each language of the admin panel writes dates in; other languages use their own code. */
const dateLocales: Record<string, string> = { en: 'en-GB', fr: 'fr-FR' }

const formats = new Map<string, Intl.DateTimeFormat>()

const dateTimeFormat = (language: string): Intl.DateTimeFormat => {
  const cached = formats.get(language)
  if (cached) return cached
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', timeZone }
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat(dateLocales[language] ?? language, options)
  } catch {
    // A language code Intl does not know (Payload's own codes are not all BCP 47).
    format = new Intl.DateTimeFormat('en-GB', options)
  }
  formats.set(language, format)
  return format
}

/**
 * A date and time (Paris time) as the admin user's language writes it: "3 Mar 2025, 14:05",
 * "3 mars 2025, 14:05"; an empty string for a missing or invalid date.
 */
export const formatDateTime = (iso: string | null | undefined, language: string): string => {
  if (!iso) return ''
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : dateTimeFormat(language).format(date)
}

/** The admin URL of a document. */
export const documentPath = (adminRoute: string, collection: string, id: ID): string =>
  `${adminRoute}/collections/${collection}/${encodeURIComponent(String(id))}`
