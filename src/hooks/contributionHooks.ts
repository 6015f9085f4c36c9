import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import {
  keepPublishedContributionsOnChange,
  keepPublishedContributionsOnDelete,
} from '../data/publishedContributions.ts'
import type { ResolvedOptions } from '../options.ts'
import { applyPreModeration } from './applyPreModeration.ts'
import { guardPersonalData, reportMaskedPersonalData } from './guardPersonalData.ts'
import { rateLimitContributions } from './rateLimitContributions.ts'
import { refuseSuspended } from './refuseSuspended.ts'
import { setAuthor } from './setAuthor.ts'

/**
 * The hooks every community contribution (question, answer, tip) runs, in
 * order: suspended accounts and floods are stopped before anything else;
 * personal data is refused or masked before the text is stored; the author
 * comes from the request; newcomers' items wait for moderation; the
 * authors' figures of published contributions follow each change. `then` adds
 * the collection's own rules after those.
 */
export const contributionHooks = (
  options: ResolvedOptions,
  { plainFields, then = [] }: { plainFields: string[]; then?: CollectionBeforeChangeHook[] },
): NonNullable<CollectionConfig['hooks']> => ({
  afterChange: [reportMaskedPersonalData(), keepPublishedContributionsOnChange()],
  afterDelete: [keepPublishedContributionsOnDelete()],
  beforeChange: [guardPersonalData({ plain: plainFields }), setAuthor(), applyPreModeration(options), ...then],
  beforeOperation: [refuseSuspended(), rateLimitContributions()],
})
