import {
  SourceAuthError,
  SourceHttpError,
  SourceNetworkError,
  SourceRequestError,
  SourceResponseError,
  describeThrown,
  retryAfterMs,
  type ErrorClassifier,
} from '../http';

/** What `@azure/core-rest-pipeline`'s RestError carries. */
interface RestErrorShape {
  name?: string;
  code?: string;
  statusCode?: number;
  response?: { headers?: { get(name: string): string | undefined } };
}

/** Errors `@azure/identity` throws when no token can be had. */
const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AuthenticationRequiredError',
  'AggregateAuthenticationError',
]);

/**
 * Maps what the Azure SDK throws to a SourceRequestError. The pipeline's own
 * retries are off, so throttling (429 with `Retry-After` or
 * `x-ms-retry-after-ms`) and server faults arrive here.
 */
export const classifyAzureError: ErrorClassifier = (error, operation, redact) => {
  if (error instanceof SourceRequestError) return error;
  const rest = (error ?? {}) as RestErrorShape;
  const message = redact(describeThrown(error).split('\n')[0]);

  if (rest.name && CREDENTIAL_ERRORS.has(rest.name)) {
    return new SourceAuthError(operation, `${rest.name}: ${message}`);
  }
  const status = rest.statusCode;
  if (status === 401 || status === 403) {
    return new SourceAuthError(operation, `${rest.code ?? 'Error'}: ${message}`, status);
  }
  if (status !== undefined && (status < 200 || status >= 300)) {
    return new SourceHttpError(operation, status, {
      code: rest.code,
      message,
      retryAfterMs: retryAfterMs(name => rest.response?.headers?.get(name), { status }),
    });
  }
  // A 2xx whose body could not be parsed, or a body the SDK could not map.
  if (rest.code === 'PARSE_ERROR' || status !== undefined || error instanceof TypeError) {
    return new SourceResponseError(operation, message);
  }
  return new SourceNetworkError(operation, message);
};
