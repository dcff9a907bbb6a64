import { setTimeout as delay } from 'node:timers/promises';
import {
  ApiException,
  Observable,
  type ConfigurationOptions,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';

/** How one call to a cluster's API server is bounded and retried. */
export interface RequestPolicy {
  /** Abort a call (request and body) that takes longer than this. */
  timeoutMs: number;
  /** Total tries of a call that failed with a retryable error (429, 5xx, network, timeout). */
  attempts: number;
  /** First retry delay; doubled each retry, up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** A `Retry-After` longer than this fails the call instead of waiting. */
  maxRetryAfterMs: number;
}

export const DEFAULT_REQUEST_POLICY: RequestPolicy = {
  timeoutMs: 30_000,
  attempts: 3,
  backoffMs: 500,
  maxBackoffMs: 10_000,
  maxRetryAfterMs: 60_000,
};

export interface RequestContextOptions {
  policy: RequestPolicy;
  signal?: AbortSignal;
  /** Removes secrets (the cluster's token) from any message built here. */
  redact?: (message: string) => string;
}

/**
 * A failed call, described without credentials. `status` is the HTTP status
 * when the server answered; `reason` is the Kubernetes Status reason
 * (NotFound, Expired, Forbidden...).
 */
export class KubernetesRequestError extends Error {
  readonly status?: number;
  readonly reason?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    details: { status?: number; reason?: string; retryable: boolean; retryAfterMs?: number },
  ) {
    super(message);
    this.name = 'KubernetesRequestError';
    this.status = details.status;
    this.reason = details.reason;
    this.retryable = details.retryable;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** The caller's own signal was aborted: stop, do not retry. */
export class RequestAbortedError extends Error {
  constructor(description: string) {
    super(`${description}: aborted`);
    this.name = 'RequestAbortedError';
  }
}

/**
 * Runs one API call with a per-try timeout and retries with backoff that
 * honours `Retry-After`. `call` receives the client options that carry the
 * abort signal into the request.
 */
export async function kubeRequest<T>(
  description: string,
  call: (options: ConfigurationOptions) => Promise<T>,
  context: RequestContextOptions,
): Promise<T> {
  const { policy, signal } = context;
  const redact = context.redact ?? (message => message);
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new RequestAbortedError(description);
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let failure: KubernetesRequestError;
    try {
      return await call(withSignal(combined));
    } catch (error) {
      if (signal?.aborted) throw new RequestAbortedError(description);
      failure = toRequestError(description, error, timeout.aborted, policy, redact);
    }
    if (!failure.retryable || attempt >= policy.attempts) throw failure;
    const wait = failure.retryAfterMs ?? backoffDelay(policy, attempt);
    if (wait > policy.maxRetryAfterMs) throw failure;
    await sleep(wait, signal, description);
  }
}

function withSignal(signal: AbortSignal): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (request: RequestContext) => {
          request.setSignal(signal);
          return new Observable(Promise.resolve(request));
        },
        post: (response: ResponseContext) => new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

function toRequestError(
  description: string,
  error: unknown,
  timedOut: boolean,
  policy: RequestPolicy,
  redact: (message: string) => string,
): KubernetesRequestError {
  if (timedOut) {
    return new KubernetesRequestError(
      `${description}: no complete answer within ${policy.timeoutMs} ms`,
      { retryable: true },
    );
  }
  if (error instanceof ApiException) {
    const status = error.code;
    const parsed = parseStatusBody(error.body);
    const detail = parsed.message ? `: ${truncate(parsed.message)}` : '';
    const reason = parsed.reason ?? (status === 401 ? 'Unauthorized' : undefined);
    return new KubernetesRequestError(
      redact(`${description}: HTTP ${status}${reason ? ` ${reason}` : ''}${detail}`),
      {
        status,
        reason,
        retryable: status === 429 || (status >= 500 && status !== 501),
        retryAfterMs: retryAfterMs(error.headers?.['retry-after']),
      },
    );
  }
  if (error instanceof SyntaxError) {
    // The body did not parse: the connection was cut or a proxy answered.
    return new KubernetesRequestError(
      `${description}: the response body is truncated or not JSON`,
      { retryable: true },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new KubernetesRequestError(redact(`${description}: ${truncate(message)}`), {
    retryable: true,
  });
}

function parseStatusBody(body: unknown): { reason?: string; message?: string } {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return {};
    }
  }
  if (!value || typeof value !== 'object') return {};
  const status = value as { kind?: unknown; reason?: unknown; message?: unknown };
  if (status.kind !== 'Status') return {};
  return {
    reason: typeof status.reason === 'string' ? status.reason : undefined,
    message: typeof status.message === 'string' ? status.message : undefined,
  };
}

function truncate(message: string, max = 300): string {
  return message.length > max ? `${message.slice(0, max)}…` : message;
}

/** `Retry-After` as seconds or an HTTP date. */
export function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - Date.now());
}

function backoffDelay(policy: RequestPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 1));
  // Half fixed, half random: replicas retrying the same cluster spread out.
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

async function sleep(ms: number, signal: AbortSignal | undefined, description: string) {
  if (ms <= 0) return;
  try {
    await delay(ms, undefined, { signal });
  } catch {
    throw new RequestAbortedError(description);
  }
}
