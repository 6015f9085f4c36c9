import config from '@payload-config'
import { getPayload } from 'payload'

import type { Agency, Procedure } from '../../payload-types'

/** A procedure as the demo site lists it. */
export type ProcedureSummary = Pick<Procedure, 'id' | 'slug' | 'title' | 'summary'>

/** Procedures of one agency, for the catalogue page. */
export type AgencyGroup = { agency: Pick<Agency, 'id' | 'name' | 'slug'>; procedures: ProcedureSummary[] }

const agencyOf = (procedure: Procedure): Agency | null =>
  typeof procedure.agency === 'object' ? procedure.agency : null

/** Every procedure, grouped by agency, agencies and procedures in alphabetical order. */
export const proceduresByAgency = async (): Promise<AgencyGroup[]> => {
  const payload = await getPayload({ config })
  const { docs } = await payload.find({
    collection: 'procedures',
    depth: 1,
    limit: 500,
    pagination: false,
    sort: 'title',
  })
  const groups = new Map<string, AgencyGroup>()
  for (const procedure of docs) {
    const agency = agencyOf(procedure)
    const key = agency?.id ?? ''
    const group = groups.get(key) ?? {
      agency: { id: key, name: agency?.name ?? 'Autres démarches', slug: agency?.slug ?? '' },
      procedures: [],
    }
    group.procedures.push({
      id: procedure.id,
      slug: procedure.slug,
      summary: procedure.summary,
      title: procedure.title,
    })
    groups.set(key, group)
  }
  return [...groups.values()].sort((a, b) => a.agency.name.localeCompare(b.agency.name, 'fr'))
}

/** The first procedures, for the home page. */
export const featuredProcedures = async (count: number): Promise<ProcedureSummary[]> => {
  const payload = await getPayload({ config })
  const { docs } = await payload.find({ collection: 'procedures', depth: 0, limit: count, sort: 'title' })
  return docs.map((procedure) => ({
    id: procedure.id,
    slug: procedure.slug,
    summary: procedure.summary,
    title: procedure.title,
  }))
}

/** One procedure with its agency, or null when the slug is unknown. */
export const procedureBySlug = async (
  slug: string,
): Promise<{ procedure: Procedure; agency: Agency | null } | null> => {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return null
  const payload = await getPayload({ config })
  const { docs } = await payload.find({
    collection: 'procedures',
    depth: 1,
    limit: 1,
    where: { slug: { equals: slug } },
  })
  const procedure = docs[0]
  return procedure ? { agency: agencyOf(procedure), procedure } : null
}
