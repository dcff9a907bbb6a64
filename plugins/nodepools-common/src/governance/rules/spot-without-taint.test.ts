import type { NodePool } from '../../model/pool';
import { govInput, govPool, observed, runRule } from '../__fixtures__/pools';
import { spotWithoutTaintRule } from './spot-without-taint';

const spotTaint = { key: 'spot', value: 'true', effect: 'NoSchedule' as const };

describe('spot-without-taint', () => {
  it.each<[string, Partial<NodePool>, number]>([
    ['on-demand EKS pool', {}, 0],
    ['EKS spot pool without taints', { capacityType: 'spot' }, 1],
    ['EKS spot pool with a NoSchedule taint', { capacityType: 'spot', taints: [spotTaint] }, 0],
    ['EKS spot pool with a NoExecute taint', { capacityType: 'spot', taints: [{ ...spotTaint, effect: 'NoExecute' }] }, 0],
    ['EKS spot pool with only a PreferNoSchedule taint', { capacityType: 'spot', taints: [{ ...spotTaint, effect: 'PreferNoSchedule' }] }, 1],
    ['AKS spot pool: AKS taints spot nodes itself', { provider: 'aks', capacityType: 'spot', machineTypes: ['Standard_D4s_v5'] }, 0],
    ['GKE Standard spot pool: no implicit taint outside Autopilot', { provider: 'gke', capacityType: 'spot', machineTypes: ['e2-standard-4'] }, 1],
    ['Karpenter NodePool allowing spot and on-demand', { provider: 'karpenter', capacityType: 'mixed', machineTypes: [] }, 1],
    ['mixed capacity of another provider is not spot', { capacityType: 'mixed' }, 0],
    ['DOKS pool (no spot)', { provider: 'doks', machineTypes: ['s-2vcpu-4gb'] }, 0],
  ])('%s', (_case, overrides, count) => {
    expect(runRule(spotWithoutTaintRule, govInput([govPool(overrides)]))).toHaveLength(count);
  });

  it('counts a repelling taint every observed node carries', () => {
    const taints = [{ key: 'spot', value: 'true', effect: 'NoSchedule' as const, nodes: 3, carriedBy: ['a'], missingFrom: [] }];
    expect(runRule(spotWithoutTaintRule, govInput([govPool({ capacityType: 'spot', observed: observed({ taints }) })]))).toEqual([]);
    const some = [{ ...taints[0], nodes: 2, missingFrom: ['c'] }];
    expect(runRule(spotWithoutTaintRule, govInput([govPool({ capacityType: 'spot', observed: observed({ taints: some }) })]))).toHaveLength(1);
  });

  it('fixes with the provider command', () => {
    const [eks] = runRule(spotWithoutTaintRule, govInput([govPool({ capacityType: 'spot' })]));
    expect(eks.severity).toBe('high');
    expect(eks.fix).toContain('aws eks update-nodegroup-config --cluster-name prod --nodegroup-name general --taints');
    expect(eks.fix).toContain('effect=NO_SCHEDULE');
    const [gke] = runRule(spotWithoutTaintRule, govInput([govPool({ provider: 'gke', capacityType: 'spot', machineTypes: ['e2-standard-4'] })]));
    expect(gke.fix).toContain('gcloud container node-pools update general --cluster prod --location us-east-1 --node-taints spot=true:NoSchedule');
  });
});
