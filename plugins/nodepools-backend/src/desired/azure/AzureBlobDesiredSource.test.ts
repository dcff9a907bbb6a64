import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { startReplayServer, type RecordedRequest, type ReplayServer } from '../../sources/testing';
import { createDesiredSources } from '../createDesiredSources';
import { eksState, STATE_SECRET } from '../__testUtils__/states';

/** The storage emulator's published development account and key. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const BLOB_PATH = `/${ACCOUNT}/tfstate/prod/eks.tfstate`;
const ETAG = '"0x8DD0F5C2A1B3C4D"';

/** Headers the blob service (and the emulator) send with a blob. */
function blobHeaders(body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    etag: ETAG,
    'last-modified': 'Tue, 26 Nov 2026 10:00:00 GMT',
    'x-ms-blob-type': 'BlockBlob',
    'x-ms-request-id': '6b1c9a2e-0001-0000-0000-000000000000',
    'x-ms-version': '2025-05-05',
  };
}

function blobSource(server: ReplayServer) {
  const config = new ConfigReader({
    nodepools: {
      desired: {
        azureBlob: [
          {
            id: 'azure-states',
            accountName: ACCOUNT,
            accountKey: ACCOUNT_KEY,
            endpoint: `${server.url}/${ACCOUNT}`,
            allowInsecureHttp: true,
            container: 'tfstate',
            maxAttempts: 1,
            states: [{ blob: 'prod/eks.tfstate' }, { blob: 'prod/gone.tfstate' }],
          },
        ],
      },
    },
  });
  const [{ source }] = createDesiredSources(config, { logger: mockServices.logger.mock(), urlReader: mockServices.urlReader.mock(), baseDir: '/' });
  return source;
}

describe('AzureBlobDesiredSource', () => {
  let server: ReplayServer;
  beforeEach(async () => {
    server = await startReplayServer();
    const body = eksState();
    server.route({ path: BLOB_PATH, match: (r: RecordedRequest) => r.headers['if-none-match'] === ETAG }, { status: 304, body: '', headers: { etag: ETAG, 'x-ms-version': '2025-05-05' } });
    server.route(BLOB_PATH, { body, headers: blobHeaders(body) });
    server.route(`/${ACCOUNT}/tfstate/prod/gone.tfstate`, {
      status: 404,
      body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>',
      headers: { 'content-type': 'application/xml', 'x-ms-error-code': 'BlobNotFound', 'x-ms-version': '2025-05-05' },
    });
  });
  afterEach(() => server.close());

  it('downloads each blob with the real client and a shared key, and names a missing one', async () => {
    const [state, gone] = await blobSource(server).list({ versions: new Map() });
    const location = `${server.url}/${ACCOUNT}/tfstate/prod/eks.tfstate`;
    expect(state).toMatchObject({ scope: `blob:${location}`, location, complete: true, version: ETAG });
    expect(state.pools.map(p => p.name)).toEqual(['general']);
    expect(server.requestsTo(BLOB_PATH)[0].headers.authorization).toMatch(new RegExp(`^SharedKey ${ACCOUNT}:`));
    expect(gone.complete).toBe(false);
    expect(gone.error).toContain('prod/gone.tfstate');
    expect(gone.error).toMatch(/BlobNotFound|404/);
    expect(JSON.stringify([state, gone])).not.toContain(STATE_SECRET);
    expect(JSON.stringify(gone)).not.toContain(ACCOUNT_KEY);
  });

  it('asks with the ETag of the last complete read; a 304 is no work', async () => {
    const location = `${server.url}/${ACCOUNT}/tfstate/prod/eks.tfstate`;
    const [state] = await blobSource(server).list({ versions: new Map([[`blob:${location}`, ETAG]]) });
    expect(state).toMatchObject({ complete: true, unchanged: true, version: ETAG, pools: [] });
    expect(server.requestsTo(BLOB_PATH)[0].headers['if-none-match']).toBe(ETAG);
  });
});
