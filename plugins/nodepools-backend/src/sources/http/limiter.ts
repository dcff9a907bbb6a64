/**
 * Runs at most `limit` tasks at a time; the others wait in arrival order.
 * Callers must not run a task that waits on another task of the same
 * limiter, or both can wait forever: limit leaf calls, not whole workflows.
 */
export interface ConcurrencyLimiter {
  <T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly pending: number;
}

export function createConcurrencyLimiter(limit: number): ConcurrencyLimiter {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new TypeError(`concurrency must be a positive integer, got ${limit}`);
  }
  let active = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    active -= 1;
    const next = waiting.shift();
    if (next) {
      active += 1;
      next();
    }
  };

  const run = async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < limit) {
      active += 1;
    } else {
      await new Promise<void>(resolve => waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      release();
    }
  };

  return Object.defineProperties(run, {
    active: { get: () => active },
    pending: { get: () => waiting.length },
  }) as ConcurrencyLimiter;
}

/**
 * Maps `items` with at most `limit` calls of `fn` in flight, keeping input
 * order. Every item is tried; the results say which failed.
 */
export async function mapSettled<I, O>(
  items: readonly I[],
  limit: number,
  fn: (item: I, index: number) => Promise<O>,
): Promise<PromiseSettledResult<O>[]> {
  const limited = createConcurrencyLimiter(limit);
  return Promise.allSettled(items.map((item, index) => limited(() => fn(item, index))));
}

/** Marks items never started because an earlier one failed. */
const NOT_STARTED = Symbol('not started');

/**
 * Maps `items` with at most `limit` calls of `fn` in flight, keeping input
 * order. After the first failure no further item is started; the call
 * rejects with that failure once the calls already running have finished,
 * so no work is left running behind the caller's back.
 */
export async function mapAll<I, O>(
  items: readonly I[],
  limit: number,
  fn: (item: I, index: number) => Promise<O>,
): Promise<O[]> {
  let failed = false;
  const settled = await mapSettled(items, limit, async (item, index) => {
    if (failed) throw NOT_STARTED;
    try {
      return await fn(item, index);
    } catch (error) {
      failed = true;
      throw error;
    }
  });
  const failure = settled.find(
    (result): result is PromiseRejectedResult =>
      result.status === 'rejected' && result.reason !== NOT_STARTED,
  );
  if (failure) throw failure.reason;
  return settled.map(result => (result as PromiseFulfilledResult<O>).value);
}
