import type { OwnerStatus } from '../../model/owner';
import { govInput, govPool, runRule } from '../__fixtures__/pools';
import { unknownOwnerRule } from './unknown-owner';

describe('unknown-owner', () => {
  it.each<[OwnerStatus | undefined, number]>([
    ['known', 0],
    ['unknown', 1],
    ['unchecked', 0],
    ['none', 0],
    [undefined, 0],
  ])('owner status %s gives %d findings', (ownerStatus, count) => {
    expect(runRule(unknownOwnerRule, govInput([govPool({ ownerStatus })]))).toHaveLength(count);
  });

  it('says which owner and where it came from', () => {
    const [finding] = runRule(
      unknownOwnerRule,
      govInput([govPool({ owner: 'group:default/ghosts', ownerStatus: 'unknown', ownerSource: 'tag' })]),
    );
    expect(finding.owner).toBe('group:default/ghosts');
    expect(finding.details).toMatchObject({ owner: 'group:default/ghosts', ownerSource: 'tag' });
    expect(finding.message).toContain('no Group or User');
  });
});
