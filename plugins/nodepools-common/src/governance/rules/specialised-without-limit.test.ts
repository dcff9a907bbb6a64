import type { NodePool } from '../../model/pool';
import { govInput, govPool, runRule } from '../__fixtures__/pools';
import { specialisedWithoutLimitRule } from './specialised-without-limit';

const gpuNodePool: Partial<NodePool> = {
  provider: 'karpenter',
  machineTypes: ['g5.xlarge'],
  autoscaling: { enabled: true },
};

describe('specialised-without-limit', () => {
  it.each<[string, Partial<NodePool>, number]>([
    ['GPU node group with a maximum', { machineTypes: ['g5.xlarge'] }, 0],
    ['GPU node group autoscaled without a maximum', { machineTypes: ['g5.xlarge'], autoscaling: { enabled: true, min: 0 } }, 1],
    ['GPU node group without autoscaling is bounded by its count', { machineTypes: ['g5.xlarge'], autoscaling: { enabled: false } }, 0],
    ['Karpenter GPU NodePool without limits', gpuNodePool, 1],
    ['Karpenter GPU NodePool with limits', { ...gpuNodePool, limits: { 'nvidia.com/gpu': '8' } }, 0],
    ['Karpenter general NodePool without limits is not specialised', { ...gpuNodePool, machineTypes: ['m5.large'] }, 0],
    ['high-memory group without a maximum', { machineTypes: ['r5.large'], autoscaling: { enabled: true, min: 1 } }, 1],
  ])('%s', (_case, overrides, count) => {
    expect(runRule(specialisedWithoutLimitRule, govInput([govPool(overrides)]))).toHaveLength(count);
  });

  it('suggests a bound of twice the current nodes', () => {
    const [finding] = runRule(specialisedWithoutLimitRule, govInput([govPool({ machineTypes: ['g5.xlarge'], autoscaling: { enabled: true, min: 0 } })]));
    expect(finding.severity).toBe('medium');
    expect(finding.fix).toContain('--scaling-config minSize=0,maxSize=6');
  });
});
