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
export {
  RequestRunner,
  classifyAsNetworkError,
  type RequestRunnerOptions,
  type ErrorClassifier,
  type Sleep,
} from './RequestRunner';
export { fetchJson, type JsonRequest, type JsonResponse } from './fetchJson';
export {
  parseRecords,
  buildScopeListing,
  toPlainRecord,
  type IndexedRecord,
} from './scopeListing';
export { readRequestPolicyConfig, readSourceBlocks, baseUrl } from './config';
