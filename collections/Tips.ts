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
} from '../src/fields/contribution'
import { moderationPanelField, validationPanelField } from '../src/admin/fields'
import { clearValidationOnEdit } from '../src/hooks/clearValidationOnEdit'
import { contributionHooks } from '../src/hooks/contributionHooks'
import type { ResolvedOptions } from '../src/options'
import { contributionAccess } from '../src/policies/access'
import { ownContributionsFilter } from '../src/policies/listFilters'

/** Short practical tips on a procedure, optionally on one of its steps. */
export const tipsCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'tips',
  labels: { singular: 'Tip', plural: 'Tips' },
  admin: {
    group: 'Community',
    useAsTitle: 'body',
    defaultColumns: ['body', 'procedure', 'step', 'validatedAt', 'visibility', 'author', 'score'],
    baseFilter: ownContributionsFilter,
  },
  access: contributionAccess,
  hooks: {
    ...contributionHooks(options, { plainFields: ['body'], then: [clearValidationOnEdit()] }),
  },
  fields: [
    validationPanelField(),
    moderationPanelField(),
    {
      name: 'body',
      type: 'textarea',
      required: true,
      minLength: 10,
      maxLength: 1000,
      admin: { description: 'Plain text, 10 to 1000 characters.' },
    },
    procedureField(),
    stepField('Index of the procedure step this tip is about (optional, from 0).'),
    authorField(options.usersCollection),
    visibilityField(),
    moderationNoteField(),
    ...validationFields(options.usersCollection),
    promotedToField(),
    scoreField(),
  ],
})
