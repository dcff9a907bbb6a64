import type { NodePool } from '../../model/pool';
import { govInput, govPool, runRule } from '../__fixtures__/pools';
import { fixedSizeRule } from './fixed-size';

describe('fixed-size', () => {
  it.each<[string, Partial<NodePool>, number]>([
    ['range 1-5', {}, 0],
    ['range 3-3', { autoscaling: { enabled: true, min: 3, max: 3 } }, 1],
    ['range 0-0', { autoscaling: { enabled: true, min: 0, max: 0 } }, 1],
    ['no autoscaler (autoscaling-off says so)', { autoscaling: { enabled: false } }, 0],
    ['Karpenter without bounds', { provider: 'karpenter', autoscaling: { enabled: true } }, 0],
    ['system pool 3-3', { mode: 'system', autoscaling: { enabled: true, min: 3, max: 3 } }, 0],
  ])('%s', (_case, overrides, count) => {
    expect(runRule(fixedSizeRule, govInput([govPool(overrides)]))).toHaveLength(count);
  });

  it('says the size', () => {
    const [finding] = runRule(fixedSizeRule, govInput([govPool({ autoscaling: { enabled: true, min: 3, max: 3 } })]));
    expect(finding.details).toEqual(expect.objectContaining({ min: 3, max: 3 }));
    expect(finding.fix).toContain('minSize=1,maxSize=6');
  });
});
