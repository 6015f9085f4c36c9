import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'

import { ApiError } from './client.ts'
import { useWidget } from './context.ts'
import { formatDate } from './strings.ts'
import type { Id, WidgetNotification } from './types.ts'
import { safeHref } from './richText.tsx'
import { Heading, excerpt, messageOf } from './ui.tsx'

/** How often the unread count is asked again while the page is visible. */
const unreadPollMs = 60_000

/** How many of the latest notifications the panel lists. */
const listLimit = 10

type ListState = { kind: 'idle' | 'loading' } | { kind: 'ready'; items: WidgetNotification[] } | { kind: 'failed'; error: unknown }

/**
 * The signed-in person's bell: a button naming the unread count, which opens
 * a panel of their latest notifications (a disclosure: focus moves into it,
 * Escape closes it and returns to the button). The count is asked on mount,
 * on opening, after each action and every minute while the page is visible;
 * a polite status announces each change. Rendered only for someone signed in,
 * so nobody signed out causes a request.
 */
export const NotificationBell = ({ recipient }: { recipient: Id }) => {
  const { client, headingLevel, idPrefix, lang, onSessionLost, t } = useWidget()
  const [unread, setUnread] = useState<number | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [isOpen, setOpen] = useState(false)
  const [list, setList] = useState<ListState>({ kind: 'idle' })
  const [actionError, setActionError] = useState<unknown>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const lastCountRef = useRef<number | null>(null)
  const panelId = `${idPrefix}-notifications`
  const headingId = `${idPrefix}-notifications-title`

  const onFailure = useCallback(
    (error: unknown) => {
      // An expired session shows the person signed out, which removes the bell.
      if (error instanceof ApiError && error.status === 401) onSessionLost()
    },
    [onSessionLost],
  )

  const refreshCount = useCallback(async () => {
    try {
      const count = await client.countUnread()
      // The first count is in the button's name; only changes are announced.
      if (lastCountRef.current !== null && lastCountRef.current !== count) setAnnouncement(t.notificationsLabel(count))
      lastCountRef.current = count
      setUnread(count)
    } catch (error) {
      onFailure(error)
    }
  }, [client, onFailure, t])

  const loadList = useCallback(async () => {
    setList((current) => (current.kind === 'ready' ? current : { kind: 'loading' }))
    try {
      setList({ items: await client.loadNotifications({ limit: listLimit, recipient }), kind: 'ready' })
    } catch (error) {
      setList({ error, kind: 'failed' })
      onFailure(error)
    }
  }, [client, onFailure, recipient])

  // The count on mount, then every minute while the tab is visible, and at once when it shows again.
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined
    const start = () => {
      timer ??= setInterval(() => void refreshCount(), unreadPollMs)
    }
    const stop = () => {
      clearInterval(timer)
      timer = undefined
    }
    const onVisibility = () => {
      if (document.hidden) {
        stop()
        return
      }
      void refreshCount()
      start()
    }
    void refreshCount()
    if (!document.hidden) start()
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      stop()
      document.removeEventListener('visibilitychange', onVisibility)
    }
  }, [refreshCount])

  useEffect(() => {
    if (isOpen) panelRef.current?.focus()
  }, [isOpen])

  const toggle = () => {
    setActionError(null)
    if (isOpen) {
      setOpen(false)
      return
    }
    setOpen(true)
    void refreshCount()
    void loadList()
  }

  const close = () => {
    setOpen(false)
    buttonRef.current?.focus()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !isOpen) return
    event.stopPropagation()
    close()
  }

  const act = async (action: () => Promise<void>) => {
    setActionError(null)
    try {
      await action()
    } catch (error) {
      setActionError(error)
      onFailure(error)
    }
    // The button pressed may be gone (the item is read now): focus stays in the panel.
    panelRef.current?.focus()
    await Promise.all([refreshCount(), loadList()])
  }

  const count = unread ?? 0
  const items = list.kind === 'ready' ? list.items : []

  return (
    <>
      <button
        aria-controls={panelId}
        aria-expanded={isOpen}
        aria-label={t.notificationsLabel(count)}
        className="ew-button ew-button--tertiary ew-bell"
        onClick={toggle}
        onKeyDown={onKeyDown}
        ref={buttonRef}
        type="button"
      >
        <svg aria-hidden="true" focusable="false" height="16" viewBox="0 0 24 24" width="16">
          <path
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
            fill="currentColor"
          />
        </svg>
        {/* One text with a space, so that what shows ("Notifications 3") is words of the name. */}
        <span>
          {t.notifications}
          {count > 0 && (
            <>
              {' '}
              <span className="ew-count">{count}</span>
            </>
          )}
        </span>
      </button>
      <span className="ew-sr-only" role="status">
        {announcement}
      </span>
      <div
        aria-labelledby={isOpen ? headingId : undefined}
        className="ew-panel"
        hidden={!isOpen}
        id={panelId}
        onKeyDown={onKeyDown}
        ref={panelRef}
        role={isOpen ? 'region' : undefined}
        tabIndex={-1}
      >
        {isOpen && (
          <>
            <Heading id={headingId} level={headingLevel + 1}>
              {t.notificationsTitle}
            </Heading>
            {list.kind === 'loading' && <p className="ew-meta">{t.notificationsLoading}</p>}
            {list.kind === 'failed' && <p className="ew-error">{messageOf(list.error, t)}</p>}
            {actionError !== null && (
              <p className="ew-error" role="alert">
                {messageOf(actionError, t)}
              </p>
            )}
            {list.kind === 'ready' && items.length === 0 && <p className="ew-meta">{t.notificationsEmpty}</p>}
            {items.some((item) => !item.isRead) && (
              <p className="ew-actions">
                <button
                  className="ew-button ew-button--secondary"
                  onClick={() => void act(client.markAllNotificationsRead)}
                  type="button"
                >
                  {t.notificationsMarkAllRead}
                </button>
              </p>
            )}
            {items.length > 0 && (
              <ul className="ew-list">
                {items.map((item) => {
                  const href = safeHref(item.link)?.href
                  return (
                    <li className={item.isRead ? 'ew-notification' : 'ew-notification ew-notification--unread'} key={item.id}>
                      <p className="ew-notification-title">
                        {!item.isRead && <span className="ew-badge ew-badge--pending">{t.notificationUnread}</span>}{' '}
                        {href ? <a href={href}>{item.title}</a> : <strong>{item.title}</strong>}
                      </p>
                      {item.body && <p>{item.body}</p>}
                      {item.note && <p className="ew-pre">{item.note}</p>}
                      <p className="ew-meta">
                        <time dateTime={item.createdAt}>{formatDate(item.createdAt, lang)}</time>
                      </p>
                      {!item.isRead && (
                        <button
                          className="ew-button ew-button--tertiary"
                          onClick={() => void act(() => client.markNotificationRead(item.id))}
                          type="button"
                        >
                          {t.notificationMarkRead}
                          <span className="ew-sr-only"> – {excerpt(item.body ?? item.title)}</span>
                        </button>
                      )}
                    </li>
                  )
                })}
              </ul>
            )}
          </>
        )}
      </div>
    </>
  )
}
