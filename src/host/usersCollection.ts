import {
  flattenTopLevelFields,
  type Access,
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
  type CollectionBeforeOperationHook,
  type CollectionConfig,
  type Field,
} from 'payload'

import { personFields, selfOrAdmin } from '../fields/users.ts'
import { clearSignInAttempts, rateLimitAccounts } from '../hooks/rateLimitAccounts.ts'
import { removeVotesOfDeletedUser } from '../hooks/removeVotesOfDeletedUser.ts'
import { uniformAccountAnswers } from '../hooks/uniformAccountAnswers.ts'
import type { PersonFieldNames, ResolvedOptions } from '../options.ts'
import { admins, readUsers, updateUsers } from '../policies/access.ts'
import { canManageAccounts } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { isRecord } from '../utilities/ids.ts'
import { hiddenFromCommunity, isCommunityRequest } from './communityAccess.ts'
import { queueConfirmation } from './accountEmails.ts'
import { authWithVerification, confirmEmailEndpoints, confirmOnPasswordReset } from './emailVerification.ts'

/** Names of the top-level fields of a collection (inside rows, collapsibles and unnamed tabs too). */
const topLevelNames = (fields: Field[]): Set<string> =>
  new Set(
    flattenTopLevelFields(fields).flatMap((field) => ('name' in field && typeof field.name === 'string' ? [field.name] : [])),
  )

const optionFor: Record<keyof PersonFieldNames, string> = {
  agency: "users: { fields: { agency: 'entraideAgency' } }",
  displayName: "users: { displayNameFrom: '<the field>' } to use it, or users: { fields: { displayName: 'entraideName' } }",
  isCommunityAccount: "users: { fields: { isCommunityAccount: 'entraideCommunity' } }",
  isSuspended: "users: { fields: { isSuspended: 'entraideSuspended' } }",
  publishedContributions: "users: { fields: { publishedContributions: 'entraidePublishedContributions' } }",
  reputation: "users: { fields: { reputation: 'entraideReputation' } }",
  role: "users: { roleFrom: { field: '<the field>', values: { … } } } to use it, or users: { fields: { role: 'entraideRole' } }",
  suspensionReason: "users: { fields: { suspensionReason: 'entraideSuspensionReason' } }",
}

/**
 * Refuses, at config time, a layout that would break the host's auth
 * collection: a field Entraide adds under a name the host already uses, or a
 * host field the options point to that does not exist.
 */
const checkLayout = (users: CollectionConfig, options: ResolvedOptions): void => {
  const names = topLevelNames(users.fields)
  const { addedFields, layout } = options.users
  for (const key of addedFields) {
    if (names.has(layout[key])) {
      throw new Error(
        `Entraide: the "${users.slug}" collection already has a field "${layout[key]}", which Entraide would add for ${key}. ` +
          `Set the plugin option ${optionFor[key]}.`,
      )
    }
  }
  if (!addedFields.includes('displayName') && !names.has(layout.displayName)) {
    throw new Error(
      `Entraide: option users.displayNameFrom names "${layout.displayName}", but the "${users.slug}" collection has no such field.`,
    )
  }
  if (layout.roleValues !== null && !names.has(layout.role)) {
    throw new Error(
      `Entraide: option users.roleFrom.field names "${layout.role}", but the "${users.slug}" collection has no such field.`,
    )
  }
}

/**
 * Access to the auth collection. Community accounts follow Entraide's rules
 * (their own profile only); everyone else follows the host's rules where it
 * has some, and Entraide's otherwise. Public sign-up, when the option is on,
 * adds account creation for visitors who are not signed in.
 */
const usersAccess = (users: CollectionConfig, options: ResolvedOptions): CollectionConfig['access'] => {
  const host = users.access ?? {}
  const either =
    (entraide: Access, hostRule: Access | undefined): Access =>
    (args) =>
      isCommunityRequest(args.req) || hostRule === undefined ? entraide(args) : hostRule(args)
  const signUp: Access = (args) => {
    // Public sign-up goes through REST only, whose answer is the same for a new address and a known one.
    if (!args.req.user) return options.users.publicSignUp && args.req.payloadAPI !== 'GraphQL'
    if (isCommunityRequest(args.req)) return false
    return host.create ? host.create(args) : canManageAccounts(actorFromRequest(args.req))
  }
  return {
    ...host,
    admin: host.admin ?? (({ req }) => Boolean(req.user)),
    create: signUp,
    delete: either(admins, host.delete),
    read: either(readUsers, host.read),
    unlock: either(admins, host.unlock),
    update: either(updateUsers, host.update),
  }
}

/** Where a create of the auth collection records, for its beforeChange hook, whether it is a public sign-up. */
const signUpContextKey = 'entraideIsSignUp'

/**
 * Keeps community accounts (and visitors signing up) to the fields that are theirs:
 * sign-in credentials and what Entraide lets a person set (their public
 * name). Whatever else they send, the host's own fields included, is dropped
 * before Payload sees it, so defaults apply. A create that bypasses access
 * (Payload's registration of a site's first user, server code) is no sign-up.
 */
