import type { CollectionConfig } from 'payload'

import { componentPaths } from '../src/admin/componentPaths'
import { provenancePanelField } from '../src/admin/fields'
import { slugValidator } from '../src/fields/validators'
import { forceDraftUnless } from '../src/hooks/forceDraftUnless'
import { slugFromTitle } from '../src/hooks/slugFromTitle'
import { existingRelationship } from '../src/fields/existingRelationship'
import type { ResolvedOptions } from '../src/options'
import { moderators, readWikiPages, reviewers, systemField } from '../src/policies/access'
import { canPublishWiki, canReviewContributions } from '../src/policies/contributions'
import { actorOf } from '../src/policies/roles'

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
    hidden: ({ user }) => !canReviewContributions(actorOf(user)),
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
    beforeOperation: [forceDraftUnless((req) => canPublishWiki(actorOf(req.user)))],
    beforeValidate: [slugFromTitle()],
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
