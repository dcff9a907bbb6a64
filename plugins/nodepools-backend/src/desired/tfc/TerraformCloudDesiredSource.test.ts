import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { startReplayServer, type RecordedRequest, type ReplayServer } from '../../sources/testing';
import { createDesiredSources } from '../createDesiredSources';
import { eksState, STATE_SECRET } from '../__testUtils__/states';

const TOKEN = 'atlasv1.tfc-team-token-0123456789abcdef';
const authorized = (r: RecordedRequest) => r.headers.authorization === `Bearer ${TOKEN}`;

function tfcSource(server: ReplayServer) {
  const config = new ConfigReader({
    nodepools: {
      desired: {
        terraformCloud: [
          {
            id: 'tfc',
            endpoint: server.url,
            allowInsecureHttp: true,
            organization: 'acme',
            token: TOKEN,
            maxAttempts: 1,
            workspaces: [{ name: 'eks-prod' }, { name: 'eks-staging', cluster: 'staging' }],
          },
        ],
      },
    },
  });
  const [{ source }] = createDesiredSources(config, { logger: mockServices.logger.mock(), urlReader: mockServices.urlReader.mock(), baseDir: '/' });
  return source;
}

const workspace = (id: string, name: string) => ({ data: { id, type: 'workspaces', attributes: { name } } });
const stateVersion = (id: string, download: string | null) => ({
  data: { id, type: 'state-versions', attributes: { serial: 7, status: 'finalized', 'hosted-state-download-url': download } },
});

describe('TerraformCloudDesiredSource', () => {
  let server: ReplayServer;
  beforeEach(async () => {
    server = await startReplayServer();
    server.route({ path: '/api/v2/organizations/acme/workspaces/eks-prod', match: authorized }, { json: workspace('ws-prod1', 'eks-prod') });
    server.route({ path: '/api/v2/workspaces/ws-prod1/current-state-version', match: authorized }, {
      json: stateVersion('sv-abc123', `${server.url}/api/state-versions/sv-abc123/hosted_state`),
    });
    server.route({ path: '/api/state-versions/sv-abc123/hosted_state', match: authorized }, { body: eksState() });
    server.route({ path: '/api/v2/organizations/acme/workspaces/eks-staging', match: authorized }, { json: workspace('ws-stg1', 'eks-staging') });
    server.route({ path: '/api/v2/workspaces/ws-stg1/current-state-version', match: authorized }, {
      status: 404,
      json: { errors: [{ status: '404', title: 'not found' }] },
    });
  });
  afterEach(() => server.close());

  it('follows workspace, current state version and hosted state, and names a workspace without state', async () => {
    const [prod, staging] = await tfcSource(server).list({ versions: new Map() });
    expect(prod).toMatchObject({
      scope: 'tfc:acme/eks-prod',
      location: `${server.url}/app/acme/workspaces/eks-prod/states`,
      complete: true,
      version: 'sv-abc123',
    });
    expect(prod.pools.map(p => p.ref)).toEqual(['eks/111122223333/eu-west-1/payments-prod/general']);
    expect(staging.complete).toBe(false);
    expect(staging.error).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/app\/acme\/workspaces\/eks-staging\/states: GET current state version of eks-staging: .*404/);
    expect(server.requests.filter(r => r.unmatched)).toEqual([]);
    expect(server.requests[0].headers.accept).toBe('application/vnd.api+json');
    expect(JSON.stringify([prod, staging])).not.toContain(TOKEN);
    expect(JSON.stringify(prod)).not.toContain(STATE_SECRET);
  });

  it('does not download a state version it has read', async () => {
    const [prod] = await tfcSource(server).list({ versions: new Map([['tfc:acme/eks-prod', 'sv-abc123']]) });
    expect(prod).toMatchObject({ complete: true, unchanged: true, version: 'sv-abc123' });
    expect(server.requestsTo('/api/state-versions/sv-abc123/hosted_state')).toEqual([]);
  });

  it('says so when a state version has no download URL yet', async () => {
    // One constraint more than the route of beforeEach, so it answers instead.
    server.route(
      { path: '/api/v2/workspaces/ws-prod1/current-state-version', query: { include: undefined }, match: authorized },
      { json: stateVersion('sv-new', null) },
    );
    const [prod] = await tfcSource(server).list({ versions: new Map() });
    expect(prod.error).toContain('state version sv-new has no hosted-state-download-url');
  });
});
