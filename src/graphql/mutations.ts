import type { GraphQLFieldConfig, GraphQLFieldConfigArgumentMap, GraphQLObjectType, GraphQLOutputType } from 'graphql'
import type { Config, PayloadRequest } from 'payload'

import { acceptAnswer } from '../actions/acceptAnswer.ts'
import { castVote, isVoteValue } from '../actions/castVote.ts'
import {
  isModerationAction,
  moderateContent,
  moderationActions,
  type ModeratedCollection,
} from '../actions/moderateContent.ts'
import { promoteAnswer } from '../actions/promoteAnswer.ts'
import { promoteTip } from '../actions/promoteTip.ts'
import { publishGuideEdit } from '../actions/publishGuideEdit.ts'
import { rejectGuideEdit } from '../actions/rejectGuideEdit.ts'
import { isReportReason, reportContent } from '../actions/reportContent.ts'
import { resolveReport } from '../actions/resolveReport.ts'
import { validateAnswer } from '../actions/validateAnswer.ts'
import { validateTip } from '../actions/validateTip.ts'
import { verifyGuide } from '../actions/verifyGuide.ts'
import { reportReasons, targetCollections, type TargetCollection } from '../data/documents.ts'
import { InvalidInputError } from '../errors.ts'
import { itemId, optionalId, optionalString, requiredId } from '../endpoints/http.ts'
import { enforceRateLimitInHook } from '../rateLimit/enforce.ts'
import { isRecord } from '../utilities/ids.ts'
import { withEntraideErrors, type GraphQLModule, type Resolver } from './errors.ts'

type MutationsHook = NonNullable<NonNullable<Config['graphQL']>['mutations']>

/** What Payload passes to `graphQL.mutations` besides the `graphql` module: the schema built so far. */
type SchemaInfo = Parameters<MutationsHook>[1]

type Field = GraphQLFieldConfig<unknown, unknown, Record<string, unknown>>

const moderatedCollections = ['threads', 'answers', 'tips'] as const satisfies readonly ModeratedCollection[]

const isTargetCollection = (value: unknown): value is TargetCollection =>
  targetCollections.some((collection) => collection === value)

const isModeratedCollection = (value: unknown): value is ModeratedCollection =>
  moderatedCollections.some((collection) => collection === value)

/** How messages name an item of each collection. */
const singular = { answers: 'answer', guides: 'guide', threads: 'thread', tips: 'tip' } as const

const isPayloadRequest = (value: unknown): value is PayloadRequest => isRecord(value) && isRecord(value.payload)

/** Payload's request, which its GraphQL route puts in every resolver's context. */
const requestOf = (context: unknown): PayloadRequest => {
  if (isRecord(context) && isPayloadRequest(context.req)) return context.req
  throw new Error('Entraide: a GraphQL resolver ran without Payload’s request in its context.')
}

/** The names Entraide's mutations take in the schema, in the order they are documented. */
const entraideMutationNames = [
  'acceptAnswer',
  'validateAnswer',
  'validateTip',
  'promoteAnswer',
  'promoteTip',
  'verifyGuide',
  'publishGuideEdit',
  'rejectGuideEdit',
  'castVote',
  'reportContent',
  'moderateContent',
  'resolveReport',
] as const

type MutationName = (typeof entraideMutationNames)[number]

/**
 * Entraide's GraphQL mutations, one per domain action. Each reads its
 * arguments as the REST endpoint reads its route and body (the same checks,
 * the same 400 and 404 errors), calls the same action with the request (so
 * the same rules apply, in one transaction), and returns what the endpoint
 * returns, typed with Payload's own types of the collections (whose
 * relationships load with the caller's access). A mutation whose result type
 * is missing, because a collection has `graphQL: false`, is left out.
 */
