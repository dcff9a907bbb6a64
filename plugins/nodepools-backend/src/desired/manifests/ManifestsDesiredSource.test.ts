import { mockServices } from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import { startReplayServer, type RecordedRequest, type ReplayServer } from '../../sources/testing';
import { createDesiredSources } from '../createDesiredSources';

const NODEPOOLS = [
  'apiVersion: karpenter.sh/v1',
  'kind: NodePool',
  'metadata: { name: batch }',
  'spec:',
  '  template:',
  '    metadata: { labels: { workload: batch } }',
  '    spec:',
  '      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }',
  '      requirements: [{ key: karpenter.sh/capacity-type, operator: In, values: [spot] }]',
  '  limits: { cpu: "200" }',
  '---',
  'apiVersion: karpenter.k8s.aws/v1',
  'kind: EC2NodeClass',
  'metadata: { name: default }',
  'spec: { amiSelectorTerms: [{ alias: al2023@latest }] }',
].join('\n');

/**
 * Backstage's own URL reader, configured as an app would: only hosts in
 * `backend.reading.allow` may be read.
 */
function manifestsSource(server: ReplayServer, url: string) {
  const config = new ConfigReader({
    backend: { reading: { allow: [{ host: new URL(server.url).host }] } },
    nodepools: { desired: { manifests: [{ url, cluster: 'ml-prod', region: 'us-east-1', account: '111122223333' }] } },
  });
  const logger = mockServices.logger.mock();
  const urlReader = UrlReaders.default({ config, logger });
  const [{ source }] = createDesiredSources(config, { logger, urlReader, baseDir: '/' });
  return source;
}

describe('ManifestsDesiredSource', () => {
  let server: ReplayServer;
  beforeEach(async () => {
    server = await startReplayServer();
    server.route({ path: '/gitops/karpenter/nodepools.yaml', match: (r: RecordedRequest) => r.headers['if-none-match'] === '"v1"' }, { status: 304, body: '' });
    server.route('/gitops/karpenter/nodepools.yaml', { body: NODEPOOLS, headers: { etag: '"v1"', 'content-type': 'text/yaml' } });
  });
  afterEach(() => server.close());

  it('reads NodePools through the URL reader, and re-reads with the ETag: unchanged is no work', async () => {
    const url = `${server.url}/gitops/karpenter/nodepools.yaml`;
    const source = manifestsSource(server, url);
    const [listing] = await source.list({ versions: new Map() });
    expect(listing).toMatchObject({ scope: `url:${url}`, location: url, complete: true, version: 'etag:"v1"' });
    expect(listing.pools.map(p => [p.ref, p.address])).toEqual([['karpenter/111122223333/us-east-1/ml-prod/batch', 'documents[0]']]);

    const [again] = await source.list({ versions: new Map([[listing.scope, listing.version!]]) });
    expect(again).toMatchObject({ complete: true, unchanged: true, pools: [] });
    expect(server.requestsTo('/gitops/karpenter/nodepools.yaml').map(r => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);
  });

  it('names the URL when the reader may not read it or it is missing', async () => {
    const elsewhere = 'http://127.0.0.2:1/gitops/nodepools.yaml';
    const [refused] = await manifestsSource(server, elsewhere).list({ versions: new Map() });
    expect(refused.complete).toBe(false);
    expect(refused.error).toContain(`${elsewhere}: cannot be read: Reading from '${elsewhere}' is not allowed`);
    const missing = `${server.url}/gitops/none.yaml`;
    const [gone] = await manifestsSource(server, missing).list({ versions: new Map() });
    expect(gone.error).toMatch(/none\.yaml: cannot be read: .*404/);
  });
});
