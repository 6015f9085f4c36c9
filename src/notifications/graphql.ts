import type { GraphQLFieldConfig, GraphQLFieldConfigMap } from 'graphql'
import type { Config, PayloadRequest } from 'payload'

import { requireContributor } from '../actions/actor.ts'
import { InvalidInputError } from '../errors.ts'
import { withEntraideErrors, type GraphQLModule, type Resolver } from '../graphql/errors.ts'
import { isRecord } from '../utilities/ids.ts'
import { notificationStrings } from '../translations/notifications.ts'
import { followedItem, readChange } from './endpoints.ts'
import { follow, isFollowing, unfollow } from './follows.ts'
import {
  channelField,
  followableCollections,
  isFollowableCollection,
  notificationChannels,
  notificationKinds,
  type FollowableCollection,
} from './kinds.ts'
import { preferencesOf, savePreferences, type Preferences } from './preferences.ts'

type Field = GraphQLFieldConfig<unknown, unknown, Record<string, unknown>>

/** The names notifications take in the schema: mutations, then queries. */
const mutationNames = ['follow', 'unfollow', 'updateNotificationPreferences'] as const
const queryNames = ['isFollowing', 'myNotificationPreferences'] as const

const isPayloadRequest = (value: unknown): value is PayloadRequest => isRecord(value) && isRecord(value.payload)

const requestOf = (context: unknown): PayloadRequest => {
  if (isRecord(context) && isPayloadRequest(context.req)) return context.req
  throw new Error('Entraide: a GraphQL resolver ran without Payload’s request in its context.')
}

type Types = ReturnType<typeof buildTypes>

/** The types are made once per `graphql` module: the queries and the mutations share them. */
const typesByModule = new WeakMap<GraphQLModule, Types>()

const buildTypes = (GraphQL: GraphQLModule) => {
  const { GraphQLBoolean, GraphQLEnumType, GraphQLID, GraphQLInputObjectType, GraphQLNonNull, GraphQLObjectType } = GraphQL
  const valuesOf = (values: readonly string[]) =>
    // Enum names cannot hold a dash: `in-app` is `in_app`, as in Payload's own enums.
    Object.fromEntries(values.map((value) => [value.replaceAll('-', '_'), { value }]))
  const channel = new GraphQLEnumType({
    description: 'How a person receives one kind of notification: by email and in the app, in the app only, or not at all.',
    name: 'EntraideNotificationChannel',
    values: valuesOf(notificationChannels),
  })
  const language = new GraphQLEnumType({
    description: 'The language of a person’s notification emails.',
    name: 'EntraideNotificationLanguage',
    values: valuesOf(['fr', 'en']),
  })
  const collection = new GraphQLEnumType({
    description: 'What people can follow.',
    name: 'EntraideFollowableCollection',
    values: valuesOf(followableCollections),
  })
  const kindDescription = (kind: (typeof notificationKinds)[number]): string =>
    `\`${kind}\`: ${notificationStrings.en.kindNames[kind]}.`
  const channels = new GraphQLObjectType({
    description: 'Per kind of notification, how it is received.',
    fields: Object.fromEntries(
      notificationKinds.map((kind) => [channelField(kind), { description: kindDescription(kind), type: new GraphQLNonNull(channel) }]),
    ),
    name: 'EntraideNotificationChannels',
  })
  const channelsInput = new GraphQLInputObjectType({
    description: 'The kinds to change, each with its new channel; the kinds left out stay as they are.',
    fields: Object.fromEntries(notificationKinds.map((kind) => [channelField(kind), { description: kindDescription(kind), type: channel }])),
    name: 'EntraideNotificationChannelsInput',
  })
  const preferences = new GraphQLObjectType({
    description: 'The caller’s notification settings, every default filled.',
    fields: {
      channels: { type: new GraphQLNonNull(channels) },
      language: { type: new GraphQLNonNull(language) },
    },
    name: 'EntraideNotificationPreferences',
  })
  const followState = new GraphQLObjectType({
    description: 'Whether the caller follows a thread, guide or procedure.',
    fields: {
      collection: { type: new GraphQLNonNull(collection) },
      id: { type: new GraphQLNonNull(GraphQLID) },
      isFollowing: { type: new GraphQLNonNull(GraphQLBoolean) },
    },
    name: 'EntraideFollow',
  })
  const target = {
    collection: { description: 'What kind of item.', type: new GraphQLNonNull(collection) },
    id: { description: 'The item.', type: new GraphQLNonNull(GraphQLID) },
  }
  return { channelsInput, followState, language, preferences, target }
}

const typesOf = (GraphQL: GraphQLModule): Types => {
  const known = typesByModule.get(GraphQL)
  if (known) return known
  const made = buildTypes(GraphQL)
  typesByModule.set(GraphQL, made)
  return made
}

/** Preferences in the schema's shape: channels by field name (`answerPosted`). */
const presented = (preferences: Preferences) => ({
  channels: Object.fromEntries(notificationKinds.map((kind) => [channelField(kind), preferences.channels[kind]])),
  language: preferences.language,
})

