import type { RateLimitCategory, RateLimitScope } from './limits.ts'

/** Languages messages are written in. */
export type RateLimitLocale = 'fr' | 'en'

const what: Readonly<Record<RateLimitCategory, { fr: string; en: string }>> = {
  contributions: { fr: 'Vous avez publié beaucoup de messages en peu de temps', en: 'You have posted a lot in a short time' },
  votes: { fr: 'Vous avez voté beaucoup en peu de temps', en: 'You have voted a lot in a short time' },
  reports: { fr: 'Vous avez fait beaucoup de signalements en peu de temps', en: 'You have sent many reports in a short time' },
  signUp: { fr: 'Trop de comptes ont été créés depuis votre connexion', en: 'Too many accounts have been created from your connection' },
  signIn: { fr: 'Trop de tentatives de connexion', en: 'Too many sign-in attempts' },
  search: { fr: 'Trop de recherches en peu de temps', en: 'Too many searches in a short time' },
  stats: { fr: 'Trop de demandes de chiffres en peu de temps', en: 'Too many requests for the figures in a short time' },
}

/**
 * What was limited when the budget shared by every visitor whose address is
 * unknown ran out: the site, not this person, had many requests, so the
 * message says so rather than blaming them.
 */
const whatSiteWide: Readonly<Record<RateLimitCategory, { fr: string; en: string }>> = {
  contributions: { fr: 'Le site reçoit beaucoup de messages en ce moment', en: 'The site is receiving a lot of posts right now' },
  votes: { fr: 'Le site reçoit beaucoup de votes en ce moment', en: 'The site is receiving a lot of votes right now' },
  reports: { fr: 'Le site reçoit beaucoup de signalements en ce moment', en: 'The site is receiving a lot of reports right now' },
  signUp: { fr: 'Beaucoup de comptes ont été créés sur le site en peu de temps', en: 'Many accounts have been created on the site in a short time' },
  signIn: { fr: 'Le site reçoit beaucoup de tentatives de connexion en ce moment', en: 'The site is receiving a lot of sign-in attempts right now' },
  search: { fr: 'Le site reçoit beaucoup de recherches en ce moment', en: 'The site is receiving a lot of searches right now' },
  stats: { fr: 'Le site reçoit beaucoup de demandes de chiffres en ce moment', en: 'The site is receiving a lot of requests for the figures right now' },
}

function duration(seconds: number, locale: RateLimitLocale): string {
  const [count, unit] =
    seconds < 60
      ? [Math.max(1, seconds), locale === 'fr' ? 'seconde' : 'second']
      : seconds < 3600
        ? [Math.ceil(seconds / 60), 'minute']
        : [Math.ceil(seconds / 3600), locale === 'fr' ? 'heure' : 'hour']
  return `${count}${locale === 'fr' ? '\u00a0' : ' '}${unit}${count > 1 ? 's' : ''}`
}

/**
 * The message sent with a 429: what was limited and when to try again
 * (« Trop de tentatives de connexion. Réessayez dans 5 minutes. »).
 */
export function describeRateLimit({
  category,
  retryAfterSeconds,
  locale,
  scope,
}: {
  category: RateLimitCategory
  retryAfterSeconds: number
  locale: RateLimitLocale
  /** The limit that refused: `unknownAddresses` (the budget shared by all visitors) gets its own words. */
  scope?: RateLimitScope
}): string {
  const wait = duration(retryAfterSeconds, locale)
  const words = (scope === 'unknownAddresses' ? whatSiteWide : what)[category]
  return locale === 'fr' ? `${words.fr}. Réessayez dans ${wait}.` : `${words.en}. Please try again in ${wait}.`
}
