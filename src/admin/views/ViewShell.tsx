import { DefaultTemplate, MinimalTemplate } from '@payloadcms/next/templates'
import { Gutter, SetStepNav } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import type { ReactNode } from 'react'

/**
 * The frame of Entraide's admin views: Payload's default template (navigation,
 * header) around a titled page. Custom views are reachable without admin
 * access, so anonymous visitors get a sign-in invitation instead.
 */
export const ViewShell = ({
  children,
  description,
  props,
  title,
}: {
  props: AdminViewServerProps
  title: string
  description?: string
  children: ReactNode
}) => {
  const { initPageResult, params, searchParams } = props
  const { locale, permissions, req, visibleEntities } = initPageResult
  const adminRoute = req.payload.config.routes.admin
  if (!req.user) {
    return (
      <MinimalTemplate>
        <h1>{title}</h1>
        <p className="entraide-not-allowed" role="alert">
          Sign in to see this page. <a href={`${adminRoute}/login`}>Sign in</a>
        </p>
      </MinimalTemplate>
    )
  }
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      req={req}
      searchParams={searchParams}
      user={req.user}
      visibleEntities={visibleEntities}
    >
      <SetStepNav nav={[{ label: title }]} />
      <Gutter className="entraide-view">
        <header className="entraide-view__header">
          <h1>{title}</h1>
          {description ? <p className="entraide-view__description">{description}</p> : null}
        </header>
        {children}
      </Gutter>
    </DefaultTemplate>
  )
}

/** The message of a view the signed-in person's role does not open. */
export const NotAllowed = ({ who }: { who: string }) => (
  <div className="entraide-not-allowed" role="alert">
    <p>
      <strong>Not allowed.</strong> This page is for {who}. If you think you should have access, ask an administrator
      to check your role.
    </p>
  </div>
)
