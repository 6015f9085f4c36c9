import type { CollectionConfig } from 'payload'

import {
  authorField,
  moderationNoteField,
  procedureField,
  promotedToField,
  scoreField,
  stepField,
  validationFields,
  visibilityField,
} from '../fields/contribution.ts'
import { moderationPanelField, validationPanelField } from '../admin/fields.ts'
import { reverificationFields } from '../fields/reverification.ts'
import { clearValidationOnEdit } from '../hooks/clearValidationOnEdit.ts'
import { contributionHooks } from '../hooks/contributionHooks.ts'
import { refuseUnknownStep } from '../hooks/refuseUnknownStep.ts'
import type { ResolvedOptions } from '../options.ts'
import { contributionAccess } from '../policies/access.ts'
import { ownContributionsFilter } from '../policies/listFilters.ts'
import { label } from '../translations/i18n.ts'

/** Short practical tips on a procedure, optionally on one of its steps. */
export const tipsCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'tips',
  labels: { singular: label('tip'), plural: label('tips') },
  admin: {
    group: label('groupCommunity'),
    useAsTitle: 'body',
    defaultColumns: ['body', 'procedure', 'step', 'validatedAt', 'visibility', 'author', 'score'],
    baseFilter: ownContributionsFilter,
  },
  access: contributionAccess,
  hooks: {
    ...contributionHooks(options, { plainFields: ['body'], then: [clearValidationOnEdit(), refuseUnknownStep()] }),
  },
  fields: [
    validationPanelField(),
    moderationPanelField(),
    {
      name: 'body',
      type: 'textarea',
      label: label('fieldBody'),
      required: true,
      minLength: 10,
      maxLength: 1000,
      admin: { description: label('fieldTipBodyDescription') },
    },
    procedureField(),
    stepField(label('fieldTipStepDescription')),
    authorField(options.usersCollection),
    visibilityField(),
    moderationNoteField(),
    ...validationFields(options.usersCollection),
    ...reverificationFields(options.usersCollection),
    promotedToField(),
    scoreField(),
  ],
})
