import { decoders } from '../../src/data/documents.ts'
import type { TestApp } from './payload.ts'

/** An agency with one procedure, as most tests need. */
export const createProcedure = async (app: TestApp, { slug = 'passeport' }: { slug?: string } = {}) => {
  const agency = decoders.agencies(
    await app.payload.create({
      collection: 'agencies',
      data: { name: `Agence ${slug}`, slug: `agence-${slug}` },
    }),
  )
  const raw = await app.payload.create({
    collection: 'procedures',
    data: {
      agency: agency.id,
      slug,
      steps: [{ title: 'Faire la pré-demande en ligne' }, { title: 'Prendre rendez-vous en mairie' }],
      summary: 'Renouveler un passeport.',
      title: `Procédure ${slug}`,
    },
  })
  return { agency, procedure: decoders.procedures(raw) }
}

/** Reads the JSON body of a response. */
export const json = async (response: Response): Promise<Record<string, any>> => response.json()

/** The first error message of a Payload error response. */
export const errorOf = async (response: Response): Promise<{ message: string; code?: string; field?: string }> => {
  const body = await json(response)
  const first = body.errors?.[0] ?? {}
  return { code: first.data?.code, field: first.data?.field, message: String(first.message ?? '') }
}
