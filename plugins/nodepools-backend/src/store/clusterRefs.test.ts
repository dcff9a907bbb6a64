import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import {
  clusterRef,
  DEFAULT_OWNER_KEYS,
  encodeReport,
  type ClusterIdentity,
  type ObservedNodes,
  type TriageReport,
} from '@nodepools/plugin-nodepools-common';
import { preparePool } from '../inventory/preparePool';
import { makePoolSpec } from '../testing/makePoolSpec';
import { AmbiguousClusterError, resolveCluster } from '../triage/resolveCluster';
import { createStoresFromKnex, type Stores } from './createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };

/** Two EKS clusters named `prod`, in two regions of one account. */
const EU: ClusterIdentity = { provider: 'eks', account: '111122223333', region: 'eu-west-1', cluster: 'prod' };
const US: ClusterIdentity = { ...EU, region: 'us-east-1' };
const euGeneral = makePoolSpec({ ...EU, name: 'general' });
const usGeneral = makePoolSpec({ ...US, name: 'general' });
const usBatch = makePoolSpec({ ...US, name: 'batch' });
/** A NodePool read from inside the US cluster, and a GKE cluster of the same name. */
const usKarpenter = makePoolSpec({ ...US, provider: 'karpenter', name: 'spot' });
const gkeProd = makePoolSpec({ provider: 'gke', account: 'acme', region: 'us-east1', cluster: 'prod', name: 'default-pool' });
const gkeCluster: ClusterIdentity = { provider: 'gke', account: 'acme', region: 'us-east1', cluster: 'prod' };
/** The same clusters as the observing source reads them from inside. */
const seenFrom = (cluster: ClusterIdentity): ClusterIdentity => ({ ...cluster, provider: 'kubernetes' });

function observed(nodeCount: number): ObservedNodes {
  return {
    nodeCount,
    readyCount: nodeCount,
    kubeletVersions: ['v1.33.1'],
    osImages: [],
    zones: [],
    allocatable: { cpu: 4 * nodeCount },
    requested: {},
    observedAt: '2026-11-01T10:00:00.000Z',
  };
}

function report(cluster: string, pending: number): TriageReport {
  return {
    format: 3,
    cluster,
    pools: [],
    signatures: [
      { id: 's1', pods: pending, requests: {}, summary: [], schedulableNow: false, fix: { kind: 'none', text: '' }, fits: '', verdicts: [] },
    ],
    reasons: [],
    pods: Array.from({ length: pending }, (_, i) => ({
      namespace: 'default',
      name: `web-${i}`,
      state: 'unscheduled',
      signature: 's1',
    })),
    skipped: [],
    notes: [],
  };
}