export const entraideMutationFields = (
  GraphQL: GraphQLModule,
  info: SchemaInfo,
): Partial<Record<MutationName, Field>> => {
  const {
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLID,
    GraphQLInt,
    GraphQLNonNull,
    GraphQLObjectType: ObjectType,
    GraphQLString,
    GraphQLUnionType,
  } = GraphQL
  const typeOf = (slug: string): GraphQLObjectType | undefined => info.collections[slug]?.graphQL?.type
  const required = (type: GraphQLOutputType) => new GraphQLNonNull(type)
  const enumOf = (name: string, description: string, values: readonly string[]) =>
    new GraphQLEnumType({
      description,
      name,
      // Enum names cannot hold a dash: `personal-data` is `personal_data`, as in Payload's own enums.
      values: Object.fromEntries(values.map((value) => [value.replaceAll('-', '_'), { value }])),
    })

  const mutation = (
    description: string,
    type: GraphQLOutputType,
    args: GraphQLFieldConfigArgumentMap,
    run: (args: Record<string, unknown>, req: PayloadRequest) => Promise<unknown>,
  ): Field => {
    const resolve: Resolver = (_source, args, context) => run(args, requestOf(context))
    return { args, description, resolve: withEntraideErrors(GraphQL, resolve), type }
  }

  const idArg = (description: string) => ({ description, type: new GraphQLNonNull(GraphQLID) })
  const textArg = (description: string) => ({ description, type: GraphQLString })

  const answer = typeOf('answers')
  const guide = typeOf('guides')
  const report = typeOf('reports')
  const thread = typeOf('threads')
  const tip = typeOf('tips')
  const wikiPage = typeOf('wiki-pages')

  const targetCollection = enumOf(
    'EntraideTargetCollection',
    'Collections whose items can be voted on and reported.',
    targetCollections,
  )
  const fields: Partial<Record<MutationName, Field>> = {}

  if (thread && answer) {
    const accepted = new ObjectType({
      fields: { answer: { type: required(answer) }, thread: { type: required(thread) } },
      name: 'EntraideAcceptedAnswer',
    })
    fields.acceptAnswer = mutation(
      'The asker accepts an answer of their thread (one per thread); the thread becomes `answered`.',
      required(accepted),
      { answer: idArg('The answer to accept.'), thread: idArg('The thread, asked by the caller.') },
      (args, req) =>
        acceptAnswer({
          answerId: requiredId(req, args, 'answer', 'answer'),
          req,
          threadId: itemId(req, 'thread', args.thread),
        }),
    )
  }

  if (answer) {
    fields.validateAnswer = mutation(
      'An agent of the procedure’s agency (or an editor, an admin) validates an answer; its thread becomes `resolved`.',
      required(answer),
      { id: idArg('The answer.'), note: textArg('Shown with the validation (1000 characters at most).') },
      (args, req) =>
        validateAnswer({ answerId: itemId(req, 'answer', args.id), note: optionalString(args, 'note'), req }),
    )
  }

  if (tip) {
    fields.validateTip = mutation(
      'An agent of the procedure’s agency (or an editor, an admin) validates a published tip.',
      required(tip),
      { id: idArg('The tip.') },
      (args, req) => validateTip({ req, tipId: itemId(req, 'tip', args.id) }),
    )
  }

  if (wikiPage) {
    const promotion = new ObjectType({
      fields: {
        isCreated: {
          description:
            'True when a new draft page was made, false when a section was added to the page’s draft (or the item was there already).',
          type: required(GraphQLBoolean),
        },
        wikiPage: { description: 'The wiki page, as its draft now reads.', type: required(wikiPage) },
      },
      name: 'EntraidePromotion',
    })
    const promotionArgs = (what: string): GraphQLFieldConfigArgumentMap => ({
      id: idArg(`The validated ${what}.`),
      title: textArg('Title of a new page (the question’s title by default).'),
      wikiPage: { description: 'A wiki page to add a section to, instead of a new page.', type: GraphQLID },
    })
    if (answer) {
      fields.promoteAnswer = mutation(
        'Promotes a validated answer into the wiki: a new draft page, or a section added to `wikiPage`, with its provenance. Promoting twice changes nothing.',
        required(promotion),
        promotionArgs('answer'),
        (args, req) =>
          promoteAnswer({
            answerId: itemId(req, 'answer', args.id),
            req,
            title: optionalString(args, 'title'),
            wikiPageId: optionalId(req, args, 'wikiPage', 'wiki page'),
          }),
      )
    }
    if (tip) {
      fields.promoteTip = mutation(
        'Promotes a validated tip into the wiki, as `promoteAnswer` does an answer.',
        required(promotion),
        promotionArgs('tip'),
        (args, req) =>
          promoteTip({
            req,
            tipId: itemId(req, 'tip', args.id),
            title: optionalString(args, 'title'),
            wikiPageId: optionalId(req, args, 'wikiPage', 'wiki page'),
          }),
      )
    }
  }

  if (guide) {
    fields.verifyGuide = mutation(
      'An agent of the procedure’s agency (or an editor, an admin) marks the published guide verified.',
      required(guide),
      { id: idArg('The guide.') },
      (args, req) => verifyGuide({ guideId: itemId(req, 'guide', args.id), req }),
    )
    fields.publishGuideEdit = mutation(
      'An agent, editor or admin publishes the edit waiting for review on a guide.',
      required(guide),
      { id: idArg('The guide.') },
      (args, req) => publishGuideEdit({ guideId: itemId(req, 'guide', args.id), req }),
    )
  }
  fields.rejectGuideEdit = mutation(
    'An agent, editor or admin rejects the edit waiting for review on a guide; the published text stays.',
    required(
      new ObjectType({
        fields: { versionId: { description: 'The guide’s new latest revision.', type: required(GraphQLID) } },
        name: 'EntraideRejectedGuideEdit',
      }),
    ),
    { id: idArg('The guide.') },
    (args, req) => rejectGuideEdit({ guideId: itemId(req, 'guide', args.id), req }),
  )

  fields.castVote = mutation(
    'Sets (1, -1), changes or removes (0) the caller’s vote on a published item that is not theirs.',
    required(
      new ObjectType({
        fields: {
          score: { description: 'The item’s score after the vote.', type: required(GraphQLInt) },
          value: { description: 'The caller’s vote now.', type: required(GraphQLInt) },
        },
        name: 'EntraideVote',
      }),
    ),
    {
      collection: { type: new GraphQLNonNull(targetCollection) },
      id: idArg('The item.'),
      value: { description: '1 (up), -1 (down) or 0 (remove my vote).', type: new GraphQLNonNull(GraphQLInt) },
    },
    async (args, req) => {
      await enforceRateLimitInHook({ category: 'votes', req })
      const collection = args.collection
      if (!isTargetCollection(collection)) throw new InvalidInputError('Unknown collection.', 'collection')
      const id = itemId(req, singular[collection], args.id)
      const value = args.value
      if (!isVoteValue(value)) {
        throw new InvalidInputError('"value" must be 1 (up), -1 (down) or 0 (remove my vote).', 'value')
      }
      return castVote({ collection, id, req, value })
    },
  )

  if (report) {
    fields.reportContent = mutation(
      'Reports an item to the moderators; reporting it again returns one’s open report.',
      required(
        new ObjectType({
          fields: {
            isCreated: {
              description: 'False when the caller’s open report was returned.',
              type: required(GraphQLBoolean),
            },
            report: { type: required(report) },
          },
          name: 'EntraideFiledReport',
        }),
      ),
      {
        collection: { type: new GraphQLNonNull(targetCollection) },
        id: idArg('The item.'),
        note: textArg('What is wrong (1000 characters at most).'),
        reason: { type: new GraphQLNonNull(enumOf('EntraideReportReason', 'Why an item is reported.', reportReasons)) },
      },
      async (args, req) => {
        await enforceRateLimitInHook({ category: 'reports', req })
        const collection = args.collection
        if (!isTargetCollection(collection)) throw new InvalidInputError('Unknown collection.', 'collection')
        const id = itemId(req, singular[collection], args.id)
        const reason = args.reason
        if (!isReportReason(reason)) {
          throw new InvalidInputError(`"reason" must be one of: ${reportReasons.join(', ')}.`, 'reason')
        }
        return reportContent({ collection, id, note: optionalString(args, 'note'), reason, req })
      },
    )
    fields.resolveReport = mutation(
      'An editor or admin decides on a report: hides the item, or dismisses the report; every open report of the item is settled.',
      required(report),
      {
        decision: {
          type: new GraphQLNonNull(
            enumOf('EntraideReportDecision', 'What is decided on a report.', ['hide', 'dismiss']),
          ),
        },
        id: idArg('The report.'),
        note: textArg('Why (shown to the author when the item is hidden).'),
      },
      (args, req) => {
        const decision = args.decision
        if (decision !== 'hide' && decision !== 'dismiss') {
          throw new InvalidInputError('"decision" must be "hide" or "dismiss".', 'decision')
        }
        return resolveReport({
          decision,
          note: optionalString(args, 'note'),
          reportId: itemId(req, 'report', args.id),
          req,
        })
      },
    )
  }

  if (thread && answer && tip) {
    const members = { answers: answer, threads: thread, tips: tip }
    fields.moderateContent = mutation(
      '`publish` a pending item (agent of the procedure’s agency, editor, admin); `hide` (with a reason shown to the author), `restore`, `lock` or `unlock` a thread (editor, admin). Settles the item’s open reports.',
      required(
        new GraphQLUnionType({
          description: 'A moderated thread, answer or tip.',
          name: 'EntraideModeratedItem',
          resolveType: (value) =>
            isRecord(value) && typeof value.__typename === 'string' ? value.__typename : undefined,
          types: [thread, answer, tip],
        }),
      ),
      {
        action: {
          type: new GraphQLNonNull(enumOf('EntraideModerationAction', 'What a moderator does.', moderationActions)),
        },
        collection: {
          type: new GraphQLNonNull(
            enumOf('EntraideModeratedCollection', 'Collections whose items are moderated.', moderatedCollections),
          ),
        },
        id: idArg('The item.'),
        reason: textArg('Shown to the author (required to hide or lock; 1000 characters at most).'),
      },
      async (args, req) => {
        const collection = args.collection
        if (!isModeratedCollection(collection)) throw new InvalidInputError('Unknown collection.', 'collection')
        const action = args.action
        if (!isModerationAction(action)) {
          throw new InvalidInputError(`"action" must be one of: ${moderationActions.join(', ')}.`, 'action')
        }
        const id = itemId(req, singular[collection], args.id)
        const doc = await moderateContent({ action, collection, id, reason: optionalString(args, 'reason'), req })
        return { ...doc, __typename: members[collection].name }
      },
    )
  }

  return fields
}

