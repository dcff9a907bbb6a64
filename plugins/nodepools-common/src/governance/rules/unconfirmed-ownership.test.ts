import type { OwnershipConfirmation } from '../types';
import { govInput, govPool, runRule } from '../__fixtures__/pools';
import { unconfirmedOwnershipRule } from './unconfirmed-ownership';

const REF = 'eks/111122223333/us-east-1/prod/general';
const confirmed = (at: string, extra: Partial<OwnershipConfirmation> = {}): Map<string, OwnershipConfirmation> =>
  new Map([[REF, { poolRef: REF, owner: 'group:default/team-a', by: 'user:default/jo', at, ...extra }]]);

describe('unconfirmed-ownership', () => {
  it.each<[string, Map<string, OwnershipConfirmation>, string | undefined, number]>([
    ['never confirmed', new Map(), 'group:default/team-a', 1],
    ['confirmed 10 days ago', confirmed('2026-11-22T12:00:00Z'), 'group:default/team-a', 0],
    ['confirmed exactly 90 days ago', confirmed('2026-09-03T12:00:00Z'), 'group:default/team-a', 0],
    ['confirmed 91 days ago', confirmed('2026-09-02T12:00:00Z'), 'group:default/team-a', 1],
    ['confirmed by the previous owner', confirmed('2026-11-22T12:00:00Z', { owner: 'group:default/old' }), 'group:default/team-a', 1],
    ['handed over since', confirmed('2026-11-22T12:00:00Z', { handedTo: 'group:default/b' }), 'group:default/team-a', 1],
    ['no owner (no-owner says so)', new Map(), undefined, 0],
  ])('%s', (_case, confirmations, owner, count) => {
    expect(runRule(unconfirmedOwnershipRule, govInput([govPool({ owner })], { confirmations }))).toHaveLength(count);
  });

  it('says when it was last confirmed', () => {
    const [finding] = runRule(unconfirmedOwnershipRule, govInput([govPool()], { confirmations: confirmed('2026-06-01T00:00:00Z') }));
    expect(finding.message).toBe('group:default/team-a last confirmed pool general in prod on 2026-06-01, more than 90 days ago.');
    expect(finding.details.lastConfirmedAt).toBe('2026-06-01T00:00:00Z');
  });
});
