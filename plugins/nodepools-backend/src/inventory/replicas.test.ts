import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import type { Knex } from 'knex';
import request from 'supertest';
import { nodepoolsSourcesExtensionPoint } from '../extensions';
import { nodepoolsPlugin } from '../plugin';
import type { PoolSource } from '../sources/types';
import { makePoolSpec } from '../testing/makePoolSpec';

jest.setTimeout(90_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17'] });

/** A source that counts its runs across every replica of the test. */
function countingSource(runs: string[]): (replica: string) => PoolSource {
  return replica => ({
    id: 'counted',
    kind: 'test',
    target: 'a counter',
    async list() {
      runs.push(replica);
      await new Promise(r => setTimeout(r, 300));
      return [{ scope: 'all', complete: true, pools: [makePoolSpec()] }];
    },
  });
}

/** Ten clusters, each a scope with one pool; records which scopes each run was asked for, on which replica. */
function shardedSource(runs: Array<{ replica: string; scopes: string[] }>): (replica: string) => PoolSource {
  const scopes = Array.from({ length: 10 }, (_, i) => `fleet/cluster-${i}`);
  return replica => ({
    id: 'fleet',
    kind: 'test',
    target: 'ten clusters',
    async list({ includeScope }) {
      const mine = scopes.filter(scope => !includeScope || includeScope(scope));
      runs.push({ replica, scopes: mine });
      await new Promise(r => setTimeout(r, 300));
      return mine.map(scope => ({
        scope,
        complete: true,
        pools: [makePoolSpec({ cluster: scope.split('/')[1], name: 'general' })],
      }));
    },
  });
}

async function startReplica(knex: Knex, source: PoolSource, shards?: number) {
  const { server } = await startTestBackend({
    features: [
      nodepoolsPlugin,
      createBackendModule({
        pluginId: 'nodepools',
        moduleId: 'counted-source',
        register(env) {
          env.registerInit({
            deps: { sources: nodepoolsSourcesExtensionPoint },
            async init({ sources }) {
              sources.addSource(
                source,
                {
                  frequency: { minutes: 30 },
                  timeout: { minutes: 1 },
                  initialDelay: { seconds: 1 },
                },
                { shards },
              );
            },
          });
        },
      }),
      mockServices.database.factory({ knex }),
      schedulerServiceFactory,
    ],
  });
  return server;
}

async function waitUntil(condition: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 100));
  }
}

describe('several backend replicas on one PostgreSQL', () => {
  it('runs each scheduled sync once, on one replica', async () => {
    const knex = await databases.init('POSTGRES_17');
    const runs: string[] = [];
    const source = countingSource(runs);
    const a = await startReplica(knex, source('a'));
    const b = await startReplica(knex, source('b'));

    // The task is due once (after its initial delay); give both replicas time to race for it.
    await waitUntil(() => runs.length > 0, 20_000);
    await new Promise(r => setTimeout(r, 5_000));
    expect(runs).toHaveLength(1);

    // A manual sync asked of either replica also runs exactly once.
    const res = await request(b)
      .post('/api/nodepools/sources/counted/sync')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(202);
    await waitUntil(() => runs.length > 1, 20_000);
    await new Promise(r => setTimeout(r, 5_000));
    expect(runs).toHaveLength(2);

    const pools = await request(a)
      .get('/api/nodepools/pools')
      .set('Authorization', mockCredentials.user.header());
    expect(pools.body.totalCount).toBe(1);
  });

  it('runs each shard of a sharded source once, on either replica, and together they list every scope', async () => {
    const knex = await databases.init('POSTGRES_17');
    const runs: Array<{ replica: string; scopes: string[] }> = [];
    const source = shardedSource(runs);
    const a = await startReplica(knex, source('a'), 2);
    await startReplica(knex, source('b'), 2);

    await waitUntil(() => runs.length >= 2, 20_000);
    await new Promise(r => setTimeout(r, 5_000));
    expect(runs).toHaveLength(2);
    const [first, second] = runs.map(r => r.scopes);
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    expect(first.filter(scope => second.includes(scope))).toEqual([]);
    expect([...first, ...second].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `fleet/cluster-${i}`).sort());

    const auth = mockCredentials.user.header();
    const pools = await request(a).get('/api/nodepools/pools').set('Authorization', auth);
    expect(pools.body.totalCount).toBe(10);
    expect(pools.body.items.every((p: { stale: boolean }) => !p.stale)).toBe(true);
    const sources = await request(a).get('/api/nodepools/sources').set('Authorization', auth);
    expect(sources.body.items).toHaveLength(1);
    expect(sources.body.items[0]).toMatchObject({ id: 'fleet', status: 'ok', poolCount: 10 });
    expect(sources.body.items[0].shards.map((s: { shard: string; status: string }) => [s.shard, s.status])).toEqual([
      ['1/2', 'ok'],
      ['2/2', 'ok'],
    ]);
  });
});