/**
 * Payload's `graphQL` config with Entraide's mutations added to the host's
 * own (`graphQL.mutations`, called as before). A host mutation of the same
 * name as one of Entraide's stops the schema build with an error naming it,
 * rather than one replacing the other. Payload's generated mutations (those
 * of every collection) get `withEntraideErrors`, so the refusals of
 * Entraide's hooks reach clients and logs from them as from Entraide's own.
 */
export const withEntraideMutations = (graphQL: Config['graphQL']): NonNullable<Config['graphQL']> => ({
  ...graphQL,
  mutations: (GraphQL, info) => {
    const host = graphQL?.mutations?.(GraphQL, info) ?? {}
    const clash = entraideMutationNames.find((name) => name in host)
    if (clash) {
      throw new Error(
        `Entraide: the host's GraphQL mutations already have a "${clash}", which Entraide adds. Rename the host's mutation.`,
      )
    }
    const generated: Record<string, unknown> = info.Mutation.fields
    const wrapped = Object.fromEntries(
      Object.entries(generated).flatMap(([name, field]): [string, unknown][] => {
        if (!isRecord(field) || !isResolver(field.resolve)) return []
        return [[name, { ...field, resolve: withEntraideErrors(GraphQL, field.resolve) }]]
      }),
    )
    return { ...wrapped, ...entraideMutationFields(GraphQL, info), ...host }
  },
})

const isResolver = (value: unknown): value is Resolver => typeof value === 'function'
