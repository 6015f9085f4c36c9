import type { ServerProps } from 'payload'

import { notificationsSlug } from '../collections/Notifications.ts'
import { canManageAccounts } from '../policies/contributions.ts'
import { actorOf } from '../policies/roles.ts'
import { entraideT } from '../translations/i18n.ts'
import type { ID } from '../utilities/ids.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'

/**
 * The admin list of someone's unread notifications: Payload's own list view,
 * filtered as its filter builder writes filters, so the filter shows there and
 * can be removed. Only for those who also read others' notifications (admins,
 * for failed emails) is the recipient named: everyone else reads only their
 * own, and could not see their own account in the filter's choices.
 */
export const unreadListPath = (adminRoute: string, recipient: ID | null): string => {
  const conditions: Array<[field: string, value: string]> = [
    ...(recipient === null ? [] : [['recipient', String(recipient)] satisfies [string, string]]),
    ['isRead', 'false'],
  ]
  const params = new URLSearchParams(
    conditions.map(([field, value], index) => [`where[or][0][and][${index}][${field}][equals]`, value]),
  )
  return `${adminRoute}/collections/${notificationsSlug}?${params.toString()}`
}

/**
 * The bell in the admin header: how many of the signed-in person's
 * notifications are unread, in its accessible name, linking to the list of
 * them. Counted on the server each time a page of the admin renders.
 */
export const NotificationBell = async ({ i18n, payload, user }: ServerProps) => {
  const options = optionsOf(payload)
  const actor = actorOf(user, options.users.layout)
  if (!actor || !options.notifications.isEnabled) return null
  const t = entraideT(i18n)
  const { totalDocs: unread } = await payload.count({
    collection: notificationsSlug,
    overrideAccess: true,
    where: { and: [{ recipient: { equals: actor.id } }, { isRead: { equals: false } }] },
  })
  const label = unread === 0 ? t('entraide:bellNoneUnread') : t('entraide:bellUnread', { count: unread })
  return (
    <a
      aria-label={label}
      className={unread > 0 ? 'entraide-bell entraide-bell--unread' : 'entraide-bell'}
      href={unreadListPath(payload.config.routes.admin, canManageAccounts(actor) ? actor.id : null)}
      id="entraide-notification-bell"
      title={label}
    >
      <svg aria-hidden="true" focusable="false" height="20" viewBox="0 0 24 24" width="20">
        <path
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          fill="currentColor"
        />
      </svg>
      {unread > 0 && <span className="entraide-bell__count">{unread}</span>}
    </a>
  )
}