describe('two clusters of one name in two regions', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let stores: Stores;
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      stores = await createStoresFromKnex(knex);
      await stores.pools.applySync({
        source: { id: 'eks', kind: 'eks', target: 'account 111122223333' },
        startedAt: '2026-11-01T10:00:00.000Z',
        finishedAt: '2026-11-01T10:00:00.000Z',
        outcome: {
          listings: (
            [
              [EU, [euGeneral]],
              [US, [usGeneral, usBatch, usKarpenter]],
              [gkeCluster, [gkeProd]],
            ] as const
          ).map(([cluster, pools]) => ({
            scope: clusterRef(cluster),
            complete: true,
            pools: pools.map(p => preparePool(p, ownership)),
          })),
        },
      });
    });

    const ref = (pool: typeof euGeneral) => preparePool(pool, ownership).ref;

    it('keep their own observed nodes when only one of them is read in full', async () => {
      await stores.pools.applyObserved('kubernetes', [
        { scope: 'kubernetes/prod-eu', complete: true, cluster: seenFrom(EU), entries: [{ ref: ref(euGeneral), observed: observed(2) }] },
        {
          scope: 'kubernetes/prod-us',
          complete: true,
          cluster: seenFrom(US),
          entries: [
            { ref: ref(usGeneral), observed: observed(3) },
            { ref: ref(usBatch), observed: observed(1) },
          ],
        },
      ]);
      // The EU cluster scaled its pool to zero; the US cluster could not be read this time.
      const written = await stores.pools.applyObserved('kubernetes', [
        { scope: 'kubernetes/prod-eu', complete: true, cluster: seenFrom(EU), entries: [] },
        { scope: 'kubernetes/prod-us', complete: false, cluster: seenFrom(US), entries: [] },
      ]);
      expect(written).toBe(1);
      expect((await stores.pools.getPool(ref(euGeneral)))?.observed).toBeUndefined();
      expect((await stores.pools.getPool(ref(usGeneral)))?.observed).toMatchObject({ nodeCount: 3 });
      expect((await stores.pools.getPool(ref(usBatch)))?.observed).toMatchObject({ nodeCount: 1 });

      // A complete read of the US cluster without the batch nodes clears only its batch pool.
      await stores.pools.applyObserved('kubernetes', [
        { scope: 'kubernetes/prod-us', complete: true, cluster: seenFrom(US), entries: [{ ref: ref(usGeneral), observed: observed(3) }] },
      ]);
      expect((await stores.pools.getPool(ref(usGeneral)))?.observed).toMatchObject({ nodeCount: 3 });
      expect((await stores.pools.getPool(ref(usBatch)))?.observed).toBeUndefined();
    });

    it('lose roll-ups stored before clusters had refs when their cluster is read in full', async () => {
      await stores.pools.applyObserved('kubernetes', [
        { scope: 'kubernetes/prod-us', complete: true, cluster: seenFrom(US), entries: [{ ref: ref(usBatch), observed: observed(1) }] },
      ]);
      // As the upgrade leaves them: the cluster they were read from is unknown.
      await knex('nodepools_pools').update({ observed_cluster: null });
      const rewritten = await stores.pools.applyObserved('kubernetes', [
        { scope: 'kubernetes/prod-us', complete: true, cluster: seenFrom(US), entries: [{ ref: ref(usGeneral), observed: observed(3) }] },
      ]);
      expect(rewritten).toBe(2);
      expect((await stores.pools.getPool(ref(usBatch)))?.observed).toBeUndefined();
      expect(
        await knex('nodepools_pools').where({ ref: ref(usGeneral) }).first('observed_cluster'),
      ).toEqual({ observed_cluster: 'kubernetes/111122223333/us-east-1/prod' });
    });

    it('keep their own triage reports', async () => {
      await stores.triage.saveReport({ cluster: EU, source: 'kubernetes', collectedAt: '2026-11-01T10:00:00.000Z', report: encodeReport(report('prod', 2)) });
      await stores.triage.saveReport({ cluster: US, source: 'kubernetes', collectedAt: '2026-11-01T10:01:00.000Z', report: encodeReport(report('prod', 5)) });
      await stores.triage.saveError({ cluster: EU, source: 'kubernetes', error: 'connection refused' });

      expect(await stores.triage.listClusters()).toEqual([
        { clusterRef: 'eks/111122223333/eu-west-1/prod', ...EU, source: 'kubernetes', pendingPods: 2, collectedAt: '2026-11-01T10:00:00.000Z', error: 'connection refused' },
        { clusterRef: 'eks/111122223333/us-east-1/prod', ...US, source: 'kubernetes', pendingPods: 5, collectedAt: '2026-11-01T10:01:00.000Z' },
      ]);
      expect(JSON.parse((await stores.triage.getReport(clusterRef(EU)))!.reportJson).pods).toHaveLength(2);
      expect(await stores.triage.getReport(clusterRef(US))).toMatchObject({ ...US, clusterRef: clusterRef(US) });
      expect(await stores.triage.getReport('kubernetes/-/-/prod')).toBeUndefined();
    });

    it('give a triage only the pools of its own cluster, and refuse a bare name', async () => {
      expect(await stores.pools.findClusters('prod')).toEqual([
        EU,
        US,
        { ...gkeCluster },
        { ...US, provider: 'karpenter' },
      ]);
      // Pools read from inside the cluster (Karpenter) belong to it too; another platform's do not.
      expect((await stores.pools.listClusterPools(US)).map(p => p.ref).sort()).toEqual(
        [ref(usBatch), ref(usGeneral), ref(usKarpenter)].sort(),
      );
      expect((await stores.pools.listClusterPools(EU)).map(p => p.ref)).toEqual([ref(euGeneral)]);
      expect(await resolveCluster(stores.pools, { provider: 'kubernetes', region: 'us-east-1', cluster: 'prod' })).toEqual(US);

      const bare = resolveCluster(stores.pools, { provider: 'kubernetes', cluster: 'prod' });
      await expect(bare).rejects.toThrow(AmbiguousClusterError);
      await expect(bare).rejects.toThrow(
        "'kubernetes/-/-/prod' may be any of 3 clusters: eks/111122223333/eu-west-1/prod, eks/111122223333/us-east-1/prod, gke/acme/us-east1/prod",
      );
    });
  });
});
