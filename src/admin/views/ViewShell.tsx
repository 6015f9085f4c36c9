import { DefaultTemplate, MinimalTemplate } from '@payloadcms/next/templates'
import { Gutter, SetStepNav } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import type { ReactNode } from 'react'

import { entraideT, type EntraideT } from '../../translations/i18n.ts'

/**
 * The frame of Entraide's admin views: Payload's default template (navigation,
 * header) around a titled page, in the admin user's language. Custom views are
 * reachable without admin access, so anonymous visitors get a sign-in
 * invitation instead.
 */
export const ViewShell = ({
  children,
  description,
  props,
  title,
}: {
  props: AdminViewServerProps
  /** Already in the admin user's language. */
  title: string
  description?: string
  children: ReactNode
}) => {
  const { initPageResult, params, searchParams } = props
  const { locale, permissions, req, visibleEntities } = initPageResult
  const adminRoute = req.payload.config.routes.admin
  if (!req.user) {
    const t = entraideT(req.i18n)
    return (
      <MinimalTemplate>
        <h1>{title}</h1>
        <p className="entraide-not-allowed" role="alert">
          {t('entraide:signInToSee')} <a href={`${adminRoute}/login`}>{t('entraide:signIn')}</a>
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

/** The message of a review view to someone whose role does not open it (views for agents, editors and admins). */
export const NotAllowed = ({ t }: { t: EntraideT }) => (
  <div className="entraide-not-allowed" role="alert">
    <p>
      <strong>{t('entraide:notAllowedTitle')}</strong> {t('entraide:notAllowedReviewers')}
    </p>
  </div>
)
