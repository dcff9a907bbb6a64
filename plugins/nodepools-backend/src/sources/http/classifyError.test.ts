import { ApiException } from '@kubernetes/client-node';
import { classifySdkError } from './classifyError';
import {
  SourceAuthError,
  SourceHttpError,
  SourceNetworkError,
  SourceResponseError,
  SourceTimeoutError,
} from './errors';

const redact = (text: string) => text.split('s3cr3t-value').join('[redacted]');

/** What the AWS SDK throws: the exception's name, its metadata and the raw response. */
function awsError(name: string, message: string, status?: number, headers = {}) {
  return Object.assign(new Error(message), {
    name,
    $metadata: { httpStatusCode: status },
    $response: status ? { statusCode: status, headers } : undefined,
  });
}

/** What `@azure/core-rest-pipeline` throws. */
function azureRestError(message: string, statusCode?: number, code?: string, headers = {}) {
  return Object.assign(new Error(message), {
    name: 'RestError',
    statusCode,
    code,
    response: { headers: new Map(Object.entries(headers)) },
  });
}

/** What google-auth-library's HTTP client throws when the token endpoint refuses. */
function gaxiosError(status: number, data: unknown) {
  return Object.assign(new Error(`request failed with status ${status}`), {
    name: 'GaxiosError',
    response: { status, data },
  });
}

const ROWS: Array<[string, unknown, new (...args: any[]) => Error, string, boolean?]> = [
  ['AWS throttling', awsError('ThrottlingException', 'Rate exceeded', 429, { 'retry-after': '4' }), SourceHttpError, 'op: HTTP 429 ThrottlingException: Rate exceeded', true],
  ['AWS server fault', awsError('ServerException', 'Internal failure', 500), SourceHttpError, 'op: HTTP 500 ServerException: Internal failure', true],
  ['AWS refused key', awsError('UnrecognizedClientException', 'The security token is invalid', 403), SourceAuthError, 'op: authentication failed (HTTP 403): UnrecognizedClientException: The security token is invalid', false],
  ['AWS credential chain', awsError('CredentialsProviderError', 'Could not load credentials from any providers'), SourceAuthError, 'op: authentication failed: CredentialsProviderError: Could not load credentials from any providers', false],
  ['AWS unreadable 200', awsError('SyntaxError', 'Unexpected end of JSON input\nDeserialization error: to see the raw response...', 200), SourceResponseError, 'op: invalid response: Unexpected end of JSON input', false],
  ['AWS 404 not found', awsError('ResourceNotFoundException', 'No node group found', 404), SourceHttpError, 'op: HTTP 404 ResourceNotFoundException: No node group found', false],
  ['Azure throttling', azureRestError('Throttled', 429, 'TooManyRequests', { 'retry-after': '7' }), SourceHttpError, 'op: HTTP 429 TooManyRequests: Throttled', true],
  ['Azure refused', azureRestError('The client does not have authorization', 403, 'AuthorizationFailed'), SourceAuthError, 'op: authentication failed (HTTP 403): AuthorizationFailed: The client does not have authorization', false],
  ['Azure unparsable body', azureRestError('Error "Unexpected token" occurred while parsing the response body', 200, 'PARSE_ERROR'), SourceResponseError, 'op: invalid response: Error "Unexpected token" occurred while parsing the response body', false],
  ['Azure body cut off', azureRestError('Error reading response as text: aborted', undefined, 'PARSE_ERROR'), SourceNetworkError, 'op: network error: Error reading response as text: aborted', true],
  ['Azure identity', Object.assign(new Error('ClientSecretCredential authentication failed: AADSTS7000215 s3cr3t-value'), { name: 'AuthenticationError' }), SourceAuthError, 'op: authentication failed: AuthenticationError: ClientSecretCredential authentication failed: AADSTS7000215 [redacted]', false],
  ['Kubernetes Status', new ApiException(503, 'HTTP-Code: 503', JSON.stringify({ kind: 'Status', reason: 'ServiceUnavailable', message: 'etcd is down' }), {}), SourceHttpError, 'op: HTTP 503 ServiceUnavailable: etcd is down', true],
  ['Kubernetes 501', new ApiException(501, 'HTTP-Code: 501', '', {}), SourceHttpError, 'op: HTTP 501', false],
  ['Kubernetes 401 without Status', new ApiException(401, 'HTTP-Code: 401', 'Unauthorized', {}), SourceAuthError, 'op: authentication failed (HTTP 401): Unauthorized', false],
  ['Kubernetes 410', new ApiException(410, 'HTTP-Code: 410', { kind: 'Status', reason: 'Expired', message: 'too old' }, {}), SourceHttpError, 'op: HTTP 410 Expired: too old', false],
  ['Google token endpoint', gaxiosError(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }), SourceAuthError, 'op: authentication failed (HTTP 400): invalid_grant: Invalid JWT Signature.', false],
  ['a body that is not JSON', new SyntaxError('Unexpected token < in JSON at position 0'), SourceResponseError, 'op: invalid response: the body is truncated or not JSON (Unexpected token < in JSON at position 0)', false],
  ['a model the SDK could not map', new TypeError("Cannot read properties of undefined (reading 'value')"), SourceResponseError, "op: invalid response: Cannot read properties of undefined (reading 'value')", false],
  ['fetch failing', Object.assign(new TypeError('fetch failed'), { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') }), SourceNetworkError, 'op: network error: connect ECONNREFUSED 127.0.0.1:1', true],
  ['anything else', new Error('socket hang up s3cr3t-value'), SourceNetworkError, 'op: network error: socket hang up [redacted]', true],
];

describe('classifySdkError', () => {
  it.each(ROWS)('classifies %s', (_what, thrown, type, message, retryable) => {
    const error = classifySdkError(thrown, 'op', redact);
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
    expect(error.retryable).toBe(retryable);
  });

  it('reads the wait a throttled answer asks for, whatever the SDK', () => {
    expect(classifySdkError(ROWS[0][1], 'op', redact).retryAfterMs).toBe(4000);
    expect(classifySdkError(ROWS[6][1], 'op', redact).retryAfterMs).toBe(7000);
    const kubernetes = new ApiException(429, 'HTTP-Code: 429', '', { 'Retry-After': '2' });
    expect(classifySdkError(kubernetes, 'op', redact).retryAfterMs).toBe(2000);
  });

  it('returns its own errors as they are', () => {
    const timeout = new SourceTimeoutError('op', 10);
    expect(classifySdkError(timeout, 'other', redact)).toBe(timeout);
  });
});
