import type { Endpoint } from 'payload'

import { parseSuggestionFind, recordSuggestionFind } from '../actions/recordSuggestionFind.ts'
import { enforceRateLimit } from '../rateLimit/enforce.ts'
import { endpoint, readJsonObject } from './http.ts'

/**
 * `POST /api/entraide/suggestions/found` `{ "document": "threads-<id>", "title": string }`:
 * someone typing a question chose one of the suggested questions or official
 * pages (201, `{ "target" }`). Anyone may send it, within the `search` rate
 * limit; the public figures count these as questions avoided.
 */
export const suggestionFoundEndpoint = (): Endpoint =>
  endpoint('post', '/entraide/suggestions/found', async (req) => {
    await enforceRateLimit({ category: 'search', req })
    const input = parseSuggestionFind(await readJsonObject(req))
    const { target } = await recordSuggestionFind({ input, req })
    return Response.json({ target }, { headers: { 'Cache-Control': 'no-store' }, status: 201 })
  })
