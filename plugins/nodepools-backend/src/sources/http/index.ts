export {
  SourceRequestError,
  SourceHttpError,
  SourceAuthError,
  SourceTimeoutError,
  SourceNetworkError,
  SourceResponseError,
  SourceAbortedError,
  isRetryableStatus,
  redactSecrets,
  clipDetail,
  describeThrown,
} from './errors';
export {
  classifySdkError,
  errorFromFacts,
  restErrorBody,
  type ErrorClassifier,
  type ErrorFacts,
} from './classifyError';
export { retryAfterMs, headerLookup, type HeaderLookup } from './retryAfter';
export {
  createConcurrencyLimiter,
  mapSettled,
  mapAll,
  type ConcurrencyLimiter,
} from './limiter';
export {
  DEFAULT_REQUEST_POLICY,
  resolveRequestPolicy,
  type RequestPolicy,
} from './policy';
export { withDeadline } from './deadline';
export {
  RequestRunner,
  type RequestRunnerOptions,
  type RunOptions,
  type Sleep,
} from './RequestRunner';
export { readPages, type Page, type PagedListing } from './paging';
export { fetchJson, type JsonRequest, type JsonResponse } from './fetchJson';
export {
  parseRecords,
  buildScopeListing,
  readScope,
  describeEach,
  listScopes,
  type IndexedRecord,
  type ScopeRecords,
} from './scopeListing';
export { toPlainRecord } from '../objects';
export {
  readRequestPolicyConfig,
  readSourceBlocks,
  readEndpoint,
  sourceBlockKey,
  baseUrl,
} from './config';
