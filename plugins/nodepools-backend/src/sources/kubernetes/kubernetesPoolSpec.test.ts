import type { V1Node } from '@kubernetes/client-node';
import { observedPoolToPoolSpec } from './kubernetesPoolSpec';
import type { ClusterObservedPool } from './observedNodes';
import { PoolAccumulator } from './poolAccumulator';
import { node } from './__testUtils__/objects';

function observe(poolLabel: string, pool: string, nodes: ReturnType<typeof node>[]): ClusterObservedPool {
  const accumulator = new PoolAccumulator(pool, poolLabel);
  for (const n of nodes) accumulator.addNode(n as unknown as V1Node, []);
  return {
    cluster: 'c',
    pool,
    poolLabel,
    observed: accumulator.observed('2025-01-01T00:00:00.000Z'),
    facts: accumulator.facts(),
  };
}

describe('observedPoolToPoolSpec', () => {
  it('marks an AKS pool whose nodes are all in system mode as a system pool', () => {
    const labels = { agentpool: 'sys', 'kubernetes.azure.com/mode': 'system' };
    const spec = observedPoolToPoolSpec(
      observe('agentpool', 'sys', [node({ name: 'a', labels }), node({ name: 'b', labels })]),
      { cluster: 'aks-1', account: 'sub-1', region: 'westeurope' },
    );
    expect(spec).toMatchObject({
      provider: 'kubernetes',
      account: 'sub-1',
      region: 'westeurope',
      cluster: 'aks-1',
      name: 'sys',
      mode: 'system',
      nodeCount: 2,
      autoscaling: { enabled: false },
      labels: { agentpool: 'sys' },
    });
  });

  it('marks a pool tainted CriticalAddonsOnly on every node as a system pool', () => {
    const taints = [{ key: 'CriticalAddonsOnly', effect: 'NoSchedule' }];
    const spec = observedPoolToPoolSpec(
      observe('karpenter.sh/nodepool', 'system', [
        node({ name: 'a', labels: { 'karpenter.sh/nodepool': 'system' }, taints }),
      ]),
      { cluster: 'auto' },
    );
    expect(spec.mode).toBe('system');
    expect(spec.taints).toEqual([{ key: 'CriticalAddonsOnly', effect: 'NoSchedule' }]);
  });

  it('keeps only the taints all nodes share, and says mixed when capacity types differ', () => {
    const spec = observedPoolToPoolSpec(
      observe('cloud.google.com/gke-nodepool', 'pool-1', [
        node({
          name: 'a',
          labels: { 'cloud.google.com/gke-spot': 'true', 'kubernetes.io/arch': 'arm64' },
          taints: [
            { key: 'gpu', value: 'true', effect: 'NoSchedule' },
            { key: 'team', value: 'ml', effect: 'PreferNoSchedule' },
          ],
          kubeletVersion: 'v1.30.5-gke.1014001',
        }),
        node({
          name: 'b',
          labels: { 'cloud.google.com/gke-spot': 'true', 'kubernetes.io/arch': 'arm64' },
          taints: [
            { key: 'gpu', value: 'true', effect: 'NoSchedule' },
            { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
          ],
          kubeletVersion: 'v1.31.1-gke.1146000',
        }),
      ]),
      { cluster: 'gke-1' },
    );
    expect(spec).toMatchObject({
      mode: 'user',
      os: 'linux',
      arch: 'arm64',
      capacityType: 'spot',
      taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }],
    });
    // Nodes on two kubelet versions: the pool has no single version.
    expect(spec.kubernetesVersion).toBeUndefined();

    const mixed = observedPoolToPoolSpec(
      observe('karpenter.sh/nodepool', 'flex', [
        node({ name: 'a', labels: { 'karpenter.sh/capacity-type': 'spot' } }),
        // No capacity label: regular capacity.
        node({ name: 'b' }),
      ]),
      { cluster: 'c' },
    );
    expect(mixed.capacityType).toBe('mixed');
    expect(mixed.arch).toBeUndefined();
  });

  it('keeps only facts that do not change between syncs in raw', () => {
    const spec = observedPoolToPoolSpec(
      observe('doks.digitalocean.com/node-pool', 'pool-a', [node({ name: 'a' })]),
      { cluster: 'do-1' },
    );
    expect(Object.keys(spec.raw as object).sort()).toEqual(['facts', 'poolLabel']);
  });
});
