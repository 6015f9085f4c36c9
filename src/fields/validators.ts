/** Lower-case letters, digits and dashes: safe in URLs and search filters. */
export const slugValidator = (value: unknown): string | true =>
  typeof value === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)
    ? true
    : 'Use lower-case letters, digits and single dashes only (for example "renouveler-passeport").'

/** An http(s) URL, or nothing. */
export const optionalUrlValidator = (value: unknown): string | true => {
  if (value === null || value === undefined || value === '') return true
  if (typeof value !== 'string') return 'Enter a web address starting with https://'
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? true : 'Enter a web address starting with https://'
  } catch {
    return 'Enter a web address starting with https://'
  }
}
