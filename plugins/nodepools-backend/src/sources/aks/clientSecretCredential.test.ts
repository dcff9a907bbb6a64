import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  createSelfSignedCertificate,
  startEntraAuthority,
  startReplayServer,
  type EntraAuthority,
  type RecordedRequest,
  type ReplayServer,
} from '../testing';
import { createAksSources } from './createAksSources';
import { CLUSTERS, SUBSCRIPTION, agentPool, managedCluster, poolsPath } from './__testUtils__/aksApi';

const APP = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  clientId: '4a1b2c3d-0000-4000-8000-00000000abcd',
  clientSecret: 'Q~8Q8~local.client.secret.value',
};

describe('AKS sources with a client secret', () => {
  let authority: EntraAuthority;
  let arm: ReplayServer;

  beforeEach(async () => {
    // One certificate for both: two self-signed ones for the same name confuse the client's trust store.
    const certificate = createSelfSignedCertificate();
    authority = await startEntraAuthority(APP, { certificate });
    arm = await startReplayServer({ tls: true, certificate });
  });
  afterEach(() => Promise.all([authority.close(), arm.close()]));

  /** Only requests with a token the authority issued reach the routes. */
  const withIssuedToken = (request: RecordedRequest) =>
    authority.issued.some(token => request.headers.authorization === `Bearer ${token}`);

  function source(clientSecret: string) {
    const [aks] = createAksSources(
      new ConfigReader({
        nodepools: {
          sources: {
            aks: [
              {
                id: 'azure',
                subscriptionId: SUBSCRIPTION,
                ...APP,
                clientSecret,
                authorityHost: authority.url,
                endpoint: arm.url,
                maxAttempts: 1,
              },
            ],
          },
        },
      }),
      // The servers present a certificate made for the run.
      { logger: mockServices.logger.mock(), tlsOptions: { ca: authority.ca } },
    );
    return aks;
  }

  it('gets its token through @azure/identity from the configured authority', async () => {
    arm.route({ path: CLUSTERS, match: withIssuedToken }, { json: { value: [managedCluster('prod')] } });
    arm.route(
      { path: poolsPath('rg1', 'prod'), match: withIssuedToken },
      { json: { value: [agentPool('prod', 'system', { mode: 'System' })] } },
    );

    const [listing] = await source(APP.clientSecret).list({});

    expect(authority.refused).toEqual([]);
    expect(authority.issued).toHaveLength(1);
    expect(authority.requests).toEqual([
      `GET /${APP.tenantId}/v2.0/.well-known/openid-configuration`,
      `POST /${APP.tenantId}/oauth2/v2.0/token`,
    ]);
    expect(listing).toMatchObject({ scope: `aks/${SUBSCRIPTION}/rg1/prod`, complete: true });
    expect(listing.pools.map(p => p.name)).toEqual(['system']);
    expect(arm.requests.filter(r => r.unmatched)).toEqual([]);
  });

  it('fails as an authentication error, without the secret, when the authority refuses it', async () => {
    arm.route(CLUSTERS, { json: { value: [] } });
    const wrong = 'Q~8Q8~a.wrong.secret.value.0000';

    const error = await source(wrong).list({}).catch(e => e);

    expect(authority.refused).toEqual(['bad secret']);
    expect(error.name).toBe('SourceAuthError');
    expect(error.message).toMatch(/authentication failed: .*AADSTS7000215/);
    expect(error.message).not.toContain(wrong);
    expect(arm.requests).toEqual([]);
  });

  it('refuses an authority that is not an https origin, naming the key', () => {
    const config = new ConfigReader({
      nodepools: {
        sources: {
          aks: [{ id: 'azure', subscriptionId: SUBSCRIPTION, ...APP, authorityHost: 'http://login.example' }],
        },
      },
    });
    expect(() => createAksSources(config, { logger: mockServices.logger.mock() })).toThrow(
      'nodepools.sources.aks[0].authorityHost: must be an https origin such as https://login.microsoftonline.us, got "http://login.example"',
    );
  });
});
