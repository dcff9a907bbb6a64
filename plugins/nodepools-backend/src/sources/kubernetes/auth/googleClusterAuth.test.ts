import { ConfigReader } from '@backstage/config';
import { startGoogleTokenEndpoint, type GoogleTokenEndpoint } from '../../testing';
import { ClusterConnector } from '../clusterConnector';
import { KubernetesNodesSource } from '../KubernetesNodesSource';
import { node } from '../__testUtils__/objects';
import {
  kubeStatus,
  pagedList,
  startFakeApiServer,
  type FakeApiServer,
} from '../__testUtils__/fakeApiServer';

describe("clusters with Backstage's google auth", () => {
  let tokens: GoogleTokenEndpoint;
  let api: FakeApiServer;

  beforeEach(async () => {
    tokens = await startGoogleTokenEndpoint();
    // The API server lets in only the tokens the token endpoint issued.
    api = await startFakeApiServer(request => {
      if (!tokens.issued.some(token => request.authorization === `Bearer ${token}`)) {
        return { status: 401, json: kubeStatus(401, 'Unauthorized', 'Unauthorized') };
      }
      if (request.path === '/api/v1/nodes') {
        return pagedList(
          request,
          [node({ name: 'gke-web-1', labels: { 'cloud.google.com/gke-nodepool': 'default-pool' } })],
          'NodeList',
        );
      }
      return request.path === '/api/v1/pods' ? pagedList(request, [], 'PodList') : undefined;
    });
  });
  afterEach(() => Promise.all([tokens.close(), api.close()]));

  function source(key: object) {
    return KubernetesNodesSource.fromConfig(
      new ConfigReader({
        kubernetes: {
          googleServiceAccountCredentials: JSON.stringify(key),
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [{ name: 'gke-web', url: api.url, authProvider: 'google', skipTLSVerify: true }],
            },
          ],
        },
        nodepools: { kubernetes: { maxAttempts: 1 } },
      }),
      { connector: new ClusterConnector() },
    );
  }

  it('reads the cluster with a token google-auth-library got for the configured key', async () => {
    const [listing] = await source(tokens.createKey()).listObserved({});

    expect(tokens.refused).toEqual([]);
    expect(tokens.issued).toHaveLength(1);
    expect(listing.complete).toBe(true);
    expect(listing.observed.map(o => [o.pool, o.provider])).toEqual([['default-pool', 'gke']]);
  });

  it('reports the cluster incomplete when the token endpoint refuses the key', async () => {
    const [listing] = await source(tokens.createKey({ trusted: false })).listObserved({});

    expect(listing.complete).toBe(false);
    expect(listing.error).toBe(
      "cluster 'gke-web': could not get Google credentials: invalid_grant: Invalid JWT Signature.",
    );
    expect(api.requests).toEqual([]);
  });
});
