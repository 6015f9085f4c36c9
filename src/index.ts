// The public API of the `entraide` package: the plugin and its options, the
// domain actions for the Local API, the error family, the document types and
// their decoder, the search-engine and rate-limit-store contracts, the
// admin panel's translations.
export type {
  EntraideOptions,
  ListeningDashboardOptions,
  PersonFieldNames,
  PublicFiguresOptions,
  SearchOptions,
  UsersOptions,
} from './options.ts'
export {
  ConflictError,
  EntraideError,
  ForbiddenActionError,
  InvalidInputError,
  NotFoundError,
  NotSignedInError,
  PayloadTooLargeError,
  PersonalDataError,
  RateLimitedError,
  ServiceUnavailableError,
  SuspendedAccountError,
  type EntraideErrorCode,
} from './errors.ts'
export {
  decodeDocument,
  reportReasons,
  targetCollections,
  threadStatuses,
  visibilities,
  type AgencyDoc,
  type AnswerDoc,
  type EntraideCollection,
  type EntraideDocuments,
  type GuideDoc,
  type ID,
  type ProcedureDoc,
  type ReportDoc,
  type ReportReason,
  type TargetCollection,
  type ThreadDoc,
  type ThreadStatus,
  type TipDoc,
  type Visibility,
  type VoteDoc,
  type WikiPageDoc,
} from './data/documents.ts'
export { roles, type Role } from './policies/roles.ts'
export { acceptAnswer } from './actions/acceptAnswer.ts'
export { castVote, type VoteValue } from './actions/castVote.ts'
export { moderateContent, moderationActions, type ModerationAction } from './actions/moderateContent.ts'
export { promoteAnswer } from './actions/promoteAnswer.ts'
export { proposeGuideEdit } from './actions/proposeGuideEdit.ts'
export { promoteTip } from './actions/promoteTip.ts'
export { reportContent } from './actions/reportContent.ts'
export { resolveReport, type ReportDecision } from './actions/resolveReport.ts'
export { validateAnswer } from './actions/validateAnswer.ts'
export { validateTip } from './actions/validateTip.ts'
export { verifyGuide } from './actions/verifyGuide.ts'
export { readPublicFigures } from './stats/store.ts'
export { readDashboards } from './data/dashboardStore.ts'
export type { AgencyFigures, MonthFigures, ProcedureFigures, PublicFigures } from './stats/figures.ts'
export { reindexKnowledge, reindexSearch, type ReindexProgress, type ReindexReport } from './search/reindex.ts'
export {
  catchUpSearchFeed,
  onSearchChanges,
  saveSearchIndex,
  type SearchChange,
  type SearchChangeListener,
} from './search/feed.ts'
export type {
  KnowledgeDocument,
  KnowledgeType,
  Synonyms,
  SearchEngine,
  SearchEngineStats,
  SearchIndexSettings,
  SearchParams,
  SearchResult,
} from './search/types.ts'
export { EmbeddedEngine } from './search/embeddedEngine.ts'
export { createSearchEngine, type CreateSearchEngineOptions } from './search/createEngine.ts'
export type { RateLimitHit, RateLimitStore } from './rateLimit/store.ts'
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions } from './rateLimit/memoryStore.ts'
export {
  childrenOf,
  headingNode,
  lexicalRoot,
  plainTextToNodes,
  type LexicalNode,
  type LexicalRoot,
} from './utilities/lexical.ts'

export {
  entraideTranslations,
  type EntraideAdminStrings,
  type EntraideTranslationKey,
} from './translations/i18n.ts'

export { entraidePlugin } from './plugin.ts'
