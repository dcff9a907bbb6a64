/**
 * Errors of calls to cloud APIs. Their messages end up in `GET /sources`,
 * in logs and in stale badges, so they are built only from the operation,
 * the status and the provider's own error text with every known secret
 * removed; they never keep the underlying client error (whose request may
 * hold an Authorization header) as a cause.
 */

const REDACTED = '[redacted]';
/** Secrets shorter than this are too likely to match ordinary text. */
const MIN_SECRET_LENGTH = 4;
const MAX_DETAIL_LENGTH = 300;

/**
 * A credential in an HTTP authorization scheme, as servers and proxies quote
 * a request back: whatever token follows the scheme is a secret, known to
 * the source or not (an access token its credential library fetched).
 */
const AUTHORIZATION_CREDENTIAL = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;

/** Replaces every occurrence of each secret, and any bearer or basic credential, in `text`. */
export function redactSecrets(
  text: string,
  secrets: ReadonlyArray<string | undefined>,
): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH) {
      result = result.split(secret).join(REDACTED);
    }
  }
  return result.replace(AUTHORIZATION_CREDENTIAL, `$1 ${REDACTED}`);
}

/** Shortens provider text so one bad answer cannot flood a status page. */
export function clipDetail(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL_LENGTH
    ? `${oneLine.slice(0, MAX_DETAIL_LENGTH)}...`
    : oneLine;
}

/** A call to a cloud API that did not produce a usable answer. */
export class SourceRequestError extends Error {
  /** What was called, e.g. `GET /v2/kubernetes/clusters` or `ListNodegroups prod`. */
  readonly operation: string;
  /** Whether the same call may succeed when repeated. */
  readonly retryable: boolean;
  /** How long the server asked the caller to wait, when it said so. */
  readonly retryAfterMs?: number;

  constructor(
    operation: string,
    message: string,
    options: { retryable: boolean; retryAfterMs?: number },
  ) {
    super(`${operation}: ${message}`);
    this.name = 'SourceRequestError';
    this.operation = operation;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * Statuses worth repeating: throttling, timeouts and server faults, except
 * 501 (the server will never implement the call).
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501);
}

/** The server answered with an error status. */
export class SourceHttpError extends SourceRequestError {
  readonly status: number;
  /** The provider's own error code, e.g. `too_many_requests`, `ThrottlingException`. */
  readonly code?: string;

  constructor(
    operation: string,
    status: number,
    details: { code?: string; message?: string; retryAfterMs?: number },
  ) {
    const described = [details.code, details.message]
      .filter(Boolean)
      .map(part => clipDetail(String(part)))
      .join(': ');
    super(operation, `HTTP ${status}${described ? ` ${described}` : ''}`, {
      retryable: isRetryableStatus(status),
      retryAfterMs: details.retryAfterMs,
    });
    this.name = 'SourceHttpError';
    this.status = status;
    this.code = details.code;
  }
}

/** The credentials were refused (401/403) or could not be obtained. */
export class SourceAuthError extends SourceRequestError {
  readonly status?: number;

  constructor(operation: string, detail: string, status?: number) {
    super(
      operation,
      `authentication failed${status ? ` (HTTP ${status})` : ''}: ${clipDetail(detail)}`,
      { retryable: false },
    );
    this.name = 'SourceAuthError';
    this.status = status;
  }
}

/** No complete answer arrived within the per-call timeout. */
export class SourceTimeoutError extends SourceRequestError {
  readonly timeoutMs: number;

  constructor(operation: string, timeoutMs: number) {
    super(operation, `no answer within ${timeoutMs} ms`, { retryable: true });
    this.name = 'SourceTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The connection failed or broke before the answer was complete. */
export class SourceNetworkError extends SourceRequestError {
  constructor(operation: string, detail: string) {
    super(operation, `network error: ${clipDetail(detail)}`, { retryable: true });
    this.name = 'SourceNetworkError';
  }
}

/** The answer arrived but cannot be read: a truncated or malformed body, a wrong shape. */
export class SourceResponseError extends SourceRequestError {
  constructor(operation: string, detail: string) {
    super(operation, `invalid response: ${clipDetail(detail)}`, { retryable: false });
    this.name = 'SourceResponseError';
  }
}

/** The caller gave up (its AbortSignal fired); nothing is retried. */
export class SourceAbortedError extends SourceRequestError {
  constructor(operation: string) {
    super(operation, 'aborted', { retryable: false });
    this.name = 'SourceAbortedError';
  }
}

/** Text of any thrown value, without its stack. */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    // fetch reports every network failure as "fetch failed"; the cause says which.
    if (cause instanceof Error && error.message === 'fetch failed') {
      return cause.message;
    }
    return error.message;
  }
  return String(error);
}
