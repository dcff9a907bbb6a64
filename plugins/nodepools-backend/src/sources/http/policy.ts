/** How a source calls its cloud: parallelism, patience and persistence. */
export interface RequestPolicy {
  /** Calls of one source in flight at once. */
  concurrency: number;
  /** Limit for one attempt of one call, body included. */
  timeoutMs: number;
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** First backoff step; doubles per attempt, with full jitter. */
  baseDelayMs: number;
  /** Cap of the computed backoff. */
  maxDelayMs: number;
  /**
   * Cap of a wait the server asks for (`Retry-After`, `ratelimit-reset`):
   * a sync must not sleep for an hour because a header said so.
   */
  maxRetryWaitMs: number;
}

export const DEFAULT_REQUEST_POLICY: RequestPolicy = {
  concurrency: 8,
  timeoutMs: 30_000,
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryWaitMs: 60_000,
};

function checkInteger(
  name: keyof RequestPolicy,
  value: number,
  minimum: number,
): number {
  if (!Number.isInteger(value) || value < minimum) {
    throw new TypeError(
      `request policy '${name}' must be an integer of at least ${minimum}, got ${value}`,
    );
  }
  return value;
}

/** Fills the defaults in and rejects values that would stall or spin a sync. */
export function resolveRequestPolicy(
  overrides: Partial<RequestPolicy> = {},
): RequestPolicy {
  const merged = { ...DEFAULT_REQUEST_POLICY, ...withoutUndefined(overrides) };
  return {
    concurrency: checkInteger('concurrency', merged.concurrency, 1),
    timeoutMs: checkInteger('timeoutMs', merged.timeoutMs, 1),
    maxAttempts: checkInteger('maxAttempts', merged.maxAttempts, 1),
    baseDelayMs: checkInteger('baseDelayMs', merged.baseDelayMs, 0),
    maxDelayMs: checkInteger('maxDelayMs', merged.maxDelayMs, 0),
    maxRetryWaitMs: checkInteger('maxRetryWaitMs', merged.maxRetryWaitMs, 0),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
