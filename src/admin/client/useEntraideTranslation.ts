'use client'

import { useTranslation } from '@payloadcms/ui'

import type { EntraideAdminStrings, EntraideTranslationKey } from '../../translations/i18n.ts'

/**
 * Payload's translation hook, typed with Entraide's keys: `t('entraide:validate')`
 * in the admin user's language, and `i18n.language` for dates and numbers.
 */
export const useEntraideTranslation = () =>
  useTranslation<{ entraide: EntraideAdminStrings }, EntraideTranslationKey>()
