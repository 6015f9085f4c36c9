import type { CollectionConfig, Config, Endpoint } from 'payload'

import { agenciesCollection } from './collections/Agencies.ts'
import { answersCollection } from './collections/Answers.ts'
import { guidesCollection } from './collections/Guides.ts'
import { helpfulnessCollection } from './collections/Helpfulness.ts'
import { guideProposalsCollection } from './collections/GuideProposals.ts'
import { proceduresCollection } from './collections/Procedures.ts'
import { reportsCollection } from './collections/Reports.ts'
import { searchQueriesCollection } from './collections/SearchQueries.ts'
import { suggestionFindsCollection } from './collections/SuggestionFinds.ts'
import { threadsCollection } from './collections/Threads.ts'
import { tipsCollection } from './collections/Tips.ts'
import { votesCollection } from './collections/Votes.ts'
import { wikiPagesCollection } from './collections/WikiPages.ts'
import { notificationEmailGroupsCollection, notificationsCollection } from './collections/Notifications.ts'
import { notificationPreferencesCollection, subscriptionsCollection } from './collections/Subscriptions.ts'
import { withNotifications } from './notifications/plugin.ts'
import { withEntraideAdmin } from './admin/adminConfig.ts'
import { collectionEndpoints } from './endpoints/collectionEndpoints.ts'
import { guardedRoutes, noVersionRoutes, type SignUpAnswer } from './endpoints/requestGuard.ts'
import { uniformSignUp } from './hooks/uniformAccountAnswers.ts'
import { withProcedurePageCache } from './endpoints/procedurePageCache.ts'
import { stopAccountEmailsOnDestroy, withAccountEmailJobs } from './host/accountEmails.ts'
import { withEntraideMutations } from './graphql/mutations.ts'
import { meEndpoint, procedurePageEndpoint } from './endpoints/procedurePage.ts'
import { refuseMalformedInput } from './hooks/refuseMalformedInput.ts'
import { capListLimit, dropSystemFields } from './hooks/closeSystemInput.ts'
import { guardVersionRoutes } from './hooks/guardVersionRoutes.ts'
import { staffLocksOnly } from './hooks/staffLocksOnly.ts'
import { closeLockCollection } from './host/payloadCollections.ts'
import { restoreErrorDetails } from './hooks/restoreErrorDetails.ts'
import { withSearch } from './search/plugin.ts'
import { withSqliteTurns } from './database/sqliteTurns.ts'
import { withReverificationJobs } from './jobs/reverification.ts'
import { withListeningDashboardJobs } from './jobs/listeningDashboard.ts'
import { withPublicFiguresJobs } from './jobs/publicFigures.ts'
import { statsEndpoint } from './endpoints/statsEndpoint.ts'
import { dashboardEndpoint, writeAnswerEndpoint } from './endpoints/dashboardEndpoints.ts'
import { publicFiguresGlobal } from './stats/store.ts'
import { listeningDashboardGlobal } from './data/dashboardStore.ts'
import { countUncountedAccounts } from './data/publishedContributions.ts'
import { withMissingReferences } from './fields/existingRelationship.ts'
import { reverifyQueueEndpoint } from './endpoints/reverifyEndpoints.ts'
import { brandOptions } from './utilities/pluginOptions.ts'
import { resolveOptions, type EntraideOptions, type ResolvedOptions } from './options.ts'
import { guardHostCollection, guardHostEndpoint, guardHostGlobal } from './host/communityAccess.ts'
import { confirmAccountsFromBefore, verificationColumns } from './host/emailVerification.ts'
import { extendUsers } from './host/usersCollection.ts'
import { applyOverride, withoutBehaviour } from './host/overrides.ts'
import { withEntraideTranslations } from './translations/i18n.ts'

/** The collections Entraide adds, in admin-panel order. */
const entraideCollections = (options: ResolvedOptions): CollectionConfig[] => [
  proceduresCollection(options),
  guidesCollection(options),
  guideProposalsCollection(options),
  wikiPagesCollection(options),
  threadsCollection(options),
  answersCollection(options),
  tipsCollection(options),
  votesCollection(options),
  reportsCollection(options),
  agenciesCollection(options),
  searchQueriesCollection(options),
  helpfulnessCollection(options),
  notificationsCollection(options),
  subscriptionsCollection(options),
  notificationPreferencesCollection(options),
  // Last: added after the others, so that the migrations' added columns come where a fresh schema puts them.
  suggestionFindsCollection(options),
  notificationEmailGroupsCollection(options),
]

