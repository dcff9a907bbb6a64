import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  SourceAbortedError,
  SourceNetworkError,
  SourceRequestError,
  SourceTimeoutError,
  describeThrown,
  redactSecrets,
} from './errors';
import { createConcurrencyLimiter, type ConcurrencyLimiter } from './limiter';
import { resolveRequestPolicy, type RequestPolicy } from './policy';

/** Waits `ms`, or rejects as soon as `signal` fires. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Turns whatever a client threw into a SourceRequestError (or returns it as is). */
export type ErrorClassifier = (
  error: unknown,
  operation: string,
  redact: (text: string) => string,
) => SourceRequestError;

export interface RequestRunnerOptions {
  policy?: Partial<RequestPolicy>;
  /** Values that must never appear in an error message: tokens, client secrets. */
  secrets?: ReadonlyArray<string | undefined>;
  logger?: LoggerService;
  /** Replaces the real timer, e.g. to record the waits. */
  sleep?: Sleep;
  /** Source of jitter in [0, 1). */
  random?: () => number;
}

const abortableSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let timer: NodeJS.Timeout | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Errors a client throws that are not ours are taken to be transport failures. */
export const classifyAsNetworkError: ErrorClassifier = (error, operation, redact) =>
  error instanceof SourceRequestError
    ? error
    : new SourceNetworkError(operation, redact(describeThrown(error)));

/**
 * Runs every call of one source: at most `concurrency` at once, each
 * attempt under its own timeout, failed attempts retried with exponential
 * backoff and full jitter unless the server named a wait (capped by
 * `maxRetryWaitMs`). Only retryable errors are repeated; the last error is
 * thrown, with secrets redacted.
 */
export class RequestRunner {
  readonly policy: RequestPolicy;
  readonly #limit: ConcurrencyLimiter;
  readonly #secrets: ReadonlyArray<string | undefined>;
  readonly #logger?: LoggerService;
  readonly #sleep: Sleep;
  readonly #random: () => number;

  constructor(options: RequestRunnerOptions = {}) {
    this.policy = resolveRequestPolicy(options.policy);
    this.#limit = createConcurrencyLimiter(this.policy.concurrency);
    this.#secrets = options.secrets ?? [];
    this.#logger = options.logger;
    this.#sleep = options.sleep ?? abortableSleep;
    this.#random = options.random ?? Math.random;
  }

  /** Removes this source's secrets from a text meant for users or logs. */
  redact = (text: string): string => redactSecrets(text, this.#secrets);

  async run<T>(
    operation: string,
    call: (signal: AbortSignal) => Promise<T>,
    options: { signal?: AbortSignal; classify?: ErrorClassifier } = {},
  ): Promise<T> {
    const classify = options.classify ?? classifyAsNetworkError;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#limit(() =>
          this.#attempt(operation, call, classify, options.signal),
        );
      } catch (error) {
        const failure =
          error instanceof SourceRequestError
            ? error
            : classify(error, operation, this.redact);
        if (!failure.retryable || attempt >= this.policy.maxAttempts) {
          throw failure;
        }
        const delay = this.#delayBefore(attempt + 1, failure);
        this.#logger?.debug(
          `${failure.message}; retrying in ${delay} ms (attempt ${attempt + 1} of ${this.policy.maxAttempts})`,
        );
        try {
          await this.#sleep(delay, options.signal);
        } catch {
          throw new SourceAbortedError(operation);
        }
      }
    }
  }

  /** The delay before attempt `next` (2 for the first retry). */
  #delayBefore(next: number, failure: SourceRequestError): number {
    if (failure.retryAfterMs !== undefined && failure.retryAfterMs > 0) {
      return Math.min(failure.retryAfterMs, this.policy.maxRetryWaitMs);
    }
    const ceiling = Math.min(
      this.policy.maxDelayMs,
      this.policy.baseDelayMs * 2 ** (next - 2),
    );
    return Math.round(this.#random() * ceiling);
  }

  async #attempt<T>(
    operation: string,
    call: (signal: AbortSignal) => Promise<T>,
    classify: ErrorClassifier,
    parent: AbortSignal | undefined,
  ): Promise<T> {
    if (parent?.aborted) throw new SourceAbortedError(operation);
    const { timeoutMs } = this.policy;
    const controller = new AbortController();
    const onParentAbort = () => controller.abort(parent?.reason);
    parent?.addEventListener('abort', onParentAbort, { once: true });
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    // Racing the timer covers clients that do not honour the signal.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        const timeout = new SourceTimeoutError(operation, timeoutMs);
        controller.abort(timeout);
        reject(timeout);
      }, timeoutMs);
    });
    const running = call(controller.signal);
    running.catch(() => undefined);
    try {
      return await Promise.race([running, deadline]);
    } catch (error) {
      if (parent?.aborted) throw new SourceAbortedError(operation);
      if (timedOut) throw new SourceTimeoutError(operation, timeoutMs);
      throw classify(error, operation, this.redact);
    } finally {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    }
  }
}
