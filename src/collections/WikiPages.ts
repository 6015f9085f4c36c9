import type { CollectionConfig } from 'payload'

import { componentPaths } from '../admin/componentPaths.ts'
import { provenancePanelField } from '../admin/fields.ts'
import { slugValidator } from '../fields/validators.ts'
import { forceDraftUnless } from '../hooks/forceDraftUnless.ts'
import { guardPersonalData } from '../hooks/guardPersonalData.ts'
import { slugFromTitle } from '../hooks/slugFromTitle.ts'
import { existingRelationship } from '../fields/existingRelationship.ts'
import type { ResolvedOptions } from '../options.ts'
import { moderators, readWikiPages, reviewers, systemField } from '../policies/access.ts'
import { canPublishWiki, canReviewContributions } from '../policies/contributions.ts'
import { actorFromRequest, actorOf } from '../policies/roles.ts'

/**
 * The official knowledge base. Agents promote validated answers and tips into
 * drafts; editors curate and publish. `sources` keeps the provenance of every
 * promoted piece and `contributors` credits its authors.
 */
export const wikiPagesCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'wiki-pages',
  labels: { singular: 'Wiki page', plural: 'Wiki pages' },
  admin: {
    group: 'Knowledge base',
    useAsTitle: 'title',
    defaultColumns: ['title', 'procedure', '_status', 'updatedAt'],
    hidden: ({ user }) => !canReviewContributions(actorOf(user, options.users.layout)),
    components: { edit: { PublishButton: componentPaths.wikiPublishButton } },
  },
  versions: { drafts: true, maxPerDoc: 100 },
  access: {
    read: readWikiPages,
    create: reviewers,
    update: reviewers,
    delete: moderators,
    readVersions: reviewers,
  },
  hooks: {
    beforeOperation: [forceDraftUnless((req) => canPublishWiki(actorFromRequest(req)))],
    beforeValidate: [slugFromTitle()],
    beforeChange: [guardPersonalData({ apart: ['slug'], plain: ['title'], rich: ['body'] })],
  },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 120,
      validate: slugValidator,
      admin: { position: 'sidebar', description: 'Made from the title when left empty.' },
    },
    {
      name: 'procedure',
      type: 'relationship',
      relationTo: 'procedures',
      index: true,
      validate: existingRelationship('procedures', 'procedure'),
    },
    { name: 'body', type: 'richText' },
    provenancePanelField(),
    {
      name: 'sources',
      type: 'array',
      access: systemField,
      labels: { singular: 'Source', plural: 'Sources' },
      admin: {
        readOnly: true,
        description: 'Where this page comes from: the validated answers and tips promoted into it.',
      },
      fields: [
        {
          name: 'kind',
          type: 'select',
          required: true,
          options: [
            { label: 'Answer', value: 'answer' },
            { label: 'Tip', value: 'tip' },
          ],
        },
        { name: 'answer', type: 'relationship', relationTo: 'answers' },
        { name: 'tip', type: 'relationship', relationTo: 'tips' },
        { name: 'contributor', type: 'relationship', relationTo: options.usersCollection },
        { name: 'validatedBy', type: 'relationship', relationTo: options.usersCollection },
        { name: 'validatedAt', type: 'date' },
      ],
    },
    {
      name: 'contributors',
      type: 'relationship',
      relationTo: options.usersCollection,
      hasMany: true,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, description: 'People credited for this page.' },
    },
  ],
})
