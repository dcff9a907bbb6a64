import { SourceAbortedError, SourceTimeoutError } from './errors';

/**
 * Runs `call` with its own AbortSignal and settles by the deadline or when
 * `parent` aborts, whichever comes first, even when `call` ignores its
 * signal (credential chains, clients that do not take one): the caller is
 * never held past `timeoutMs`. Throws SourceTimeoutError or
 * SourceAbortedError for those; other failures are passed to `onError`.
 */
export async function withDeadline<T>(
  operation: string,
  timeoutMs: number,
  parent: AbortSignal | undefined,
  call: (signal: AbortSignal) => Promise<T>,
  onError: (error: unknown) => Error = error => error as Error,
): Promise<T> {
  if (parent?.aborted) throw new SourceAbortedError(operation);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onParentAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const timeout = new SourceTimeoutError(operation, timeoutMs);
      controller.abort(timeout);
      reject(timeout);
    }, timeoutMs);
    onParentAbort = () => {
      controller.abort(parent?.reason);
      reject(new SourceAbortedError(operation));
    };
    parent?.addEventListener('abort', onParentAbort, { once: true });
  });
  let running: Promise<T>;
  try {
    running = call(controller.signal);
  } catch (error) {
    running = Promise.reject(error);
  }
  // Whatever the call does after the deadline is nobody's business.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, stopped]);
  } catch (error) {
    if (error instanceof SourceTimeoutError || error instanceof SourceAbortedError) throw error;
    if (parent?.aborted) throw new SourceAbortedError(operation);
    throw onError(error);
  } finally {
    clearTimeout(timer);
    if (onParentAbort) parent?.removeEventListener('abort', onParentAbort);
  }
}
