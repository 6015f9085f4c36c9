import { PublishButton } from '@payloadcms/ui'
import type { PublishButtonServerProps } from 'payload'

import { canPublishWiki } from '../policies/contributions.ts'
import { actorOf } from '../policies/roles.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'

/**
 * The wiki page's publish button: Payload's own for editors and admins. Agents
 * save drafts only (the server would turn their publish into a draft), so they
 * are told who publishes instead of being offered a button that would not.
 */
export const WikiPublishButton = ({ payload, user }: PublishButtonServerProps) =>
  canPublishWiki(actorOf(user, optionsOf(payload).users.layout)) ? (
    <PublishButton />
  ) : (
    <p className="entraide-hint entraide-publish-hint">An editor reviews and publishes this page.</p>
  )