const collectionArg = (args: Record<string, unknown>): FollowableCollection => {
  const collection = args.collection
  if (!isFollowableCollection(collection)) throw new InvalidInputError('Unknown collection.', 'collection')
  return collection
}

const field = (GraphQL: GraphQLModule, description: string, type: Field['type'], args: Field['args'], run: (args: Record<string, unknown>, req: PayloadRequest) => Promise<unknown>): Field => {
  const resolve: Resolver = (_source, args, context) => run(args, requestOf(context))
  return { args, description, resolve: withEntraideErrors(GraphQL, resolve), type }
}

/**
 * The mutations of follows and preferences: the same functions, checks and
 * errors as their REST endpoints (signed in, with a confirmed email; one's
 * own follows and settings only; 404 for an item the caller cannot see).
 */
const mutationFields = (GraphQL: GraphQLModule): GraphQLFieldConfigMap<unknown, unknown> => {
  const { GraphQLNonNull } = GraphQL
  const types = typesOf(GraphQL)
  const followMutation = (isFollow: boolean): Field =>
    field(
      GraphQL,
      isFollow
        ? 'The caller follows a thread, guide or procedure (nothing changes when they already do): they hear of its official answers and changes. `POST /api/{collection}/:id/follow`.'
        : 'The caller stops following a thread, guide or procedure (nothing changes when they did not). `POST /api/{collection}/:id/unfollow`.',
      new GraphQLNonNull(types.followState),
      types.target,
      async (args, req) => {
        const actor = requireContributor(req)
        const collection = collectionArg(args)
        const id = await followedItem(req, collection, args.id)
        await (isFollow ? follow : unfollow)({ collection, id, req, user: actor.id })
        return { collection, id, isFollowing: isFollow }
      },
    )
  return {
    follow: followMutation(true),
    unfollow: followMutation(false),
    updateNotificationPreferences: field(
      GraphQL,
      'Changes the caller’s language of emails and, per kind, how it is received; what is left out stays. Returns the settings that now apply. `POST /api/notification-preferences/me`.',
      new GraphQLNonNull(types.preferences),
      {
        channels: { type: types.channelsInput },
        language: { type: types.language },
      },
      async (args, req) => {
        const actor = requireContributor(req)
        const given = isRecord(args.channels) ? args.channels : null
        const channels = given
          ? Object.fromEntries(notificationKinds.flatMap((kind) => (given[channelField(kind)] == null ? [] : [[kind, given[channelField(kind)]]])))
          : undefined
        const change = readChange({ channels, language: args.language ?? undefined })
        return presented(await savePreferences({ change, req, user: actor.id }))
      },
    ),
  }
}

const queryFields = (GraphQL: GraphQLModule): GraphQLFieldConfigMap<unknown, unknown> => {
  const { GraphQLBoolean, GraphQLNonNull } = GraphQL
  const types = typesOf(GraphQL)
  return {
    isFollowing: field(
      GraphQL,
      'Whether the caller follows a thread, guide or procedure. `GET /api/{collection}/:id/follow`.',
      new GraphQLNonNull(GraphQLBoolean),
      types.target,
      async (args, req) => {
        const actor = requireContributor(req)
        const collection = collectionArg(args)
        const id = await followedItem(req, collection, args.id)
        return isFollowing({ collection, id, req, user: actor.id })
      },
    ),
    myNotificationPreferences: field(
      GraphQL,
      'The caller’s language of emails and, per kind, how it is received, defaults filled. `GET /api/notification-preferences/me`.',
      new GraphQLNonNull(types.preferences),
      {},
      async (_args, req) => {
        const actor = requireContributor(req)
        const preferences = (await preferencesOf(req, [actor.id])).get(String(actor.id))
        if (!preferences) throw new Error('Entraide notifications: no preferences were resolved for the caller.')
        return presented(preferences)
      },
    ),
  }
}

const refuseClash = (host: Record<string, unknown>, names: readonly string[], what: string): void => {
  const clash = names.find((name) => name in host)
  if (clash) {
    throw new Error(`Entraide: the host's GraphQL ${what} already have a "${clash}", which Entraide adds. Rename the host's ${what === 'queries' ? 'query' : 'mutation'}.`)
  }
}

/**
 * The config's `graphQL` with the follow and preference queries and
 * mutations added to those already there (the host's and Entraide's others).
 * A host query or mutation of the same name stops the schema build with an
 * error naming it.
 */
export const withNotificationGraphQL = (graphQL: Config['graphQL']): NonNullable<Config['graphQL']> => ({
  ...graphQL,
  mutations: (GraphQL, info) => {
    const before = graphQL?.mutations?.(GraphQL, info) ?? {}
    refuseClash(before, mutationNames, 'mutations')
    return { ...before, ...mutationFields(GraphQL) }
  },
  queries: (GraphQL, info) => {
    const before = graphQL?.queries?.(GraphQL, info) ?? {}
    refuseClash(before, queryNames, 'queries')
    return { ...before, ...queryFields(GraphQL) }
  },
})
