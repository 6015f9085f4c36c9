import type { UIFieldServerProps } from 'payload'

import { ModerationPanel } from './ModerationPanel.tsx'
import { loadModerationState } from './queries/itemState.ts'

/** Sidebar field of questions, answers and tips: the moderation panel, for agents and above. */
export const ModerationField = async ({ collectionSlug, id, req }: UIFieldServerProps) => {
  if (id === undefined || id === null) return null
  if (collectionSlug !== 'threads' && collectionSlug !== 'answers' && collectionSlug !== 'tips') return null
  const state = await loadModerationState({ collection: collectionSlug, id: String(id), req })
  return state ? <ModerationPanel state={state} /> : null
}
