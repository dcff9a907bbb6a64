import { CoreV1Api } from '@kubernetes/client-node';
import {
  KubernetesRequestError,
  RequestAbortedError,
  kubeRequest,
  retryAfterMs,
} from './kubeRequest';
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

  it('stops at once, without retrying, when the caller aborts', async () => {
    server = await startFakeApiServer(() => ({ hang: true }));
    const api = kubeConfigFor(server.url).makeApiClient(CoreV1Api);
    const controller = new AbortController();
    const call = kubeRequest('GET /api/v1/nodes', listNodes(api), {
      policy: { ...FAST_POLICY, timeoutMs: 60_000, attempts: 5 },
      signal: controller.signal,
    });
    // Abort once the request has reached the server.
    while (server.requests.length === 0) await new Promise(resolve => setImmediate(resolve));
    controller.abort();
    await expect(call).rejects.toThrow(RequestAbortedError);
    expect(server.requests).toHaveLength(1);
  });

  it('fails at once when Retry-After asks for more than the policy allows', async () => {
    server = await startFakeApiServer(() => ({
      status: 429,
      headers: { 'retry-after': '3600' },
      json: kubeStatus(429, 'TooManyRequests', 'slow down'),
    }));
    const api = kubeConfigFor(server.url).makeApiClient(CoreV1Api);
    const call = kubeRequest('GET /api/v1/nodes', listNodes(api), {
      policy: { ...FAST_POLICY, attempts: 5 },
    });
    const error = await call.catch(e => e);
    expect(error).toBeInstanceOf(KubernetesRequestError);
    expect(error.message).toBe('GET /api/v1/nodes: HTTP 429 TooManyRequests: slow down');
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 3_600_000 });
    expect(server.requests).toHaveLength(1);
  });

  it('retries server errors up to the number of attempts', async () => {
    server = await startFakeApiServer(() => ({
      status: 502,
      text: 'Bad Gateway',
    }));
    const api = kubeConfigFor(server.url).makeApiClient(CoreV1Api);
    await expect(
      kubeRequest('GET /api/v1/nodes', listNodes(api), { policy: { ...FAST_POLICY, attempts: 3 } }),
    ).rejects.toThrow('GET /api/v1/nodes: HTTP 502');
    expect(server.requests).toHaveLength(3);
  });

  it('redacts secrets from the messages it builds', async () => {
    server = await startFakeApiServer(request => ({
      status: 400,
      json: kubeStatus(400, 'BadRequest', `bad header ${request.authorization}`),
    }));
    const api = kubeConfigFor(server.url, 'top-secret-token').makeApiClient(CoreV1Api);
    await expect(
      kubeRequest('GET /api/v1/nodes', listNodes(api), {
        policy: FAST_POLICY,
        redact: m => m.split('top-secret-token').join('***'),
      }),
    ).rejects.toThrow('GET /api/v1/nodes: HTTP 400 BadRequest: bad header Bearer ***');
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT')).toBe(0);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(retryAfterMs(inAMinute)).toBeGreaterThan(50_000);
  });
});
