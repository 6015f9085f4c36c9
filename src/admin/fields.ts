import type { UIField } from 'payload'

import { componentPaths } from './componentPaths.ts'

/** Sidebar panel of answers and tips: validation state, Validate and Promote. */
export const validationPanelField = (): UIField => ({
  name: 'entraideValidation',
  type: 'ui',
  admin: { components: { Field: componentPaths.validationField }, position: 'sidebar' },
})

/** Sidebar panel of questions, answers and tips: publish, hide, restore, lock. */
export const moderationPanelField = (): UIField => ({
  name: 'entraideModeration',
  type: 'ui',
  admin: { components: { Field: componentPaths.moderationField }, position: 'sidebar' },
})

/** The provenance of a wiki page, rendered with links and names. */
export const provenancePanelField = (): UIField => ({
  name: 'entraideProvenance',
  type: 'ui',
  admin: { components: { Field: componentPaths.provenanceField } },
})

/** The notice telling people whose guide edits are reviewed what happens to them. */
export const guideReviewNoticeField = (): UIField => ({
  name: 'entraideReviewNotice',
  type: 'ui',
  admin: { components: { Field: componentPaths.guideReviewNotice } },
})

/** Sidebar panel of guides: who verified the published version, and Verify. */
export const guideVerificationPanelField = (): UIField => ({
  name: 'entraideVerification',
  type: 'ui',
  admin: { components: { Field: componentPaths.guideVerificationField }, position: 'sidebar' },
})
