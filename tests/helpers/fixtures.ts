import { decoders } from '../../src/data/documents.ts'
import { lexicalFromBlocks } from '../../src/utilities/guideText.ts'
import type { ID } from '../../src/utilities/ids.ts'
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

/**
 * A person's edit of a guide, as citizens make it: `POST /api/guides/:id/proposals`. Without `body`,
 * the proposal keeps the published text (a title-only edit). Returns the response.
 */
export const proposeGuideEdit = async (
  app: TestApp,
  {
    body,
    guide,
    headers,
    title,
    token,
  }: { guide: ID; title: string; body?: unknown; token: string | undefined; headers?: Record<string, string> },
): Promise<Response> => {
  const published = await app.payload.findByID({ collection: 'guides', depth: 0, id: guide })
  return app.api('POST', `/guides/${guide}/proposals`, {
    body: { body: body ?? published.body ?? lexicalFromBlocks([]), title },
    headers,
    token,
  })
}
