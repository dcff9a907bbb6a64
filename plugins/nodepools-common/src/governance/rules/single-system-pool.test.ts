import type { NodePool } from '../../model/pool';
import { govInput, govPool, runRule } from '../__fixtures__/pools';
import { singleSystemPoolRule } from './single-system-pool';

const aks = (name: string, mode: NodePool['mode'], extra: Partial<NodePool> = {}) =>
  govPool({ provider: 'aks', account: 'sub-1', region: 'westeurope', name, mode, machineTypes: ['Standard_D4s_v5'], ...extra });

describe('single-system-pool', () => {
  it.each<[string, ReturnType<typeof govPool>[], number]>([
    ['AKS cluster with one system and one user pool', [aks('sys', 'system'), aks('apps', 'user')], 1],
    ['AKS cluster with two system pools', [aks('sys1', 'system'), aks('sys2', 'system'), aks('apps', 'user')], 0],
    ['AKS cluster whose only pool is its system pool', [aks('sys', 'system')], 1],
    ['a removed second system pool does not count', [aks('sys1', 'system'), aks('sys2', 'system', { tombstonedAt: '2026-11-01T00:00:00Z' })], 1],
    ['EKS pools have no mode to count', [govPool({ name: 'a', mode: 'system' }), govPool({ name: 'b' })], 0],
    ['GKE pools have no mode to count', [govPool({ provider: 'gke', name: 'a' })], 0],
  ])('%s', (_case, pools, count) => {
    expect(runRule(singleSystemPoolRule, govInput(pools))).toHaveLength(count);
  });

  it('is about the cluster, with the owner its pools share', () => {
    const [finding] = runRule(singleSystemPoolRule, govInput([aks('sys', 'system'), aks('apps', 'user')]));
    expect(finding).toMatchObject({
      subject: { kind: 'cluster', ref: 'aks/sub-1/westeurope/prod' },
      clusterRef: 'aks/sub-1/westeurope/prod',
      owner: 'group:default/team-a',
      details: { systemPool: 'sys', pools: 2 },
    });
    const [mixedOwners] = runRule(singleSystemPoolRule, govInput([aks('sys', 'system'), aks('apps', 'user', { owner: 'group:default/b' })]));
    expect(mixedOwners.owner).toBeUndefined();
  });
});
