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
} from '../../sources/testing';
import { createDesiredSources } from '../createDesiredSources';
import { eksState, STATE_SECRET } from '../__testUtils__/states';

const OBJECT_PATH = '/storage/v1/b/acme-tfstate/o/prod%2Feks.tfstate';
const GENERATION = '1732609876543210';

describe('GcsDesiredSource', () => {
  let tokens: GoogleTokenEndpoint;
  let gcs: ReplayServer;
  let dir: string;

  beforeEach(async () => {
    tokens = await startGoogleTokenEndpoint();
    gcs = await startReplayServer();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nodepools-gcs-key-'));
  });
  afterEach(async () => {
    await Promise.all([tokens.close(), gcs.close()]);
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** Only requests with a token the endpoint issued reach the routes. */
  const withIssuedToken = (request: RecordedRequest) =>
    tokens.issued.some(token => request.headers.authorization === `Bearer ${token}`);

  async function gcsSource() {
    const keyFile = path.join(dir, 'key.json');
    await fs.writeFile(keyFile, JSON.stringify(tokens.createKey()));
    const config = new ConfigReader({
      nodepools: {
        desired: {
          gcs: [
            {
              id: 'gcs-states',
              bucket: 'acme-tfstate',
              keyFile,
              endpoint: gcs.url,
              allowInsecureHttp: true,
              maxAttempts: 1,
              states: [{ object: 'prod/eks.tfstate' }],
            },
          ],
        },
      },
    });
    const [{ source }] = createDesiredSources(config, { logger: mockServices.logger.mock(), urlReader: mockServices.urlReader.mock(), baseDir: dir });
    return source;
  }

  it('reads the object through the JSON API with a token from google-auth-library, and skips an unchanged generation', async () => {
    gcs.route(
      { path: OBJECT_PATH, query: { alt: undefined }, match: withIssuedToken },
      { json: { kind: 'storage#object', name: 'prod/eks.tfstate', bucket: 'acme-tfstate', generation: GENERATION, size: '4096' } },
    );
    gcs.route(
      { path: OBJECT_PATH, query: { alt: 'media', ifGenerationMatch: GENERATION }, match: withIssuedToken },
      { body: eksState() },
    );
    const source = await gcsSource();
    const [state] = await source.list({ versions: new Map() });
    expect(tokens.refused).toEqual([]);
    expect(state).toMatchObject({ scope: 'gs://acme-tfstate/prod/eks.tfstate', complete: true, version: GENERATION });
    expect(state.pools.map(p => p.name)).toEqual(['general']);
    expect(JSON.stringify(state)).not.toContain(STATE_SECRET);

    const [again] = await source.list({ versions: new Map([[state.scope, GENERATION]]) });
    expect(again.unchanged).toBe(true);
    // The generation was read again; the object was not.
    expect(gcs.requests.filter(r => r.query.alt === 'media')).toHaveLength(1);
    expect(gcs.requests.filter(r => r.unmatched)).toEqual([]);
  });

  it('names the object and the API error when the bucket refuses', async () => {
    gcs.route(OBJECT_PATH, {
      status: 403,
      json: { error: { code: 403, message: 'nodepools@acme.iam.gserviceaccount.com does not have storage.objects.get access', status: 'PERMISSION_DENIED' } },
    });
    const [state] = await (await gcsSource()).list({ versions: new Map() });
    expect(state.complete).toBe(false);
    expect(state.error).toMatch(/^gs:\/\/acme-tfstate\/prod\/eks\.tfstate: .*403.*storage\.objects\.get/);
    expect(state.error).not.toContain(tokens.issued[0]);
  });
});
