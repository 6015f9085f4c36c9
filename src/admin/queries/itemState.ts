import type { PayloadRequest } from 'payload'

import { agencyOfProcedure, findVisible } from '../../actions/load.ts'
import { procedureScope } from '../../data/procedureScope.ts'
import {
  canModerate,
  canPromote,
  canPublishPending,
  canReviewContributions,
  canValidate,
  canVerifyGuide,
} from '../../policies/contributions.ts'
import { actorFromRequest, hasRoleAtLeast } from '../../policies/roles.ts'
import { idOf, type ID } from '../../utilities/ids.ts'
import { entraideT } from '../../translations/i18n.ts'
import { displayNames, nameIn } from './people.ts'
import { findDocByID, findDocs } from '../../data/local.ts'

/** Whether the signed-in person may validate and promote an item. */
export type ValidationAccess =
  /** Citizens: they see the state, no buttons. */
  | 'none'
  /** An agent of another agency than the procedure's: buttons shown disabled, with why. */
  | 'other-agency'
  | 'allowed'

/** What the validation panel of an answer or a tip shows. */
export type ValidationState = {
  collection: 'answers' | 'tips'
  id: ID
  visibility: 'pending' | 'published' | 'hidden'
  /** Answers only: the asker accepted it. */
  isAccepted: boolean | null
  validatedBy: string | null
  validatedAt: string | null
  note: string | null
  promotedTo: { id: ID; title: string; status: 'draft' | 'published' } | null
  /** The title a new wiki page gets by default: the question, for answers. */
  suggestedTitle: string
  access: ValidationAccess
  /**
   * The procedures whose wiki pages the person may promote into
   * (`canPromoteInto`): null for all, a list for an agent (pages attached to
   * no procedure are editors' only). The page picker offers those only.
   */
  promotionScope: string[] | null
}

/**
 * The validation state of an answer or a tip as the signed-in person may see
 * it, with names resolved; null when the item is not visible to them.
 */
export const loadValidationState = async ({
  collection,
  id,
  req,
}: {
  req: PayloadRequest
  collection: 'answers' | 'tips'
  id: ID
}): Promise<ValidationState | null> => {
  const item = await findVisible({ collection, id, req })
  if (!item) return null
  const actor = actorFromRequest(req)
  const threadId = 'thread' in item ? idOf(item.thread) : null
  const promotedId = idOf(item.promotedTo)
  const [names, thread, page, agency] = await Promise.all([
    displayNames({ ids: [item.validatedBy], req }),
    threadId === null
      ? Promise.resolve(null)
      : findDocByID({
          collection: 'threads',
          id: threadId,
          overrideAccess: true,
          req,
        }),
    promotedId === null || !canReviewContributions(actor)
      ? Promise.resolve(null)
      : findDocByID({
          collection: 'wiki-pages',
          draft: true,
          id: promotedId,
          req,
        }),
    agencyOfProcedure({ procedure: item.procedure, req }),
  ])
  const access: ValidationAccess = !hasRoleAtLeast(actor, 'agent')
    ? 'none'
    : canValidate(actor, agency) && canPromote(actor, agency)
      ? 'allowed'
      : 'other-agency'
  const promotionScope = access === 'allowed' ? await procedureScope({ actor, req }) : []
  return {
    access,
    collection,
    id: item.id,
    isAccepted: 'isAccepted' in item ? item.isAccepted === true : null,
    promotionScope: promotionScope === null ? null : promotionScope.map(String),
    note: 'validationNote' in item ? (item.validationNote ?? null) : null,
    promotedTo:
      promotedId === null
        ? null
        : {
            id: promotedId,
            status: page?._status === 'published' ? 'published' : 'draft',
            title: page?.title ?? entraideT(req.i18n)('entraide:untitledWikiPage'),
          },
    suggestedTitle: thread?.title ?? item.body.slice(0, 80),
    validatedAt: item.validatedAt ?? null,
    validatedBy: nameIn(names, item.validatedBy),
    visibility: item.visibility,
  }
}

/** What the moderation panel of a question, an answer or a tip shows. */
export type ModerationState = {
  collection: 'threads' | 'answers' | 'tips'
  id: ID
  visibility: 'pending' | 'published' | 'hidden'
  moderationNote: string | null
  /** Threads only. */
  threadStatus: 'open' | 'answered' | 'resolved' | 'closed' | null
  /** Publishing a pending item: agents of the procedure's agency, editors, admins. */
  canPublish: boolean
  /** Hiding, restoring, locking: editors and admins. */
  canModerate: boolean
}

/**
 * The moderation state of a contribution and what the signed-in person may
 * do to it; null when they are no reviewer or cannot see the item.
 */
export const loadModerationState = async ({
  collection,
  id,
  req,
}: {
  req: PayloadRequest
  collection: 'threads' | 'answers' | 'tips'
  id: ID
}): Promise<ModerationState | null> => {
  const actor = actorFromRequest(req)
  if (!canReviewContributions(actor)) return null
  const item = await findVisible({ collection, id, req })
  if (!item) return null
  const agency = await agencyOfProcedure({ procedure: item.procedure, req })
  return {
    canModerate: canModerate(actor),
    canPublish: canPublishPending(actor, agency),
    collection,
    id: item.id,
    moderationNote: item.moderationNote ?? null,
    threadStatus: 'status' in item ? item.status : null,
    visibility: item.visibility,
  }
}

/** What the verification panel of a guide shows. */
export type GuideVerificationState = {
  id: ID
  isPublished: boolean
  verifiedBy: string | null
  verifiedAt: string | null
  needsReview: boolean
  /** Agents of the procedure's agency, editors and admins verify; null for citizens (no panel). */
  canVerify: boolean
}

/**
 * The verification of a guide's published version and whether the signed-in
 * person may verify it; null for citizens, who verify nothing.
 */
export const loadGuideVerificationState = async ({
  id,
  req,
}: {
  req: PayloadRequest
  id: ID
}): Promise<GuideVerificationState | null> => {
  const actor = actorFromRequest(req)
  if (!canReviewContributions(actor)) return null
  const { docs } = await findDocs({
    collection: 'guides',
    limit: 1,
    overrideAccess: false,
    pagination: false,
    req,
    where: { id: { equals: id } },
  })
  const guide = docs[0]
  if (!guide) return null
  const [names, agency] = await Promise.all([
    displayNames({ ids: [guide.verifiedBy], req }),
    agencyOfProcedure({ procedure: guide.procedure, req }),
  ])
  return {
    canVerify: canVerifyGuide(actor, agency),
    id: guide.id,
    isPublished: guide._status === 'published',
    needsReview: guide.needsReview === true,
    verifiedAt: guide.verifiedAt ?? null,
    verifiedBy: nameIn(names, guide.verifiedBy),
  }
}
