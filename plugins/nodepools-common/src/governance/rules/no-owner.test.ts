import { govInput, govPool, runRule } from '../__fixtures__/pools';
import { governanceFindingId } from '../findingId';
import { noOwnerRule } from './no-owner';

describe('no-owner', () => {
  it.each([
    ['an owned pool', { owner: 'group:default/team-a' }, 0],
    ['no owner', { owner: undefined }, 1],
    ['an empty owner', { owner: '' }, 1],
    ['an owner the catalog does not know (unknown-owner says so, not this rule)', { ownerStatus: 'unknown' as const }, 0],
  ])('%s', (_case, overrides, count) => {
    expect(runRule(noOwnerRule, govInput([govPool(overrides)]))).toHaveLength(count);
  });

  it('names the pool, its cluster ref and a provider-aware fix, with a stable id', () => {
    const entry = govPool({ owner: undefined });
    const [finding] = runRule(noOwnerRule, govInput([entry]));
    expect(finding).toMatchObject({
      id: governanceFindingId('no-owner', entry.pool.ref),
      rule: 'no-owner',
      severity: 'medium',
      subject: { kind: 'pool', ref: 'eks/111122223333/us-east-1/prod/general' },
      clusterRef: 'eks/111122223333/us-east-1/prod',
      message: 'Pool general in prod has no owner.',
    });
    expect(finding.owner).toBeUndefined();
    expect(finding.fix).toContain('`owner` tag on the EKS pool');
  });

  it('leaves tombstoned pools out', () => {
    expect(runRule(noOwnerRule, govInput([govPool({ owner: undefined, tombstonedAt: '2026-11-01T00:00:00Z' })]))).toEqual([]);
  });
});
