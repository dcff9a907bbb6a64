import type { PoolConditionSubject } from './poolConditions';
import { poolMeetsCondition, poolPassesRestriction } from './poolConditions';

const pool = (over: Partial<PoolConditionSubject> = {}): PoolConditionSubject => ({
  provider: 'eks',
  account: '111122223333',
  region: 'eu-west-1',
  cluster: 'payments-prod',
  owner: 'group:default/team-payments',
  ...over,
});

describe('pool conditions', () => {
  it.each([
    ['an owner among the claims, whatever their case', pool(), { owners: ['Group:Default/Team-Payments'] }, true],
    ['another owner', pool(), { owners: ['group:default/team-search'] }, false],
    ['no owner against any claims', pool({ owner: undefined }), { owners: ['group:default/team-payments'] }, false],
    ['no claims at all', pool(), { owners: [] }, false],
    ['its cluster by bare name', pool(), { clusters: [{ provider: 'kubernetes' as const, cluster: 'payments-prod' }] }, true],
    ['its cluster by full ref', pool(), { clusters: [{ provider: 'eks' as const, account: '111122223333', region: 'eu-west-1', cluster: 'payments-prod' }] }, true],
    ['a namesake in another region', pool(), { clusters: [{ provider: 'eks' as const, region: 'us-east-1', cluster: 'payments-prod' }] }, false],
    ['a Karpenter pool in an EKS cluster', pool({ provider: 'karpenter', account: undefined, region: undefined }), { clusters: [{ provider: 'eks' as const, region: 'us-east-1', cluster: 'payments-prod' }] }, true],
    ['its provider', pool(), { providers: ['gke', 'eks'] as Array<'gke' | 'eks'> }, true],
    ['another provider', pool(), { providers: ['aks'] as Array<'aks'> }, false],
  ])('a pool meets %s: %p', (_case, subject, condition, expected) => {
    expect(poolMeetsCondition(subject, condition)).toBe(expected);
  });

  it('combine with allOf, anyOf and not', () => {
    const unowned = pool({ owner: undefined });
    const mine = { owners: ['group:default/team-payments'] };
    expect(poolPassesRestriction(unowned, { not: mine })).toBe(true);
    expect(poolPassesRestriction(pool(), { not: mine })).toBe(false);
    expect(poolPassesRestriction(unowned, { anyOf: [mine, { providers: ['eks'] }] })).toBe(true);
    expect(poolPassesRestriction(unowned, { allOf: [mine, { providers: ['eks'] }] })).toBe(false);
  });
});
