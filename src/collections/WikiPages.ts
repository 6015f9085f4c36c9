import type { CollectionConfig } from 'payload'

import { componentPaths } from '../admin/componentPaths.ts'
import { provenancePanelField } from '../admin/fields.ts'
import { reverificationFields } from '../fields/reverification.ts'
import { slugValidator } from '../fields/validators.ts'
import { forceDraftUnless } from '../hooks/forceDraftUnless.ts'
import { carryReverification } from '../hooks/carryReverification.ts'
import { guardPersonalData } from '../hooks/guardPersonalData.ts'
import { slugFromTitle } from '../hooks/slugFromTitle.ts'
import { existingRelationship } from '../fields/existingRelationship.ts'
import type { ResolvedOptions } from '../options.ts'
import { createWikiPages, editWikiPages, moderators, readWikiPages, reviewers, systemField } from '../policies/access.ts'
import { requireWikiPageScope } from '../hooks/requireWikiPageScope.ts'
import { agencyScopeOf, canPublishWiki, canReviewContributions } from '../policies/contributions.ts'
import { actorFromRequest, actorOf } from '../policies/roles.ts'
import { label } from '../translations/i18n.ts'

/**
 * The official knowledge base. Agents promote validated answers and tips into
 * drafts; editors curate and publish. `sources` keeps the provenance of every
 * promoted piece and `contributors` credits its authors.
 */
export const wikiPagesCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'wiki-pages',
  labels: { singular: label('wikiPage'), plural: label('wikiPages') },
  admin: {
    group: label('groupKnowledgeBase'),
    useAsTitle: 'title',
    defaultColumns: ['title', 'procedure', '_status', 'updatedAt'],
    hidden: ({ user }) => !canReviewContributions(actorOf(user, options.users.layout)),
    components: { edit: { PublishButton: componentPaths.wikiPublishButton } },
  },
  // Drafts are validated too: a citizen's edit is always saved as a draft, and a reference that
  // does not exist must be a 400 naming the field, not a database constraint error.
  versions: { drafts: { validate: true }, maxPerDoc: 100 },
  access: {
    read: readWikiPages,
    create: createWikiPages,
    update: editWikiPages,
    delete: moderators,
    readVersions: reviewers,
  },
  hooks: {
    beforeOperation: [forceDraftUnless((req) => canPublishWiki(actorFromRequest(req)))],
    beforeValidate: [slugFromTitle()],
    beforeChange: [
      requireWikiPageScope(),
      guardPersonalData({ apart: ['slug'], plain: ['title'], rich: ['body'] }),
      carryReverification('wiki-pages'),
    ],
  },
  fields: [
    { name: 'title', type: 'text', label: label('fieldTitle'), required: true, maxLength: 200 },
    {
      name: 'slug',
      type: 'text',
      label: label('fieldSlug'),
      required: true,
      unique: true,
      index: true,
      maxLength: 120,
      validate: slugValidator,
      admin: { position: 'sidebar', description: label('fieldWikiSlugDescription') },
    },
    {
      name: 'procedure',
      type: 'relationship',
      relationTo: 'procedures',
      label: label('fieldProcedure'),
      index: true,
      validate: existingRelationship('procedures', 'entraide:noSuchProcedure'),
      // An agent is offered the procedures of their agency, the only ones whose pages they may write.
      filterOptions: ({ req }) => {
        const scope = agencyScopeOf(actorFromRequest(req))
        return scope.kind === 'agency' ? { agency: { equals: scope.agency } } : true
      },
    },
    { name: 'body', type: 'richText', label: label('fieldBody') },
    provenancePanelField(),
    {
      name: 'sources',
      type: 'array',
      access: systemField,
      label: label('fieldSources'),
      labels: { singular: label('source'), plural: label('fieldSources') },
      admin: {
        readOnly: true,
        description: label('fieldSourcesDescription'),
      },
      fields: [
        {
          name: 'kind',
          type: 'select',
          label: label('fieldSourceKind'),
          required: true,
          options: [
            { label: label('answer'), value: 'answer' },
            { label: label('tip'), value: 'tip' },
          ],
        },
        { name: 'answer', type: 'relationship', label: label('fieldAnswer'), relationTo: 'answers' },
        { name: 'tip', type: 'relationship', label: label('fieldTip'), relationTo: 'tips' },
        {
          name: 'contributor',
          type: 'relationship',
          label: label('fieldContributor'),
          relationTo: options.usersCollection,
        },
        {
          name: 'validatedBy',
          type: 'relationship',
          label: label('fieldValidatedBy'),
          relationTo: options.usersCollection,
        },
        { name: 'validatedAt', type: 'date', label: label('fieldValidatedAt') },
      ],
    },
    {
      name: 'contributors',
      type: 'relationship',
      label: label('fieldContributors'),
      relationTo: options.usersCollection,
      hasMany: true,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, description: label('fieldContributorsDescription') },
    },
    ...reverificationFields(options.usersCollection),
  ],
})
