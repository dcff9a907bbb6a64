import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  startGoogleTokenEndpoint,
  startReplayServer,
  type GoogleTokenEndpoint,
  type RecordedRequest,
  type ReplayServer,
} from '../testing';
import { createGkeSources } from './createGkeSources';
import { cluster, clustersPath, nodePool, poolsPath } from './__testUtils__/gkeApi';

const PROJECT = 'shop-prod';

describe('GKE sources with a service account key', () => {
  let tokens: GoogleTokenEndpoint;
  let gke: ReplayServer;
  let dir: string;

  beforeEach(async () => {
    tokens = await startGoogleTokenEndpoint();
    gke = await startReplayServer();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nodepools-gke-key-'));
  });
  afterEach(async () => {
    await Promise.all([tokens.close(), gke.close()]);
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** Only requests with a token the endpoint issued reach the routes. */
  const withIssuedToken = (request: RecordedRequest) =>
    tokens.issued.some(token => request.headers.authorization === `Bearer ${token}`);

  async function sourceWithKey(key: object) {
    const keyFile = path.join(dir, 'key.json');
    await fs.writeFile(keyFile, JSON.stringify(key));
    const [source] = createGkeSources(
      new ConfigReader({
        nodepools: {
          sources: {
            gke: [{ id: 'gcp', projects: [PROJECT], keyFile, endpoint: gke.url, allowInsecureHttp: true, maxAttempts: 1 }],
          },
        },
      }),
      { logger: mockServices.logger.mock() },
    );
    return source;
  }

  it('gets its token through google-auth-library from the token endpoint the key names', async () => {
    gke.route(
      { path: clustersPath(PROJECT), match: withIssuedToken },
      { json: { clusters: [cluster('web', 'europe-west4')] } },
    );
    gke.route(
      { path: poolsPath(PROJECT, 'europe-west4', 'web'), match: withIssuedToken },
      { json: { nodePools: [nodePool(PROJECT, 'europe-west4', 'web', 'default-pool')] } },
    );
    const source = await sourceWithKey(tokens.createKey());

    const [listing] = await source.list({});
    await source.list({});

    expect(tokens.refused).toEqual([]);
    // One signed assertion, one token, cached by the library across syncs.
    expect(tokens.issued).toHaveLength(1);
    expect(listing).toMatchObject({ scope: 'gke/shop-prod/europe-west4/web', complete: true });
    expect(listing.pools.map(p => p.name)).toEqual(['default-pool']);
    expect(gke.requests.filter(r => r.unmatched)).toEqual([]);
  });

  it('fails as an authentication error when the token endpoint refuses the signed assertion', async () => {
    gke.route(clustersPath(PROJECT), { json: { clusters: [] } });
    const source = await sourceWithKey(tokens.createKey({ trusted: false }));

    await expect(source.list({})).rejects.toThrow(
      `GET /v1/projects/${PROJECT}/locations/-/clusters: authentication failed: no access token: invalid_grant: Invalid JWT Signature.`,
    );
    expect(tokens.refused).toEqual(['bad signature']);
    expect(gke.requests).toEqual([]);
  });
});
