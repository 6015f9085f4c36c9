import type { GlobalConfig, Payload, PayloadRequest } from 'payload'
import { z } from 'zod'

import { nobody } from '../policies/access.ts'
import { perPayload } from '../search/engineRegistry.ts'
import { label } from '../translations/i18n.ts'
import { isRecord } from '../utilities/ids.ts'
import type { PublicFigures } from './figures.ts'

/** The global the scheduled job writes the figures to, which every app node reads. */
export const publicFiguresSlug = 'public-figures'

/**
 * Where the last computed figures are kept: one global, written by the job
 * only and read by `GET /api/entraide/stats` only (nobody reads or writes it
 * through Payload's own routes, and it is not in the admin panel or GraphQL).
 */
export const publicFiguresGlobal = (): GlobalConfig => ({
  slug: publicFiguresSlug,
  label: label('publicFigures'),
  access: { read: nobody, readVersions: nobody, update: nobody },
  admin: { hidden: true },
  graphQL: false,
  fields: [
    { name: 'computedAt', type: 'date', label: label('fieldFiguresComputedAt'), admin: { readOnly: true } },
    { name: 'figures', type: 'json', label: label('fieldFigures'), admin: { readOnly: true } },
  ],
})

const count = z.number().int().nonnegative()
const share = z.number().min(0).max(1).nullable()
const monthFigures = z.object({
  month: z.string(),
  questions: count,
  answeredWithin48h: count,
  answeredWithin48hRate: share,
  // Figures stored before this count existed read as none.
  questionsAvoided: count.default(0),
  validations: count,
  medianHoursToValidation: z.number().nonnegative().nullable(),
  officialAnswers: count,
  guides: count.nullable(),
  guidesVerified: count.nullable(),
  guidesVerifiedRate: share,
})
const months = z.array(monthFigures)
const storedFigures = z.object({
  computedAt: z.string(),
  period: z.object({ from: z.string(), to: z.string(), timeZone: z.literal('UTC') }),
  total: z.object({ months }),
  agencies: z.array(z.object({ slug: z.string(), name: z.string(), months })),
  procedures: z.array(z.object({ slug: z.string(), title: z.string(), agency: z.string().nullable(), months })),
})

/** The last figures read, per Payload instance, kept until the job writes newer ones. */
const lastRead = perPayload<{ computedAt: string | null; figures: PublicFigures | null }>('public-figures', () => ({
  computedAt: null,
  figures: null,
}))

const computedAtOf = (value: unknown): string | null => {
  if (!isRecord(value)) return null
  const { computedAt } = value
  if (computedAt instanceof Date) return computedAt.toISOString()
  return typeof computedAt === 'string' && computedAt !== '' ? computedAt : null
}

/**
 * The figures the job last stored, or null before its first run (or when
 * what is stored cannot be read, which is logged). Reads the small
 * `computedAt` first and the figures themselves only when they changed since
 * this process last read them.
 */
export const readPublicFigures = async (payload: Payload, req?: PayloadRequest): Promise<PublicFigures | null> => {
  const stamp = await payload.findGlobal({
    depth: 0,
    overrideAccess: true,
    req,
    select: { computedAt: true },
    slug: publicFiguresSlug,
  })
  const computedAt = computedAtOf(stamp)
  if (computedAt === null) return null
  const cache = lastRead(payload)
  if (cache.computedAt === computedAt && cache.figures) return cache.figures
  const stored: unknown = await payload.findGlobal({ depth: 0, overrideAccess: true, req, slug: publicFiguresSlug })
  const parsed = storedFigures.safeParse(isRecord(stored) ? stored.figures : null)
  if (!parsed.success) {
    payload.logger.error({
      msg: `Entraide: the stored public figures cannot be read (${parsed.error.issues[0]?.message ?? 'unknown shape'}); they will be replaced at the next run of the job.`,
    })
    return null
  }
  cache.computedAt = computedAt
  cache.figures = parsed.data
  return parsed.data
}

/** Stores newly computed figures for every node to read. */
export const storePublicFigures = async (req: PayloadRequest, figures: PublicFigures): Promise<void> => {
  await req.payload.updateGlobal({
    data: { computedAt: figures.computedAt, figures },
    depth: 0,
    overrideAccess: true,
    req,
    slug: publicFiguresSlug,
  })
}
