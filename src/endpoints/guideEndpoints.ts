import type { Endpoint } from 'payload'

import { acceptGuideProposal } from '../actions/acceptGuideProposal.ts'
import { compareGuideProposal } from '../actions/compareGuideProposal.ts'
import { proposeGuideEdit } from '../actions/proposeGuideEdit.ts'
import { publishGuideEdit } from '../actions/publishGuideEdit.ts'
import { refuseGuideProposal } from '../actions/refuseGuideProposal.ts'
import { rejectGuideEdit } from '../actions/rejectGuideEdit.ts'
import { verifyGuide } from '../actions/verifyGuide.ts'
import { InvalidInputError } from '../errors.ts'
import { endpoint, optionalString, readJsonObject, routeId } from './http.ts'

/** `POST /api/guides/:id/verify`: an agent marks the published guide verified. */
export const verifyGuideEndpoint = (): Endpoint =>
  endpoint('post', '/:id/verify', async (req) => {
    const guideId = routeId(req, 'guide')
    await readJsonObject(req)
    return Response.json({ guide: await verifyGuide({ guideId, req }) })
  })

/** `POST /api/guides/:id/publish-edit`: a reviewer publishes the edit waiting on a guide. */
export const publishGuideEditEndpoint = (): Endpoint =>
  endpoint('post', '/:id/publish-edit', async (req) => {
    const guideId = routeId(req, 'guide')
    await readJsonObject(req)
    return Response.json({ guide: await publishGuideEdit({ guideId, req }) })
  })

/** `POST /api/guides/:id/reject-edit`: a reviewer rejects the edit waiting on a guide; the published text stays. */
export const rejectGuideEditEndpoint = (): Endpoint =>
  endpoint('post', '/:id/reject-edit', async (req) => {
    const guideId = routeId(req, 'guide')
    await readJsonObject(req)
    return Response.json(await rejectGuideEdit({ guideId, req }))
  })

/**
 * `POST /api/guides/:id/proposals` `{ "title": string, "body": Lexical }`: proposes an edit of the published
 * guide, 201 with `{ proposal, guide }`; `guide` is the published guide when the proposal was accepted at once
 * (people whose edits publish directly), null while it waits for review.
 */
export const proposeGuideEditEndpoint = (): Endpoint =>
  endpoint('post', '/:id/proposals', async (req) => {
    const guideId = routeId(req, 'guide')
    const body = await readJsonObject(req)
    const title = optionalString(body, 'title')
    if (title === undefined) throw new InvalidInputError('"title" is required.', 'title')
    return Response.json(await proposeGuideEdit({ body: body.body, guideId, req, title }), { status: 201 })
  })

/**
 * `GET /api/guide-proposals/:id/comparison`: the proposal, and its three-way comparison with the published
 * guide (`isStale`, `base`, `current`, `proposal`, `merged` with its `conflicts`); for its author and reviewers.
 */
export const compareGuideProposalEndpoint = (): Endpoint =>
  endpoint('get', '/:id/comparison', async (req) =>
    Response.json(await compareGuideProposal({ proposalId: routeId(req, 'guide proposal'), req })),
  )

/**
 * `POST /api/guide-proposals/:id/accept` `{ "merge"?: boolean }`: a reviewer publishes the proposal, and only
 * it; a stale proposal needs `merge: true` (its changes re-applied onto the published text) and answers 409
 * when they conflict.
 */
export const acceptGuideProposalEndpoint = (): Endpoint =>
  endpoint('post', '/:id/accept', async (req) => {
    const proposalId = routeId(req, 'guide proposal')
    const body = await readJsonObject(req)
    const merge = body.merge ?? false
    if (typeof merge !== 'boolean') throw new InvalidInputError('"merge" must be true or false.', 'merge')
    return Response.json(await acceptGuideProposal({ merge, proposalId, req }))
  })

/** `POST /api/guide-proposals/:id/refuse` `{ "note": string }`: a reviewer refuses the proposal; its author reads the note. */
export const refuseGuideProposalEndpoint = (): Endpoint =>
  endpoint('post', '/:id/refuse', async (req) => {
    const proposalId = routeId(req, 'guide proposal')
    const body = await readJsonObject(req)
    const note = optionalString(body, 'note') ?? ''
    return Response.json({ proposal: await refuseGuideProposal({ note, proposalId, req }) })
  })
