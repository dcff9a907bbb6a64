import {
  SourceAuthError,
  SourceHttpError,
  SourceNetworkError,
  SourceRequestError,
  SourceResponseError,
  describeThrown,
  headerLookup,
  retryAfterMs,
  type ErrorClassifier,
} from '../http';

/** What the AWS SDK attaches to the errors it throws. */
interface AwsErrorShape {
  name?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string> };
}

/** Errors of the SDK's credential chain and of STS AssumeRole: no request was authorized. */
const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'AccessDeniedException',
  'AccessDenied',
]);

/**
 * Maps an AWS SDK error to a SourceRequestError. The SDK's own retries are
 * off, so throttling (`ThrottlingException`, `TooManyRequestsException`)
 * and server faults arrive here with their status and `Retry-After`.
 */
export const classifyAwsError: ErrorClassifier = (error, operation, redact) => {
  if (error instanceof SourceRequestError) return error;
  const aws = (error ?? {}) as AwsErrorShape;
  const name = aws.name;
  // The SDK appends a hint about a hidden field on deserialization errors; the first line says it all.
  const message = redact(describeThrown(error).split('\n')[0]);
  const status = aws.$metadata?.httpStatusCode ?? aws.$response?.statusCode;

  if (status === 401 || status === 403 || (name && CREDENTIAL_ERRORS.has(name))) {
    return new SourceAuthError(operation, `${name ?? 'Error'}: ${message}`, status);
  }
  if (status !== undefined && (status < 200 || status >= 300)) {
    return new SourceHttpError(operation, status, {
      code: name,
      message,
      retryAfterMs: retryAfterMs(headerLookup(aws.$response?.headers), { status }),
    });
  }
  if (status !== undefined || name === 'SyntaxError') {
    return new SourceResponseError(operation, message);
  }
  return new SourceNetworkError(operation, message);
};
