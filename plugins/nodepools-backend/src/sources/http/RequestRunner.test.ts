import { mockServices } from '@backstage/backend-test-utils';
import {
  SourceAbortedError,
  SourceAuthError,
  SourceHttpError,
  SourceNetworkError,
  SourceTimeoutError,
} from './errors';
import { RequestRunner } from './RequestRunner';

const SECRET = 'super-secret-client-value';

function runner(policy: Record<string, number> = {}, random = () => 0.5) {
  const sleeps: number[] = [];
  const logger = mockServices.logger.mock();
  const instance = new RequestRunner({
    policy: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryWaitMs: 5000, ...policy },
    secrets: [SECRET],
    logger,
    random,
    sleep: async ms => {
      sleeps.push(ms);
    },
  });
  return { instance, sleeps, logger };
}

/** A call that fails with the given errors in turn, then answers `ok`. */
function failing(...errors: Error[]) {
  const calls: AbortSignal[] = [];
  const call = async (signal: AbortSignal) => {
    calls.push(signal);
    const error = errors[calls.length - 1];
    if (error) throw error;
    return 'ok';
  };
  return { call, calls };
}

describe('RequestRunner', () => {
  it('retries retryable failures with exponential, jittered backoff', async () => {
    const { instance, sleeps, logger } = runner();
    const { call, calls } = failing(
      new SourceHttpError('GET /x', 500, {}),
      new SourceHttpError('GET /x', 502, {}),
      new SourceNetworkError('GET /x', 'ECONNRESET'),
    );

    await expect(instance.run('GET /x', call)).resolves.toBe('ok');

    expect(calls).toHaveLength(4);
    // random() = 0.5 of 100, 200, 400
    expect(sleeps).toEqual([50, 100, 200]);
    expect(logger.debug).toHaveBeenCalledWith(
      expect.stringContaining('retrying in 50 ms (attempt 2 of 4)'),
    );
  });

  it('caps the computed backoff at maxDelayMs', async () => {
    const { instance, sleeps } = runner({ baseDelayMs: 800, maxDelayMs: 1000 }, () => 1);
    const { call } = failing(
      new SourceHttpError('GET /x', 503, {}),
      new SourceHttpError('GET /x', 503, {}),
    );

    await instance.run('GET /x', call);

    expect(sleeps).toEqual([800, 1000]);
  });

  it('waits what the server asked, capped by maxRetryWaitMs', async () => {
    const { instance, sleeps } = runner();
    const { call } = failing(
      new SourceHttpError('GET /x', 429, { retryAfterMs: 1200 }),
      new SourceHttpError('GET /x', 429, { retryAfterMs: 3_600_000 }),
    );

    await instance.run('GET /x', call);

    expect(sleeps).toEqual([1200, 5000]);
  });

  it('gives up after maxAttempts and throws the last failure', async () => {
    const { instance } = runner({ maxAttempts: 2 });
    const { call, calls } = failing(
      new SourceHttpError('GET /x', 500, { message: 'first' }),
      new SourceHttpError('GET /x', 500, { message: 'second' }),
    );

    await expect(instance.run('GET /x', call)).rejects.toThrow('GET /x: HTTP 500 second');
    expect(calls).toHaveLength(2);
  });

  it('does not repeat a failure a retry cannot fix', async () => {
    const { instance, sleeps } = runner();
    const { call, calls } = failing(new SourceAuthError('GET /x', 'denied', 403));

    await expect(instance.run('GET /x', call)).rejects.toBeInstanceOf(SourceAuthError);
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('classifies foreign errors, without the secrets', async () => {
    const { instance } = runner({ maxAttempts: 1 });
    const { call } = failing(new Error(`socket closed while sending ${SECRET}`));

    const error = await instance.run('GET /x', call).catch(e => e);

    expect(error).toBeInstanceOf(SourceNetworkError);
    expect(error.message).toBe('GET /x: network error: socket closed while sending [redacted]');
  });

  it('uses the classifier it is given', async () => {
    const { instance } = runner();
    const classify = jest.fn(() => new SourceAuthError('GET /x', 'expired token', 401));

    await expect(
      instance.run('GET /x', failing(new Error('raw')).call, { classify }),
    ).rejects.toThrow('GET /x: authentication failed (HTTP 401): expired token');
    expect(classify).toHaveBeenCalledWith(new Error('raw'), 'GET /x', expect.any(Function));
  });

  it('times out an attempt that never ends, aborting its signal, and retries it', async () => {
    const { instance } = runner({ timeoutMs: 20, maxAttempts: 2 });
    const signals: AbortSignal[] = [];
    const neverEnds = (signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<string>(() => {});
    };

    const error = await instance.run('GET /slow', neverEnds).catch(e => e);

    expect(error).toBeInstanceOf(SourceTimeoutError);
    expect(error.message).toBe('GET /slow: no answer within 20 ms');
    expect(signals).toHaveLength(2);
    expect(signals.every(s => s.aborted)).toBe(true);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    const { instance } = runner({ timeoutMs: 60_000 });
    const controller = new AbortController();
    let attempts = 0;
    const call = (signal: AbortSignal) =>
      new Promise<string>((_, reject) => {
        attempts += 1;
        signal.addEventListener('abort', () => reject(new Error('aborted by signal')));
        controller.abort();
      });

    const error = await instance
      .run('GET /x', call, { signal: controller.signal })
      .catch(e => e);

    expect(error).toBeInstanceOf(SourceAbortedError);
    expect(attempts).toBe(1);
  });

  it('refuses to start when the caller has already aborted', async () => {
    const { instance } = runner();
    const { call, calls } = failing();

    await expect(
      instance.run('GET /x', call, { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(SourceAbortedError);
    expect(calls).toHaveLength(0);
  });

  it('rejects a policy that would stall a sync', () => {
    expect(() => new RequestRunner({ policy: { timeoutMs: 0 } })).toThrow(
      "request policy 'timeoutMs' must be an integer of at least 1, got 0",
    );
  });
});
