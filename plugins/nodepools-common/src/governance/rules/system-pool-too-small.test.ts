import type { NodePool } from '../../model/pool';
import { govInput, govPool, observed, runRule } from '../__fixtures__/pools';
import { systemPoolTooSmallRule } from './system-pool-too-small';

describe('system-pool-too-small', () => {
  it.each<[string, Partial<NodePool>, number | undefined]>([
    ['user pool with min 1 is not a system pool', { autoscaling: { enabled: true, min: 1, max: 3 } }, undefined],
    ['system pool autoscaling from 1', { mode: 'system', autoscaling: { enabled: true, min: 1, max: 3 } }, 1],
    ['system pool autoscaling from 2', { mode: 'system', autoscaling: { enabled: true, min: 2, max: 3 } }, undefined],
    ['system pool autoscaling without a minimum', { mode: 'system', autoscaling: { enabled: true, max: 3 } }, 0],
    ['fixed system pool of 1 node', { mode: 'system', autoscaling: { enabled: false }, nodeCount: 1 }, 1],
    ['fixed system pool of 3 nodes', { mode: 'system', autoscaling: { enabled: false }, nodeCount: 3 }, undefined],
    [
      'fixed system pool without a count: the observed nodes',
      { mode: 'system', autoscaling: { enabled: false }, nodeCount: undefined, observed: observed({ nodeCount: 1 }) },
      1,
    ],
    [
      'Karpenter system NodePool on 1 observed node',
      { provider: 'karpenter', name: 'system', mode: 'system', autoscaling: { enabled: true }, observed: observed({ nodeCount: 1 }) },
      1,
    ],
    ['Karpenter system NodePool not observed', { provider: 'karpenter', name: 'system', mode: 'system', autoscaling: { enabled: true } }, undefined],
  ])('%s', (_case, overrides, fewest) => {
    const findings = runRule(systemPoolTooSmallRule, govInput([govPool(overrides)]));
    expect(findings.map(f => f.details.fewestNodes)).toEqual(fewest === undefined ? [] : [fewest]);
  });

  it('fixes AKS pools with the autoscaler update', () => {
    const [finding] = runRule(
      systemPoolTooSmallRule,
      govInput([govPool({ provider: 'aks', mode: 'system', machineTypes: ['Standard_D2s_v5'], autoscaling: { enabled: true, min: 1, max: 3 } })]),
    );
    expect(finding.severity).toBe('high');
    expect(finding.fix).toBe(
      'keep at least 2 nodes: az aks nodepool update --cluster-name prod --name general --update-cluster-autoscaler --min-count 2 --max-count 3 --resource-group <resource-group>',
    );
  });
});
