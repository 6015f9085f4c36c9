import config from '@payload-config'
import { decodeDocument, type AgencyDoc, type ProcedureDoc } from 'entraide'
import { getPayload } from 'payload'

/** A procedure as the demo site lists it. */
export type ProcedureSummary = Pick<ProcedureDoc, 'id' | 'slug' | 'title' | 'summary'>

/** Procedures of one agency, for the catalogue page. */
export type AgencyGroup = { agency: Pick<AgencyDoc, 'id' | 'name' | 'slug'>; procedures: ProcedureSummary[] }

const summaryOf = (procedure: ProcedureDoc): ProcedureSummary => ({
  id: procedure.id,
  slug: procedure.slug,
  summary: procedure.summary,
  title: procedure.title,
})

const allAgencies = async (): Promise<Map<string, AgencyDoc>> => {
  const payload = await getPayload({ config })
  const { docs } = await payload.find({ collection: 'agencies', depth: 0, limit: 0, pagination: false })
  const agencies = docs.map((doc) => decodeDocument('agencies', doc))
  return new Map(agencies.map((agency) => [String(agency.id), agency]))
}

/** Every procedure, grouped by agency, agencies and procedures in alphabetical order. */
export const proceduresByAgency = async (): Promise<AgencyGroup[]> => {
  const payload = await getPayload({ config })
  const [{ docs }, agencies] = await Promise.all([
    payload.find({ collection: 'procedures', depth: 0, limit: 500, pagination: false, sort: 'title' }),
    allAgencies(),
  ])
  const groups = new Map<string, AgencyGroup>()
  for (const procedure of docs.map((doc) => decodeDocument('procedures', doc))) {
    const agency = procedure.agency === null ? undefined : agencies.get(String(procedure.agency))
    const key = agency ? String(agency.id) : ''
    const group = groups.get(key) ?? {
      agency: { id: agency?.id ?? '', name: agency?.name ?? 'Autres démarches', slug: agency?.slug ?? '' },
      procedures: [],
    }
    group.procedures.push(summaryOf(procedure))
    groups.set(key, group)
  }
  return [...groups.values()].sort((a, b) => a.agency.name.localeCompare(b.agency.name, 'fr'))
}

/** The id a relationship holds, whether it arrives as a bare id or populated. */
const relationKey = (value: unknown): string | null => {
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (typeof value === 'object' && value !== null && 'id' in value) return relationKey(value.id)
  return null
}

/**
 * The procedures people ask most about, for the home page: by number of
 * published questions, then by title; procedures nobody asked about yet come
 * last, so the list is full on a young site too.
 */
export const mostAskedProcedures = async (count: number): Promise<(ProcedureSummary & { questions: number })[]> => {
  const payload = await getPayload({ config })
  const [procedures, threads] = await Promise.all([
    payload.find({ collection: 'procedures', depth: 0, limit: 500, pagination: false, sort: 'title' }),
    payload.find({
      collection: 'threads',
      depth: 0,
      limit: 0,
      pagination: false,
      select: { procedure: true },
      where: { visibility: { equals: 'published' } },
    }),
  ])
  const questions = new Map<string, number>()
  for (const thread of threads.docs) {
    const key = relationKey(thread.procedure)
    if (key !== null) questions.set(key, (questions.get(key) ?? 0) + 1)
  }
  return procedures.docs
    .map((doc) => {
      const procedure = summaryOf(decodeDocument('procedures', doc))
      return { ...procedure, questions: questions.get(String(procedure.id)) ?? 0 }
    })
    .sort((a, b) => b.questions - a.questions || a.title.localeCompare(b.title, 'fr'))
    .slice(0, count)
}

/** One procedure with its agency, or null when the slug is unknown. */
export const procedureBySlug = async (
  slug: string,
): Promise<{ procedure: ProcedureDoc; agency: AgencyDoc | null } | null> => {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return null
  const payload = await getPayload({ config })
  const { docs } = await payload.find({
    collection: 'procedures',
    depth: 0,
    limit: 1,
    where: { slug: { equals: slug } },
  })
  const [raw] = docs
  if (raw === undefined) return null
  const procedure = decodeDocument('procedures', raw)
  const agency =
    procedure.agency === null
      ? null
      : await payload.findByID({ collection: 'agencies', depth: 0, disableErrors: true, id: procedure.agency })
  return { agency: agency ? decodeDocument('agencies', agency) : null, procedure }
}
