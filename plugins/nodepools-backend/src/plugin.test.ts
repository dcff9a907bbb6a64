import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import request from 'supertest';
import { nodepoolsPlugin } from './plugin';

jest.setTimeout(60_000);

const SAMPLES = path.resolve(__dirname, '../../../sample-inventory');
const auth = mockCredentials.user.header();
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** A backend over a database the test keeps between starts, as after a restart with new config. */
function startOn(knex: Knex, nodepools: Record<string, unknown>) {
  return startTestBackend({
    features: [
      nodepoolsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          nodepools: {
            schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
            ...nodepools,
          },
        },
      }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
    ],
  });
}

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

  it('lists a source dropped from config as removed until its grace period ends, and never acts on config that fails to load', async () => {
    const knex = await databases.init('SQLITE_3');
    const files = [{ path: path.join(SAMPLES, 'gke-ml-dev.json') }];
    const first = await startOn(knex, { sources: { files } });
    const before = await request(first.server).get('/api/nodepools/pools').set('Authorization', auth);
    expect(before.body.totalCount).toBeGreaterThan(0);
    // Three periods of the 5-minute schedule before its pools count as stale.
    expect(await knex('nodepools_sources').where({ id: 'files' }).first('stale_after_ms')).toEqual({
      stale_after_ms: 15 * 60_000,
    });
    await first.stop();

    // A config that cannot be read stops the start-up: nothing is marked removed.
    await expect(
      startOn(knex, { removedSources: { gracePeriod: 'a while' } }),
    ).rejects.toThrow("Invalid duration 'a while' in config at 'nodepools.removedSources.gracePeriod'");
    expect(await knex('nodepools_sources').where({ id: 'files' }).first('removed_at')).toEqual({
      removed_at: null,
    });

    const second = await startOn(knex, { removedSources: { gracePeriod: { hours: 2 } } });
    const sources = await request(second.server).get('/api/nodepools/sources').set('Authorization', auth);
    const [removed] = sources.body.items;
    expect(removed).toMatchObject({ id: 'files', status: 'removed', poolCount: before.body.totalCount });
    expect(Date.parse(removed.tombstoneAt) - Date.parse(removed.removedAt)).toBe(2 * 60 * 60_000);
    expect(removed.nextRunAt).toBeUndefined();
    const after = await request(second.server).get('/api/nodepools/pools').set('Authorization', auth);
    expect(after.body.totalCount).toBe(before.body.totalCount);
    expect(after.body.items[0]).toMatchObject({
      stale: true,
      staleReason: "source 'files' is no longer configured",
    });
    await second.stop();

    // Configured again: it is a source like any other.
    const third = await startOn(knex, { sources: { files } });
    const back = await request(third.server).get('/api/nodepools/sources').set('Authorization', auth);
    expect(back.body.items[0]).toMatchObject({ id: 'files', status: 'ok' });
    expect(back.body.items[0].removedAt).toBeUndefined();
    await third.stop();
  });
});
