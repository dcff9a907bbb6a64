import { isResourcePermission } from '@backstage/plugin-permission-common';
import { NODEPOOL_RESOURCE_TYPE, nodepoolPermissions } from './permissions';

describe('nodepool permissions', () => {
  it('have unique dotted names under nodepool.', () => {
    const names = nodepoolPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^nodepool\.[a-z]+(\.[a-z]+)*$/);
  });

  it('are conditional on the pool where a decision depends on which pool', () => {
    const onPools = nodepoolPermissions.filter(p => isResourcePermission(p, NODEPOOL_RESOURCE_TYPE)).map(p => p.name);
    expect(onPools.sort()).toEqual(['nodepool.drift.acknowledge', 'nodepool.raw.read', 'nodepool.read', 'nodepool.review.confirm']);
  });
});
