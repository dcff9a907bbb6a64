import { govInput, govPool, runRule } from '../__fixtures__/pools';
import { staleSourceRule } from './stale-source';

describe('stale-source', () => {
  it.each([
    ['fresh pool', { stale: false }, []],
    ['stale with a reason', { stale: true, staleReason: 'not refreshed since 2026-11-30T10:00:00Z' }, ['Pool general in prod is stale: not refreshed since 2026-11-30T10:00:00Z.']],
    ['stale without a reason', { stale: true }, ['Pool general in prod is stale: its source failed its last sync.']],
  ])('%s', (_case, overrides, messages) => {
    expect(runRule(staleSourceRule, govInput([govPool(overrides)])).map(f => f.message)).toEqual(messages);
  });

  it('names the source to fix', () => {
    const [finding] = runRule(staleSourceRule, govInput([govPool({ stale: true })]));
    expect(finding.fix).toContain('eks-prod');
    expect(finding.details.source).toBe('eks-prod');
  });
});
