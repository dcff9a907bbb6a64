import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const directory = resolvePackagePath('@nodepools/plugin-nodepools-backend', 'migrations');
const CATALOG_MIGRATION = '20261127100000_catalog.js';
const NEW_TABLES = [
  'nodepools_catalog_clusters',
  'nodepools_owner_refs',
  'nodepools_pool_workloads',
  'nodepools_workload_labels',
  'nodepools_history_horizon',
];

describe('the catalog migration', () => {
  it.each(databases.eachSupportedId())('adds its tables and takes them away again, on %p', async databaseId => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const [, pending]: [unknown, Array<{ file: string }>] = await knex.migrate.list({ directory });
    for (const { file } of pending) {
      await knex.migrate.up({ directory, name: file });
      if (file === CATALOG_MIGRATION) break;
    }
    for (const table of NEW_TABLES) expect([table, await knex.schema.hasTable(table)]).toEqual([table, true]);
    await knex('nodepools_history').insert({ ref: 'r', event: 'created', source: 's', at: 'now', changes: '[]' });
    await knex('nodepools_history_horizon').insert({ id: 1, pruned_through: 9_007_199_254_740 });
    expect(await knex('nodepools_history_horizon').first()).toEqual({ id: 1, pruned_through: expect.anything() });

    await knex.migrate.down({ directory });
    for (const table of NEW_TABLES) expect([table, await knex.schema.hasTable(table)]).toEqual([table, false]);
    expect(await knex('nodepools_history').count({ n: '*' })).toEqual([{ n: databaseId === 'SQLITE_3' ? 1 : '1' }]);
  });
});
