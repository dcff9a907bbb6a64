import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { nodepoolsPlugin } from './plugin';

jest.setTimeout(60_000);

const SAMPLES = path.resolve(__dirname, '../../../sample-inventory');
const auth = mockCredentials.user.header();

async function startWithFiles(files: Array<Record<string, string>>) {
  const { server } = await startTestBackend({
    features: [
      nodepoolsPlugin,
      mockServices.rootConfig.factory({
        data: {
          nodepools: {
            schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
            sources: { files },
          },
        },
      }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
    ],
  });
  return server;
}

describe('nodepools plugin', () => {
  it('imports configured exports at start-up and isolates a bad file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nodepools-plugin-'));
    const bad = path.join(dir, 'broken.json');
    await fs.writeFile(bad, '{"node_pools": [{"name": "web", "size": 4}]}');
    const server = await startWithFiles([
      { path: path.join(SAMPLES, 'gke-ml-dev.json') },
      { path: bad, cluster: 'web', region: 'nyc1' },
      { path: path.join(dir, 'absent.json') },
    ]);

    const pools = await request(server)
      .get('/api/nodepools/pools?limit=500')
      .set('Authorization', auth);
    expect(pools.status).toBe(200);
    expect(pools.body.totalCount).toBeGreaterThan(0);
    expect(new Set(pools.body.items.map((p: { cluster: string }) => p.cluster))).toEqual(
      new Set(['ml-dev']),
    );

    const sources = await request(server)
      .get('/api/nodepools/sources')
      .set('Authorization', auth);
    const [files] = sources.body.items;
    expect(files).toMatchObject({ id: 'files', kind: 'file', status: 'partial' });
    expect(Date.parse(files.nextRunAt) - Date.parse(files.lastRunAt)).toBe(5 * 60_000);
    expect(files.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: bad, index: 0, field: 'size' }),
        expect.objectContaining({ file: path.join(dir, 'absent.json'), message: 'file not found' }),
      ]),
    );
  });
});