/**
 * Adds the widget's host origins to Payload's CORS list (with credentials)
 * and to its CSRF list, so cookies sent from those origins are accepted. An
 * empty CSRF list means Payload enforces none, so it is only extended when the
 * host has one (or a serverURL, which Payload adds to it): filling an empty
 * list would start rejecting every other origin, the app's own included.
 */
const withAllowedOrigins = (incoming: Config, origins: string[]): Pick<Config, 'cors' | 'csrf'> => {
  if (origins.length === 0) return { cors: incoming.cors, csrf: incoming.csrf }
  const union = (list: string[]): string[] => [...new Set([...list, ...origins])]
  const cors = incoming.cors
  const mergedCors: Config['cors'] =
    cors === undefined
      ? [...origins]
      : cors === '*'
        ? cors
        : Array.isArray(cors)
          ? union(cors)
          : { ...cors, origins: cors.origins === '*' ? '*' : union(cors.origins) }
  const hasCsrfList = (incoming.csrf ?? []).length > 0 || Boolean(incoming.serverURL)
  return { cors: mergedCors, csrf: hasCsrfList ? union(incoming.csrf ?? []) : incoming.csrf }
}

/**
 * How Payload logs Entraide errors thrown from hooks, by error name (Payload
 * looks levels up by `error.name`; its type lists only its own names). They
 * are the caller's mistakes, logged like Payload's own validation errors; a
 * personal-data refusal quotes the beginning of the identifiers to their
 * author and must never reach the logs.
 */
const entraideLoggingLevels: Record<string, false | 'info'> = {
  ConflictError: 'info',
  CrossSiteRequestError: 'info',
  DocumentLockedError: 'info',
  ForbiddenActionError: 'info',
  InvalidInputError: 'info',
  NotFoundError: 'info',
  NotSignedInError: 'info',
  PayloadTooLargeError: 'info',
  PersonalDataError: false,
  RateLimitedError: 'info',
  SuspendedAccountError: 'info',
  UnsupportedMediaTypeError: 'info',
}

/**
 * A collection Entraide serves refuses malformed input with a 400 before
 * Payload works on it, and never takes the system fields from a client.
 * Entraide's own collections also close Payload's generic routes: lists
 * capped, versions restored by editors only, and document locks binding
 * only when staff hold them.
 */
const withInputChecks = (collection: CollectionConfig, { isOwn }: { isOwn: boolean }): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    beforeOperation: [
      refuseMalformedInput(),
      dropSystemFields(),
      ...(isOwn ? [capListLimit(), guardVersionRoutes(), staffLocksOnly()] : []),
      ...(collection.hooks?.beforeOperation ?? []),
    ],
  },
})

/**
 * A collection's endpoints with the request guards first (they stand before
 * Payload's own routes: version routes answered 404 on a collection without
 * versions, cross-site refusal and body limit) and Entraide's domain
 * endpoints after the collection's own.
 */
const withEndpoints = (
  collection: CollectionConfig,
  endpoints: Endpoint[],
  { isOwn, signUp }: { isOwn: boolean; signUp?: SignUpAnswer },
): CollectionConfig =>
  collection.endpoints === false
    ? collection
    : {
        ...collection,
        endpoints: [
          ...(collection.versions ? [] : noVersionRoutes(collection.slug)),
          ...guardedRoutes({ isAuth: Boolean(collection.auth), isOwn, signUp, slug: collection.slug }),
          ...(collection.endpoints ?? []),
          ...endpoints,
        ],
      }

/**
 * The Entraide plugin: adds the mutual-help collections, the role fields on
 * the host's auth collection, the domain endpoints and GraphQL mutations,
 * the hooks. Returns a new config; the one passed in is never changed.
 *
 * @example
 * buildConfig({ ..., plugins: [entraidePlugin({ moderation: { preModeratedContributions: 2 } })] })
 */
