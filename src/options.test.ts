import { describe, expect, it } from 'vitest'

import { resolveOptions } from './options.ts'

describe('plugin options', () => {
  it('fills every default', () => {
    const options = resolveOptions()
    expect(options.usersCollection).toBe('users')
    expect(options.moderation).toEqual({
      maxPointsFromOnePerson: 10,
      preModeratedContributions: 0,
      reportsToHide: 3,
      standing: { minAccountAgeHours: 24, minPublishedContributions: 1 },
      trustedReputation: 50,
      trustedValidatedContributions: 1,
    })
    expect(options.procedureUrl('acte-de-naissance')).toBe('/demarches/acte-de-naissance')
    expect(options.allowedOrigins).toEqual([])
    expect(options.notifications.digests).toEqual({ cron: '0 7 * * *', isEnabled: true })
  })

  it('keeps what is given and copies lists instead of sharing them', () => {
    const origins = ['https://www.service-public.example']
    const options = resolveOptions({ allowedOrigins: origins, moderation: { reportsToHide: 5 } })
    expect(options.moderation.reportsToHide).toBe(5)
    expect(options.moderation.trustedReputation).toBe(50)
    origins.push('https://evil.example')
    expect(options.allowedOrigins).toEqual(['https://www.service-public.example'])
  })

  it('names the option when a value is unusable', () => {
    expect(() => resolveOptions({ moderation: { reportsToHide: -1 } })).toThrow(/moderation\.reportsToHide/)
    expect(() => resolveOptions({ moderation: { preModeratedContributions: 1.5 } })).toThrow(
      /moderation\.preModeratedContributions/,
    )
    expect(() => resolveOptions({ notifications: { digests: { cron: 'daily' } } })).toThrow(/notifications\.digests\.cron/)
  })
})