const keepCommunityInput =
  (options: ResolvedOptions, writable: ReadonlySet<string>): CollectionBeforeOperationHook =>
  ({ args, operation, overrideAccess, req }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const isSignUp = operation === 'create' && !req.user && req.payloadAPI !== 'local' && overrideAccess !== true
    if (operation === 'create') req.context[signUpContextKey] = isSignUp
    // Accounts made by admins or server code are confirmed from the start (see markCommunitySignUp): no
    // email to confirm. A sign-up's confirmation email is queued with the account (queueSignUpConfirmation),
    // never sent inside the request: Payload sends none.
    const base = operation === 'create' ? { ...args, disableVerificationEmail: true } : args
    if (!isSignUp && !isCommunityRequest(req)) return base
    const data: unknown = args.data
    if (!isRecord(data)) return base
    // The widget sends `displayName` whatever the site calls the field.
    const named = { ...data }
    if ('displayName' in named && !(options.users.layout.displayName in named)) {
      named[options.users.layout.displayName] = named.displayName
    }
    const kept = Object.fromEntries(Object.entries(named).filter(([key]) => writable.has(key)))
    return { ...base, data: kept }
  }

/**
 * An account made by public sign-up (by nobody signed in, through the API,
 * access not bypassed) is a community account, whose email address waits for
 * confirmation when verification is on. Any other account (made by an admin,
 * the seed, server code) is confirmed from the start, unless its creator says
 * `_verified: false`. Set after Payload's field access, which keeps both
 * closed to a visitor's input.
 */
const markCommunitySignUp =
  (options: ResolvedOptions): CollectionBeforeChangeHook =>
  ({ data, operation, req }) => {
    if (operation !== 'create') return
    if (req.context[signUpContextKey] === true) return { ...data, [options.users.layout.isCommunityAccount]: true }
    if (!options.users.requireEmailVerification || data._verified === false) return
    return { ...data, _verified: true }
  }

/**
 * Queues the confirmation email of an account made by public sign-up, in the
 * sign-up's transaction: it goes once the account is committed, through the
 * jobs queue (retried when the mail server fails), never inside the request.
 */
const queueSignUpConfirmation =
  (options: ResolvedOptions): CollectionAfterChangeHook =>
  async ({ doc, operation, req }) => {
    // Payload keeps the document as it was when a hook answers nothing.
    const person: unknown = doc
    if (operation !== 'create' || req.context[signUpContextKey] !== true || !options.users.requireEmailVerification) return
    if (isRecord(person)) await queueConfirmation(req, options, person.id)
  }

/** The email field with its read narrowed to the person and admins, merged into the host's own when it has one. */
const withPrivateEmail = (fields: Field[]): Field[] => {
  const hasEmail = fields.some((field) => 'name' in field && field.name === 'email')
  if (!hasEmail) return [{ name: 'email', type: 'email', access: { read: selfOrAdmin } }, ...fields]
  return fields.map((field) =>
    field.type === 'email' && field.name === 'email' ? { ...field, access: { ...field.access, read: selfOrAdmin } } : field,
  )
}

/**
 * The host's auth collection with Entraide's per-person fields, access that
 * never widens what the host grants, and the hooks of accounts (rate limits,
 * answers alike whether an account exists, votes of a deleted account). The input is not changed.
 */
export const extendUsers = (users: CollectionConfig, options: ResolvedOptions): CollectionConfig => {
  checkLayout(users, options)
  const { layout } = options.users
  const writable = new Set(['email', 'password', 'username', layout.displayName])
  return {
    ...users,
    access: usersAccess(users, options),
    auth: authWithVerification(users, options),
    endpoints:
      users.endpoints === false ? false : [...(users.endpoints ?? []), ...confirmEmailEndpoints(users.slug, options)],
    admin: {
      defaultColumns: [layout.displayName, 'email', layout.role, layout.agency, layout.reputation],
      useAsTitle: layout.displayName,
      ...users.admin,
      // Community accounts keep their own account page (/admin/account) but never list accounts.
      hidden: hiddenFromCommunity(users.admin?.hidden, layout),
    },
    fields: [...withPrivateEmail(users.fields), ...personFields(layout, options.users.addedFields)],
    hooks: {
      ...users.hooks,
      afterChange: [...(users.hooks?.afterChange ?? []), queueSignUpConfirmation(options)],
      afterLogin: [...(users.hooks?.afterLogin ?? []), clearSignInAttempts(), confirmOnPasswordReset()],
      beforeChange: [...(users.hooks?.beforeChange ?? []), markCommunitySignUp(options)],
      beforeDelete: [...(users.hooks?.beforeDelete ?? []), removeVotesOfDeletedUser()],
      beforeOperation: [
        ...(users.hooks?.beforeOperation ?? []),
        rateLimitAccounts(),
        uniformAccountAnswers(options),
        keepCommunityInput(options, writable),
      ],
    },
  }
}
