import type { UIFieldServerProps } from 'payload'

import { formatDateTime } from './format.ts'
import { loadValidationState } from './queries/itemState.ts'
import { ValidationPanel } from './ValidationPanel.tsx'

/**
 * Sidebar field of answers and tips: loads the validation state on the server
 * with the signed-in person's rights and renders the validation panel. Nothing
 * is shown while the document is being created.
 */
export const ValidationField = async ({ collectionSlug, id, req }: UIFieldServerProps) => {
  if (id === undefined || id === null || (collectionSlug !== 'answers' && collectionSlug !== 'tips')) return null
  const state = await loadValidationState({ collection: collectionSlug, id: String(id), req })
  if (!state) return null
  return (
    <ValidationPanel
      adminRoute={req.payload.config.routes.admin}
      state={state}
      validatedAtLabel={formatDateTime(state.validatedAt, req.i18n.language)}
    />
  )
}
