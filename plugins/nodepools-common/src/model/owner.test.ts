import { ownerFromPool, toOwnerRef, tryOwnerRef } from './owner';

describe('toOwnerRef', () => {
  it.each([
    ['a bare name is a group in the default namespace', 'team-payments', 'group:default/team-payments'],
    ['a bare name keeps its dots and underscores', 'platform.sre_oncall', 'group:default/platform.sre_oncall'],
    ['a kind without namespace is in the default namespace', 'user:jane.doe', 'user:default/jane.doe'],
    ['a namespace without kind is a group there', 'finance/payments', 'group:finance/payments'],
    ['a full ref stays as it is', 'group:finance/payments', 'group:finance/payments'],
    ['kind, namespace and name are lower-cased', 'Group:Finance/Team-Payments', 'group:finance/team-payments'],
    ['surrounding blanks are dropped', '  team-payments \n', 'group:default/team-payments'],
  ])('%s', (_case, value, ref) => {
    expect(toOwnerRef(value)).toBe(ref);
  });

  it.each([
    ['an empty value', '   ', 'An owner must not be empty'],
    ['a kind with nothing after it', 'group:', "'group:' is not an entity ref"],
    ['a namespace with no name', 'finance/', "'finance/' is not an entity ref"],
  ])('refuses %s, naming it', (_case, value, message) => {
    expect(() => toOwnerRef(value)).toThrow(message);
    expect(tryOwnerRef(value)).toBeUndefined();
  });
});

describe('ownerFromPool', () => {
  const keys = { tagKeys: ['owner', 'team'], labelKeys: ['team'] };

  it('takes the first tag key that names someone, before any label', () => {
    expect(
      ownerFromPool({ tags: { team: 'payments', owner: 'user:jane' }, labels: { team: 'web' } }, keys),
    ).toEqual({ owner: 'user:default/jane', ownerSource: 'tag' });
  });

  it('skips a value that is not an entity ref and reads the next key', () => {
    expect(
      ownerFromPool({ tags: { owner: 'group:' }, labels: { team: 'web' } }, keys),
    ).toEqual({ owner: 'group:default/web', ownerSource: 'label' });
  });

  it('names no one when no key has a value', () => {
    expect(ownerFromPool({ tags: { env: 'prod' }, labels: {} }, keys)).toBeUndefined();
  });
});
