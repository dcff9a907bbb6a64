import { CoreV1Api } from '@kubernetes/client-node';
import {
  RequestRunner,
  SourceAbortedError,
  SourceAuthError,
  SourceHttpError,
  SourceTimeoutError,
} from '../http';
import { kubeRequest } from './kubeRequest';
import {
  FAST_POLICY,
  kubeConfigFor,
  kubeStatus,
  startFakeApiServer,
  type FakeApiServer,
} from './__testUtils__/fakeApiServer';

describe('kubeRequest', () => {
  let server: FakeApiServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const listNodes = (api: CoreV1Api) => (options: Parameters<CoreV1Api['listNode']>[1]) =>
    api.listNode({}, options);

  function runner(policy: Record<string, number> = {}) {
    const sleeps: number[] = [];
    const instance = new RequestRunner({
      policy: { ...FAST_POLICY, ...policy },
      sleep: async ms => {
        sleeps.push(ms);
      },
    });
    return { instance, sleeps };
  }

  it('carries the abort signal into the request and stops at once, without retrying', async () => {
    server = await startFakeApiServer(() => ({ hang: true }));
    const api = kubeConfigFor(server.url).makeApiClient(CoreV1Api);
    const controller = new AbortController();
    const call = kubeRequest(
      runner({ timeoutMs: 60_000, maxAttempts: 5 }).instance,
      'GET /api/v1/nodes',
      listNodes(api),
      { signal: controller.signal },
    );
    // Abort once the request has reached the server.
    while (server.requests.length === 0) await new Promise(resolve => setImmediate(resolve));
    controller.abort();
    await expect(call).rejects.toThrow(SourceAbortedError);
    expect(server.requests).toHaveLength(1);
  });

  it('times out each attempt of a call that gets no answer', async () => {
    server = await startFakeApiServer(() => ({ hang: true }));
    const api = kubeConfigFor(server.url).makeApiClient(CoreV1Api);
    const error = await kubeRequest(
      runner({ timeoutMs: 200, maxAttempts: 2 }).instance,
      'GET /api/v1/nodes',
      listNodes(api),
    ).catch(e => e);
    expect(error).toBeInstanceOf(SourceTimeoutError);
    expect(error.message).toBe('GET /api/v1/nodes: no answer within 200 ms');
    expect(server.requests).toHaveLength(2);
  });

  it('waits what Retry-After asks, capped by maxRetryWaitMs, with the Status reason in the error', async () => {
    server = await startFakeApiServer(() => ({
      status: 429,
      headers: { 'retry-after': '3600' },
      json: kubeStatus(429, 'TooManyRequests', 'slow down'),
    }));
    const api = kubeConfigFor(server.url).makeApiClient(CoreV1Api);
    const { instance, sleeps } = runner({ maxAttempts: 3, maxRetryWaitMs: 1500 });
    const error = await kubeRequest(instance, 'GET /api/v1/nodes', listNodes(api)).catch(e => e);
    expect(error).toBeInstanceOf(SourceHttpError);
    expect(error.message).toBe('GET /api/v1/nodes: HTTP 429 TooManyRequests: slow down');
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 3_600_000 });
    expect(sleeps).toEqual([1500, 1500]);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 501, which will never work', async () => {
    server = await startFakeApiServer(() => ({ status: 501, text: 'Not Implemented' }));
    const api = kubeConfigFor(server.url).makeApiClient(CoreV1Api);
    await expect(
      kubeRequest(runner({ maxAttempts: 3 }).instance, 'GET /api/v1/nodes', listNodes(api)),
    ).rejects.toThrow('GET /api/v1/nodes: HTTP 501');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a refused token as an authentication failure and redacts the cluster secrets', async () => {
    server = await startFakeApiServer(request => ({
      status: 403,
      json: kubeStatus(403, 'Forbidden', `nodes is forbidden for ${request.authorization}`),
    }));
    const api = kubeConfigFor(server.url, 'top-secret-token').makeApiClient(CoreV1Api);
    const error = await kubeRequest(runner().instance, 'GET /api/v1/nodes', listNodes(api), {
      redact: m => m.split('top-secret-token').join('[redacted]'),
    }).catch(e => e);
    expect(error).toBeInstanceOf(SourceAuthError);
    expect(error.message).toBe(
      'GET /api/v1/nodes: authentication failed (HTTP 403): Forbidden: nodes is forbidden for Bearer [redacted]',
    );
    expect(server.requests).toHaveLength(1);
  });
});
