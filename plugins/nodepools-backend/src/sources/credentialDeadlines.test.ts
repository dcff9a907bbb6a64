import type { TokenCredential } from '@azure/identity';
import { KubernetesCluster } from './kubernetes';
import { AksPoolSource } from './aks';
import { EksPoolSource } from './eks';
import { GkePoolSource } from './gke';
import { ClusterConnector } from './kubernetes/clusterConnector';
import { ClusterTokenResolver } from './kubernetes/auth/clusterToken';
import { startReplayServer, type ReplayServer } from './testing';
import type { PoolSource } from './types';

/** A credential source that never answers, and says when it was asked. */
function hangingCredential() {
  let asked = 0;
  return {
    get asked() {
      return asked;
    },
    hang<T>(): Promise<T> {
      asked += 1;
      return new Promise<T>(() => undefined);
    },
  };
}

const POLICY = { timeoutMs: 200, maxAttempts: 1 };

const cloudSources: Array<
  [string, (server: ReplayServer, credential: ReturnType<typeof hangingCredential>, timeoutMs: number) => PoolSource]
> = [
  [
    'EKS, whose credential chain never answers',
    (server, credential, timeoutMs) =>
      new EksPoolSource({
        id: 'aws',
        regions: ['us-east-1'],
        endpoint: server.url,
        credentials: () => credential.hang(),
        policy: { ...POLICY, timeoutMs },
      }),
  ],
  [
    'GKE, whose token never comes',
    (server, credential, timeoutMs) =>
      new GkePoolSource({
        id: 'gcp',
        projects: ['shop-prod'],
        endpoint: server.url,
        getAccessToken: () => credential.hang(),
        policy: { ...POLICY, timeoutMs },
      }),
  ],
  [
    'AKS, whose TokenCredential never answers',
    (server, credential, timeoutMs) => {
      const hanging: TokenCredential = { getToken: () => credential.hang() };
      return new AksPoolSource({
        id: 'azure',
        subscriptionId: '00000000-0000-0000-0000-000000000000',
        credential: hanging,
        endpoint: server.url,
        clientOptions: { tlsOptions: { ca: server.ca } },
        policy: { ...POLICY, timeoutMs },
      });
    },
  ],
];

describe('getting credentials', () => {
  let server: ReplayServer;
  beforeEach(async () => {
    server = await startReplayServer({ tls: true });
  });
  afterEach(() => server.close());

  it.each(cloudSources)('is held to the call timeout: %s', async (_what, make) => {
    const credential = hangingCredential();
    const error = await make(server, credential, 200).list({}).catch(e => e);
    expect(credential.asked).toBe(1);
    expect(error.message).toMatch(/: no answer within 200 ms$/);
    expect(server.requests).toEqual([]);
  });

  it.each(cloudSources)('stops when the sync is aborted: %s', async (_what, make) => {
    const credential = hangingCredential();
    const controller = new AbortController();
    const listing = make(server, credential, 60_000).list({ signal: controller.signal });
    while (credential.asked === 0) await new Promise(resolve => setTimeout(resolve, 5));
    controller.abort();
    await expect(listing).rejects.toThrow(/: aborted$/);
  });
});

describe('getting a cluster token', () => {
  const cluster = new KubernetesCluster(
    { name: 'gke-web', url: 'https://127.0.0.1:1' },
    { provider: 'google', aws: { clusterId: 'gke-web' } },
  );

  function connector(credential: ReturnType<typeof hangingCredential>) {
    return new ClusterConnector(
      new ClusterTokenResolver({ googleAccessToken: () => credential.hang() }),
    );
  }

  it('is held to the call timeout', async () => {
    const credential = hangingCredential();
    await expect(connector(credential).connect(cluster, { timeoutMs: 200 })).rejects.toThrow(
      "cluster 'gke-web': credentials: no answer within 200 ms",
    );
    expect(credential.asked).toBe(1);
  });

  it('stops when the sync is aborted', async () => {
    const credential = hangingCredential();
    const controller = new AbortController();
    const connecting = connector(credential).connect(cluster, {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    while (credential.asked === 0) await new Promise(resolve => setTimeout(resolve, 5));
    controller.abort();
    await expect(connecting).rejects.toThrow("cluster 'gke-web': credentials: aborted");
  });
});
