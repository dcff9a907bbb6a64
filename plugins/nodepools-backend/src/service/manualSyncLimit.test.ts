import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { nodepoolsPlugin } from '../plugin';
import { ManualSyncLimiter, readManualSyncInterval } from './manualSyncLimit';

jest.setTimeout(60_000);

const SAMPLES = path.resolve(__dirname, '../../../../sample-inventory');
const auth = mockCredentials.user.header();

async function start(manualSync?: JsonObject) {
  const { server } = await startTestBackend({
    features: [
      nodepoolsPlugin,
      mockServices.rootConfig.factory({
        data: {
          nodepools: {
            schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
            sources: { files: [{ path: path.join(SAMPLES, 'doks-tools.json'), cluster: 'tools', region: 'ams3' }] },
            triage: {
              files: [
                {
                  cluster: 'payments-prod',
                  pods: path.join(SAMPLES, 'triage/payments-prod/pods.json'),
                  nodes: path.join(SAMPLES, 'triage/payments-prod/nodes.json'),
                },
              ],
            },
            ...(manualSync ? { manualSync } : {}),
          },
        },
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    ],
  });
  return server;
}

function memoryCache() {
  return CacheManager.fromConfig(new ConfigReader({})).forPlugin('nodepools');
}

describe('manual syncs', () => {
  it('run a source at most once per interval, answering 429 with Retry-After meanwhile', async () => {
    const server = await start({ minInterval: { minutes: 5 } });
    const first = await request(server).post('/api/nodepools/sources/files/sync').set('Authorization', auth);
    expect(first.status).toBe(202);

    const again = await request(server).post('/api/nodepools/sources/files/sync').set('Authorization', auth);
    expect(again.status).toBe(429);
    const retryAfter = Number(again.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(again.body.error).toMatchObject({
      name: 'TooManyRequestsError',
      message: `Source 'files' was synced by hand recently; try again in ${retryAfter} s`,
    });
    expect(again.body.response).toEqual({ statusCode: 429 });

    // The limit is per source.
    const other = await request(server).post('/api/nodepools/sources/triage-files/sync').set('Authorization', auth);
    expect(other.status).toBe(202);
  });

  it('do not spend the interval on a source that does not exist', async () => {
    const server = await start();
    for (let i = 0; i < 2; i += 1) {
      const res = await request(server).post('/api/nodepools/sources/nope/sync').set('Authorization', auth);
      expect(res.status).toBe(404);
    }
  });

  it('are allowed again once the interval has passed', async () => {
    let now = 1_000_000;
    const limiter = new ManualSyncLimiter(memoryCache(), 60_000, () => now);
    expect(await limiter.reserve('aws')).toBeUndefined();
    now += 45_000;
    expect(await limiter.reserve('aws')).toBe(15_000);
    expect(await limiter.reserve('gcp')).toBeUndefined();
    now += 15_000;
    expect(await limiter.reserve('aws')).toBeUndefined();
    await limiter.release('aws');
    expect(await limiter.reserve('aws')).toBeUndefined();
  });

  it('read their interval from config, one minute by default, and refuse a zero one by name', () => {
    expect(readManualSyncInterval(new ConfigReader({}))).toBe(60_000);
    expect(
      readManualSyncInterval(new ConfigReader({ nodepools: { manualSync: { minInterval: '10m' } } })),
    ).toBe(600_000);
    expect(() =>
      readManualSyncInterval(new ConfigReader({ nodepools: { manualSync: { minInterval: { seconds: 0 } } } })),
    ).toThrow("Invalid duration at 'nodepools.manualSync.minInterval': must be longer than zero");
  });
});
