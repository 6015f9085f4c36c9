import type { GraphQLError, GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql'
import type { Config } from 'payload'

import { EntraideError } from '../errors.ts'

/** The `graphql` module Payload hands to `graphQL.mutations`: the one its schema is built with. */
export type GraphQLModule = Parameters<NonNullable<NonNullable<Config['graphQL']>['mutations']>>[0]

/** A GraphQL resolve function, with arguments read as unknown values until they are checked. */
export type Resolver = GraphQLFieldResolver<unknown, unknown, Record<string, unknown>>

/**
 * The error a GraphQL client and the logs get for an Entraide error.
 *
 * Payload turns each error of an operation into `{ message, extensions: {
 * name, data, statusCode } }`, reading `status`, `data` and `name` from the
 * error the resolver threw, so the client sees what REST sends: the status,
 * `data.code` and the details (`field`, `findings`, `retryAfterSeconds`…).
 * It picks the log level by the name of the error it is given, which for a
 * resolver's error is `GraphQLError` (logged as a server error, message
 * included) unless the error is a located `GraphQLError` already. So the
 * Entraide error travels as the original error of a located `GraphQLError`
 * bearing its name: it is logged at the level `loggingLevels` gives that name,
 * as on REST, and a personal-data refusal (which quotes the identifiers to
 * their author) never reaches the logs.
 */
export const toGraphQLError = (
  GraphQL: GraphQLModule,
  error: EntraideError,
  info: GraphQLResolveInfo,
): GraphQLError => {
  const located = new GraphQL.GraphQLError(error.message, {
    nodes: info.fieldNodes,
    originalError: error,
    path: GraphQL.responsePathAsArray(info.path),
  })
  located.name = error.name
  return located
}

/**
 * `resolve`, with its Entraide errors turned into what `toGraphQLError` makes;
 * any other error goes on unchanged (Payload hides server errors' messages).
 */
export const withEntraideErrors =
  (GraphQL: GraphQLModule, resolve: Resolver): Resolver =>
  async (source, args, context, info) => {
    try {
      return await resolve(source, args, context, info)
    } catch (error) {
      throw error instanceof EntraideError ? toGraphQLError(GraphQL, error, info) : error
    }
  }
