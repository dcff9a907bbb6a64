import type { LoggerService } from '@backstage/backend-plugin-api';
import { classifySdkError, type ErrorClassifier } from './classifyError';
import { withDeadline } from './deadline';
import { SourceAbortedError, SourceRequestError, redactSecrets } from './errors';
import { createConcurrencyLimiter, type ConcurrencyLimiter } from './limiter';
import { resolveRequestPolicy, type RequestPolicy } from './policy';

/** Waits `ms`, or rejects as soon as `signal` fires. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export type { ErrorClassifier };

/** What one call adds to the runner's defaults. */
export interface RunOptions {
  signal?: AbortSignal;
  /** How to read what the client threw; every SDK the sources use by default. */
  classify?: ErrorClassifier;
  /** Secrets of this call only (a cluster's token), kept out of its errors. */
  secrets?: ReadonlyArray<string | undefined>;
  /** A further redaction of this call's error texts. */
  redact?: (text: string) => string;
}

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
    options: RunOptions = {},
  ): Promise<T> {
    const classify = options.classify ?? classifySdkError;
    const redact = this.#redactorFor(options);
    for (let attempt = 1; ; attempt++) {
      let failure: SourceRequestError;
      try {
        return await this.#limit(() =>
          withDeadline(operation, this.policy.timeoutMs, options.signal, call, error =>
            classify(error, operation, redact),
          ),
        );
      } catch (error) {
        failure =
          error instanceof SourceRequestError ? error : classify(error, operation, redact);
      }
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

  #redactorFor(options: RunOptions): (text: string) => string {
    if (!options.secrets?.length && !options.redact) return this.redact;
    return text => {
      const own = redactSecrets(this.redact(text), options.secrets ?? []);
      return options.redact ? options.redact(own) : own;
    };
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
}
