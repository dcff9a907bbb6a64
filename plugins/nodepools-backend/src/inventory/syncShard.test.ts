import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_OWNER_KEYS } from '@nodepools/plugin-nodepools-common';
import { createStoresFromKnex } from '../store/createStores';
import { shardOfScope } from '../store/shards';
import type { PoolSource } from '../sources/types';
import { makePoolSpec } from '../testing/makePoolSpec';
import { syncSource } from './syncSource';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const SCOPES = Array.from({ length: 6 }, (_, i) => `files/cluster-${i}`);

/** A source that lists every scope whatever it is asked, as a module's source may. */
const everything: PoolSource = {
  id: 'cmdb',
  kind: 'cmdb',
  target: 'the CMDB',
  async list() {
    return SCOPES.map(scope => ({
      scope,
      complete: true,
      pools: [makePoolSpec({ cluster: scope.split('/')[1] })],
    }));
  },
};

describe('a shard of a source that ignores includeScope', () => {
  it('writes only the scopes of its own shard, and tombstones none of the others', async () => {
    const { pools: store } = await createStoresFromKnex(await databases.init('SQLITE_3'));
    const options = { source: everything, store, ownership: { keys: DEFAULT_OWNER_KEYS, rules: [] }, logger: mockServices.logger.mock() };
    const first = await syncSource({ ...options, shard: { index: 0, count: 2 } });
    const mine = SCOPES.filter(scope => shardOfScope(scope, 2) === 0);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(SCOPES.length);
    expect(first.created).toBe(mine.length);
    const second = await syncSource({ ...options, shard: { index: 1, count: 2 } });
    expect(second).toMatchObject({ created: SCOPES.length - mine.length, tombstoned: 0 });
    expect((await store.listPools({})).totalCount).toBe(SCOPES.length);
  });
});
