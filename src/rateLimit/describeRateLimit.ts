import type { RateLimitCategory } from './limits.ts'

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
}: {
  category: RateLimitCategory
  retryAfterSeconds: number
  locale: RateLimitLocale
}): string {
  const wait = duration(retryAfterSeconds, locale)
  return locale === 'fr'
    ? `${what[category].fr}. Réessayez dans ${wait}.`
    : `${what[category].en}. Please try again in ${wait}.`
}
