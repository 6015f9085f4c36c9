import { PublishButton } from '@payloadcms/ui'
import type { PublishButtonServerProps } from 'payload'

import { canPublishWiki } from '../policies/contributions.ts'
import { actorOf } from '../policies/roles.ts'
import { entraideT } from '../translations/i18n.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'

/**
 * The wiki page's publish button: Payload's own for editors and admins. Agents
 * save drafts only (the server would turn their publish into a draft), so they
 * are told who publishes instead of being offered a button that would not.
 */
export const WikiPublishButton = ({ i18n, payload, user }: PublishButtonServerProps) =>
  canPublishWiki(actorOf(user, optionsOf(payload).users.layout)) ? (
    <PublishButton />
  ) : (
    <p className="entraide-hint entraide-publish-hint">{entraideT(i18n)('entraide:editorPublishesWiki')}</p>
  )
