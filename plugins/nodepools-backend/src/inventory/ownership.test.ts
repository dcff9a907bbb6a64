import { makePoolSpec } from '../testing/makePoolSpec';
import { resolveOwner, type OwnerHints } from './ownership';

const ownership = {
  keys: { tagKeys: ['owner'], labelKeys: ['team'] },
  rules: [{ cluster: 'legacy-*', owner: 'platform' }],
};
const hints: OwnerHints = {
  requestedOwner: pool => (pool.name === 'requested' ? 'group:default/requesters' : undefined),
  clusterOwner: () => 'group:default/cluster-owners',
};

describe('resolveOwner', () => {
  it.each([
    [
      'a config rule beats the tags',
      makePoolSpec({ cluster: 'legacy-1', tags: { owner: 'team-a' } }),
      { owner: 'group:default/platform', ownerSource: 'config' },
    ],
    [
      'tags beat labels',
      makePoolSpec({ tags: { owner: 'team-a' }, labels: { team: 'team-b' } }),
      { owner: 'group:default/team-a', ownerSource: 'tag' },
    ],
    [
      'labels beat an approved request',
      makePoolSpec({ name: 'requested', tags: {}, labels: { team: 'team-b' } }),
      { owner: 'group:default/team-b', ownerSource: 'label' },
    ],
    [
      "an approved request beats the cluster entity's owner",
      makePoolSpec({ name: 'requested', tags: {}, labels: {} }),
      { owner: 'group:default/requesters', ownerSource: 'request' },
    ],
    [
      "the cluster entity's owner comes last",
      makePoolSpec({ tags: {}, labels: {} }),
      { owner: 'group:default/cluster-owners', ownerSource: 'catalog' },
    ],
  ])('%s', (_case, pool, expected) => {
    expect(resolveOwner(pool, ownership, hints)).toEqual(expected);
  });

  it('names no owner when nothing does', () => {
    expect(resolveOwner(makePoolSpec({ tags: {}, labels: {} }), ownership)).toBeUndefined();
  });
});
