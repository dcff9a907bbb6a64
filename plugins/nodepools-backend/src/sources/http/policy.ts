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
  /**
   * Pages one listing may take before it is given up as incomplete: a
   * server whose cursors never end must not keep a sync busy forever.
   */
  maxPages: number;
}

export const DEFAULT_REQUEST_POLICY: RequestPolicy = {
  concurrency: 8,
  timeoutMs: 30_000,
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryWaitMs: 60_000,
  maxPages: 1000,
};

/** The smallest value of each setting that cannot stall or spin a sync. */
export const REQUEST_POLICY_MINIMUMS: Record<keyof RequestPolicy, number> = {
  concurrency: 1,
  timeoutMs: 1,
  maxAttempts: 1,
  baseDelayMs: 0,
  maxDelayMs: 0,
  maxRetryWaitMs: 0,
  maxPages: 1,
};

/** Why a policy value is refused, or undefined when it is fine. */
export function policyValueProblem(
  name: keyof RequestPolicy,
  value: number,
): string | undefined {
  const minimum = REQUEST_POLICY_MINIMUMS[name];
  return Number.isInteger(value) && value >= minimum
    ? undefined
    : `must be an integer of at least ${minimum}, got ${value}`;
}

function checkInteger(name: keyof RequestPolicy, value: number): number {
  const problem = policyValueProblem(name, value);
  if (problem) throw new TypeError(`request policy '${name}' ${problem}`);
  return value;
}

/** Fills the defaults in and rejects values that would stall or spin a sync. */
export function resolveRequestPolicy(
  overrides: Partial<RequestPolicy> = {},
): RequestPolicy {
  const merged = { ...DEFAULT_REQUEST_POLICY, ...withoutUndefined(overrides) };
  return {
    concurrency: checkInteger('concurrency', merged.concurrency),
    timeoutMs: checkInteger('timeoutMs', merged.timeoutMs),
    maxAttempts: checkInteger('maxAttempts', merged.maxAttempts),
    baseDelayMs: checkInteger('baseDelayMs', merged.baseDelayMs),
    maxDelayMs: checkInteger('maxDelayMs', merged.maxDelayMs),
    maxRetryWaitMs: checkInteger('maxRetryWaitMs', merged.maxRetryWaitMs),
    maxPages: checkInteger('maxPages', merged.maxPages),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
