import type { UIFieldServerProps } from 'payload'

import { formatDateTime } from './format.ts'
import { GuideVerificationPanel } from './GuideVerificationPanel.tsx'
import { loadGuideVerificationState } from './queries/itemState.ts'

/** Sidebar field of guides: the verification panel, for agents and above. */
export const GuideVerificationField = async ({ id, req }: UIFieldServerProps) => {
  if (id === undefined || id === null) return null
  const state = await loadGuideVerificationState({ id: String(id), req })
  return state ? (
    <GuideVerificationPanel state={state} verifiedAtLabel={formatDateTime(state.verifiedAt, req.i18n.language)} />
  ) : null
}