export const entraidePlugin =
  (pluginOptions: EntraideOptions = {}) =>
  (incoming: Config): Config => {
    const options = resolveOptions(pluginOptions)
    const hostCollections = incoming.collections ?? []
    const users = hostCollections.find((collection) => collection.slug === options.usersCollection)
    if (!users || !users.auth) {
      throw new Error(
        `Entraide: the auth collection "${options.usersCollection}" was not found. Add it with auth enabled, or set the usersCollection option.`,
      )
    }
    const added = entraideCollections(options).map((collection) => applyOverride(collection, options.overrides))
    const clash = added.find((collection) => hostCollections.some((host) => host.slug === collection.slug))
    if (clash) {
      throw new Error(`Entraide: the host config already has a collection "${clash.slug}", which Entraide needs.`)
    }
    const extendedUsers = extendUsers(users, options)
    const { layout } = options.users
    const hostPart = hostCollections.map((collection) =>
      collection === users ? extendedUsers : guardHostCollection(collection, layout),
    )
    const ownGlobals = [publicFiguresGlobal(), listeningDashboardGlobal()]
    for (const own of ownGlobals) {
      if ((incoming.globals ?? []).some((global) => global.slug === own.slug)) {
        throw new Error(`Entraide: the host config already has a global "${own.slug}", which Entraide needs.`)
      }
    }
    const globals = [...(incoming.globals ?? []).map((global) => guardHostGlobal(global, layout)), ...ownGlobals]
    if (options.disabled) {
      // The schema stays (collections and fields, so migrations do not move);
      // no endpoint, hook, job or admin view of Entraide's runs.
      return {
        ...incoming,
        db: withSqliteTurns(incoming.db),
        collections: [
          ...hostPart.map((collection) =>
            collection === extendedUsers
              ? { ...users, fields: [...extendedUsers.fields, ...verificationColumns(options)] }
              : collection,
          ),
          ...added.map(withoutBehaviour),
        ],
        custom: { ...incoming.custom, entraide: brandOptions(options) },
        globals,
        i18n: withEntraideTranslations(incoming.i18n),
      }
    }
    const endpoints = collectionEndpoints(options)
    const pageSources = [
      options.usersCollection,
      'agencies',
      'procedures',
      'guides',
      'wiki-pages',
      'tips',
      'threads',
      'answers',
    ]
    return withProcedurePageCache(
      options,
      pageSources,
    )(
      withNotifications(options)(
        withSearch()({
          ...incoming,
          ...withAllowedOrigins(incoming, options.allowedOrigins),
          db: withSqliteTurns(incoming.db),
          admin: withEntraideAdmin(incoming.admin, incoming.i18n),
          custom: { ...incoming.custom, entraide: brandOptions(options) },
          loggingLevels: { ...entraideLoggingLevels, ...incoming.loggingLevels },
          hooks: { ...incoming.hooks, afterError: [...(incoming.hooks?.afterError ?? []), restoreErrorDetails()] },
          endpoints: [
            ...(incoming.endpoints ?? []).map(guardHostEndpoint),
            procedurePageEndpoint(options),
            meEndpoint(),
            reverifyQueueEndpoint(),
            statsEndpoint(),
            dashboardEndpoint(options),
            writeAnswerEndpoint(),
          ],
          graphQL: withEntraideMutations(incoming.graphQL),
          jobs: withAccountEmailJobs(
            withListeningDashboardJobs(
              withPublicFiguresJobs(withReverificationJobs(incoming.jobs, options), options),
              options,
            ),
            options,
          ),
          onInit: async (payload) => {
            closeLockCollection(
              payload,
              added.map((collection) => collection.slug),
            )
            withMissingReferences(payload)
            await confirmAccountsFromBefore(payload, options)
            await countUncountedAccounts(payload)
            stopAccountEmailsOnDestroy(payload)
            await incoming.onInit?.(payload)
          },
          globals,
          i18n: withEntraideTranslations(incoming.i18n),
          collections: [
            ...hostPart.map((collection) =>
              collection === extendedUsers
                ? withEndpoints(withInputChecks(collection, { isOwn: false }), [], {
                    isOwn: false,
                    signUp: uniformSignUp(options),
                  })
                : collection,
            ),
            ...added.map((collection) =>
              withEndpoints(withInputChecks(collection, { isOwn: true }), endpoints[collection.slug] ?? [], {
                isOwn: true,
              }),
            ),
          ],
        }),
      ),
    )
  }
