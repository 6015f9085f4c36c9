import type { ID } from '../utilities/ids.ts'

/** The admin panel's time zone for dates written on the server, so every reviewer reads the same time. */
const timeZone = 'Europe/Paris'

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone })

/** "3 Mar 2025, 14:05" (Paris time), or an empty string for a missing or invalid date. */
export const formatDateTime = (iso: string | null | undefined): string => {
  if (!iso) return ''
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : dateTime.format(date)
}

/** The admin URL of a document. */
export const documentPath = (adminRoute: string, collection: string, id: ID): string =>
  `${adminRoute}/collections/${collection}/${encodeURIComponent(String(id))}`
