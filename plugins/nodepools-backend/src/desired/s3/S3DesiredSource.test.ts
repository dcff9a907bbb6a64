import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { startReplayServer, type RecordedRequest, type ReplayServer } from '../../sources/testing';
import { createDesiredSources } from '../createDesiredSources';
import { eksState, STATE_SECRET } from '../__testUtils__/states';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const ETAG = '"9b2cf535f27731c974343645a3985328"';

function s3Source(server: ReplayServer) {
  const config = new ConfigReader({
    nodepools: {
      desired: {
        s3: [
          {
            id: 'tf-state',
            bucket: 'acme-tfstate',
            region: 'eu-west-1',
            endpoint: server.url,
            allowInsecureHttp: true,
            forcePathStyle: true,
            accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
            secretAccessKey: SECRET_KEY,
            maxAttempts: 2,
            timeoutMs: 2000,
            states: [{ key: 'prod/eks.tfstate' }, { key: 'prod/missing.tfstate', cluster: 'other' }],
          },
        ],
      },
    },
  });
  const [{ source }] = createDesiredSources(config, { logger: mockServices.logger.mock(), urlReader: mockServices.urlReader.mock(), baseDir: '/' });
  return source;
}

const NO_SUCH_KEY = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>';

describe('S3DesiredSource', () => {
  let server: ReplayServer;
  beforeEach(async () => {
    server = await startReplayServer();
    server.route(
      { path: '/acme-tfstate/prod/eks.tfstate', match: (r: RecordedRequest) => r.headers['if-none-match'] === ETAG },
      { status: 304, body: '' },
    );
    server.route('/acme-tfstate/prod/eks.tfstate', { body: eksState(), headers: { etag: ETAG, 'content-type': 'application/json' } });
    server.route('/acme-tfstate/prod/missing.tfstate', { status: 404, body: NO_SUCH_KEY, headers: { 'content-type': 'application/xml' } });
  });
  afterEach(() => server.close());

  it('reads each state object with the real S3 client, signed, and names a missing one', async () => {
    const source = s3Source(server);
    expect(source.target).toBe('2 states in s3://acme-tfstate');
    const [state, missing] = await source.list({ versions: new Map() });
    expect(state).toMatchObject({ scope: 's3://acme-tfstate/prod/eks.tfstate', complete: true, version: ETAG });
    expect(state.pools.map(p => p.ref)).toEqual(['eks/111122223333/eu-west-1/payments-prod/general']);
    expect(state.pools[0].source).toBe('s3://acme-tfstate/prod/eks.tfstate');
    expect(missing.complete).toBe(false);
    expect(missing.error).toMatch(/^s3:\/\/acme-tfstate\/prod\/missing\.tfstate: GetObject s3:\/\/acme-tfstate\/prod\/missing\.tfstate: .*NoSuchKey/);
    const get = server.requestsTo('/acme-tfstate/prod/eks.tfstate')[0];
    expect(get.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request/);
    expect(JSON.stringify([state, missing])).not.toContain(STATE_SECRET);
    expect(JSON.stringify(missing)).not.toContain(SECRET_KEY);
  });

  it('asks with the ETag of the last complete read and does no work on a 304', async () => {
    const source = s3Source(server);
    const [state] = await source.list({ versions: new Map([['s3://acme-tfstate/prod/eks.tfstate', ETAG]]) });
    expect(state).toEqual({
      scope: 's3://acme-tfstate/prod/eks.tfstate',
      location: 's3://acme-tfstate/prod/eks.tfstate',
      complete: true,
      unchanged: true,
      version: ETAG,
      pools: [],
    });
    expect(server.requestsTo('/acme-tfstate/prod/eks.tfstate')[0].headers['if-none-match']).toBe(ETAG);
  });

  it('retries a 503 and reads the state on the next attempt', async () => {
    server.route(
      { path: '/acme-tfstate/prod/eks.tfstate', match: (r: RecordedRequest) => r.headers['if-none-match'] === undefined },
      { status: 503, body: '<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>', headers: { 'content-type': 'application/xml', 'retry-after': '0' } },
      { body: eksState({ maxSize: 8 }), headers: { etag: '"2"' } },
    );
    const [state] = await s3Source(server).list({ versions: new Map() });
    expect(state.complete).toBe(true);
    expect(state.pools[0].autoscaling?.max).toBe(8);
    expect(server.requestsTo('/acme-tfstate/prod/eks.tfstate')).toHaveLength(2);
  });
});
