import type { UIField } from 'payload'

import { label } from '../translations/i18n.ts'
import { componentPaths } from './componentPaths.ts'

// The panels are no list columns: they show one document's state and actions.

/** Sidebar panel of answers and tips: validation state, Validate and Promote. */
export const validationPanelField = (): UIField => ({
  name: 'entraideValidation',
  type: 'ui',
  label: label('panelValidation'),
  admin: {
    components: { Field: componentPaths.validationField },
    disableListColumn: true,
    position: 'sidebar',
  },
})

/** Sidebar panel of questions, answers and tips: publish, hide, restore, lock. */
export const moderationPanelField = (): UIField => ({
  name: 'entraideModeration',
  type: 'ui',
  label: label('panelModeration'),
  admin: {
    components: { Field: componentPaths.moderationField },
    disableListColumn: true,
    position: 'sidebar',
  },
})

/** The provenance of a wiki page, rendered with links and names. */
export const provenancePanelField = (): UIField => ({
  name: 'entraideProvenance',
  type: 'ui',
  label: label('panelProvenance'),
  admin: { components: { Field: componentPaths.provenanceField }, disableListColumn: true },
})

/** The notice telling people whose guide edits are reviewed what happens to them. */
export const guideReviewNoticeField = (): UIField => ({
  name: 'entraideReviewNotice',
  type: 'ui',
  label: label('panelReviewNotice'),
  admin: { components: { Field: componentPaths.guideReviewNotice }, disableListColumn: true },
})

/** Sidebar panel of guides: who verified the published version, and Verify. */
export const guideVerificationPanelField = (): UIField => ({
  name: 'entraideVerification',
  type: 'ui',
  label: label('panelVerification'),
  admin: {
    components: { Field: componentPaths.guideVerificationField },
    disableListColumn: true,
    position: 'sidebar',
  },
})
