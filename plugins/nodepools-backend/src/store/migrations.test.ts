import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const directory = resolvePackagePath('@nodepools/plugin-nodepools-backend', 'migrations');

async function migrateUpTo(knex: Knex, name: string) {
  const [, pending]: [unknown, Array<{ file: string }>] = await knex.migrate.list({ directory });
  for (const { file } of pending) {
    await knex.migrate.up({ directory, name: file });
    if (file === name) return;
  }
}

/** Undoes every migration after `name`. */
async function migrateDownTo(knex: Knex, name: string) {
  for (;;) {
    const [completed]: [Array<{ name: string }>, unknown] = await knex.migrate.list({ directory });
    if (completed[completed.length - 1].name === name) return;
    await knex.migrate.down({ directory });
  }
}

describe('migrations', () => {
  it.each(databases.eachSupportedId())(
    'keep pools through adding observed nodes, and back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await migrateUpTo(knex, '20261125000000_init.js');
      const pool = {
        ref: 'eks/1/r/c/general',
        provider: 'eks',
        account: '1',
        region: 'r',
        cluster: 'c',
        name: 'general',
        mode: 'user',
        capacity_type: 'on-demand',
        node_count: 3,
        source: 'files',
        scope: 'file:a.json',
        search: 'general',
        fingerprint: 'f',
        spec: '{"name":"general"}',
        raw: '{}',
        first_seen_at: '2026-11-01T00:00:00.000Z',
        changed_at: '2026-11-01T00:00:00.000Z',
      };
      await knex('nodepools_pools').insert(pool);

      await knex.migrate.up({ directory, name: '20261125010000_observed.js' });
      const upgraded = await knex('nodepools_pools').where({ ref: pool.ref }).first();
      expect(upgraded).toMatchObject({ ...pool, observed: null, observed_source: null });
      await knex('nodepools_pools')
        .where({ ref: pool.ref })
        .update({ observed: '{"nodeCount":2}', observed_source: 'kubernetes' });

      await knex.migrate.down({ directory });
      const downgraded = await knex('nodepools_pools').where({ ref: pool.ref }).first();
      expect(downgraded).toMatchObject(pool);
      expect(downgraded).not.toHaveProperty('observed');

      // Documents move to their own table and back.
      await knex.migrate.latest({ directory });
      expect(await knex('nodepools_pool_documents').where({ ref: pool.ref }).first()).toMatchObject({
        ref: pool.ref,
        spec: pool.spec,
        raw: pool.raw,
      });
      expect(await knex('nodepools_pools').where({ ref: pool.ref }).first()).not.toHaveProperty('spec');
      await migrateDownTo(knex, '20261125030000_live_name_index.js');
      expect(await knex('nodepools_pools').where({ ref: pool.ref }).first()).toMatchObject({
        spec: pool.spec,
        raw: pool.raw,
      });

      await knex.migrate.latest({ directory });
      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('nodepools_pools')).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'keep observed nodes and triage reports through cluster refs, and back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await migrateUpTo(knex, '20261125040000_pool_documents.js');
      const pool = {
        ref: 'eks/1/eu-west-1/prod/general',
        provider: 'eks',
        account: '1',
        region: 'eu-west-1',
        cluster: 'prod',
        name: 'general',
        mode: 'user',
        capacity_type: 'on-demand',
        node_count: 3,
        source: 'eks',
        scope: 'eks/1/eu-west-1/prod',
        search: 'general',
        fingerprint: 'f',
        first_seen_at: '2026-11-01T00:00:00.000Z',
        changed_at: '2026-11-01T00:00:00.000Z',
        observed: '{"nodeCount":2}',
        observed_fingerprint: 'o',
        observed_source: 'kubernetes',
      };
      await knex('nodepools_pools').insert(pool);
      const triage = (cluster: string, collectedAt: string) => ({
        cluster,
        source: 'kubernetes',
        collected_at: collectedAt,
        pending_count: 1,
        report: `{"cluster":"${cluster}"}`,
        pool_summaries: '[]',
        error: null,
      });
      await knex('nodepools_triage').insert([
        triage('prod', '2026-11-01T10:00:00.000Z'),
        triage('shop', '2026-11-01T09:00:00.000Z'),
      ]);

      await knex.migrate.up({ directory, name: '20261126000000_cluster_refs.js' });
      expect(await knex('nodepools_pools').where({ ref: pool.ref }).first()).toMatchObject({
        ...pool,
        observed_cluster: null,
      });
      expect(await knex('nodepools_triage').orderBy('cluster_ref')).toEqual([
        { ...triage('prod', '2026-11-01T10:00:00.000Z'), cluster_ref: 'kubernetes/-/-/prod', provider: 'kubernetes', account: null, region: null },
        { ...triage('shop', '2026-11-01T09:00:00.000Z'), cluster_ref: 'kubernetes/-/-/shop', provider: 'kubernetes', account: null, region: null },
      ]);
      // Two clusters named prod now have a report each; the newer one wins a downgrade.
      await knex('nodepools_triage').insert({
        ...triage('prod', '2026-11-01T11:00:00.000Z'),
        report: '{"cluster":"prod","region":"eu-west-1"}',
        cluster_ref: 'eks/1/eu-west-1/prod',
        provider: 'eks',
        account: '1',
        region: 'eu-west-1',
      });
      await knex('nodepools_pools')
        .where({ ref: pool.ref })
        .update({ observed_cluster: 'kubernetes/1/eu-west-1/prod' });

      await knex.migrate.down({ directory });
      const downgraded = await knex('nodepools_pools').where({ ref: pool.ref }).first();
      expect(downgraded).toMatchObject(pool);
      expect(downgraded).not.toHaveProperty('observed_cluster');
      expect(await knex('nodepools_triage').orderBy('cluster')).toEqual([
        { ...triage('prod', '2026-11-01T11:00:00.000Z'), report: '{"cluster":"prod","region":"eu-west-1"}' },
        triage('shop', '2026-11-01T09:00:00.000Z'),
      ]);

      await knex.migrate.latest({ directory });
      expect(
        (await knex('nodepools_triage').select('cluster_ref').orderBy('cluster_ref')).map(r => r.cluster_ref),
      ).toEqual(['kubernetes/-/-/prod', 'kubernetes/-/-/shop']);
    },
  );

  it.each(databases.eachSupportedId())(
    'keep sources through removal marks and staleness limits, and back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await migrateUpTo(knex, '20261126000000_cluster_refs.js');
      const source = {
        id: 'files',
        kind: 'file',
        target: '2 files',
        status: 'ok',
        last_run_at: '2026-11-01T00:00:00.000Z',
        last_success_at: '2026-11-01T00:00:00.000Z',
        duration_ms: 12,
        pool_count: 3,
        error: null,
        issues: '[]',
      };
      await knex('nodepools_sources').insert(source);
      await knex.migrate.up({ directory, name: '20261126010000_source_freshness.js' });
      expect(await knex('nodepools_sources').first()).toEqual({
        ...source,
        removed_at: null,
        stale_after_ms: null,
      });
      await knex('nodepools_sources').update({ removed_at: '2026-11-02T00:00:00.000Z', stale_after_ms: 900_000 });
      await knex.migrate.down({ directory });
      expect(await knex('nodepools_sources').first()).toEqual(source);
    },
  );

  it.each(databases.eachSupportedId())(
    'give recorded sources the priority of their kind, and back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await migrateUpTo(knex, '20261126010000_source_freshness.js');
      const source = (id: string, kind: string) => ({
        id,
        kind,
        target: id,
        status: 'ok',
        pool_count: 0,
        issues: '[]',
      });
      await knex('nodepools_sources').insert([
        source('aws', 'eks'),
        source('clusters', 'kubernetes'),
        source('files', 'file'),
        source('cmdb', 'cmdb'),
      ]);
      await knex.migrate.up({ directory, name: '20261126020000_source_priority.js' });
      expect(await knex('nodepools_sources').orderBy('id').select('id', 'priority')).toEqual([
        { id: 'aws', priority: 300 },
        { id: 'clusters', priority: 200 },
        { id: 'cmdb', priority: 100 },
        { id: 'files', priority: 100 },
      ]);
      await knex.migrate.down({ directory });
      const downgraded = await knex('nodepools_sources').orderBy('id');
      expect(downgraded.map(row => row.id)).toEqual(['aws', 'clusters', 'cmdb', 'files']);
      expect(downgraded[0]).not.toHaveProperty('priority');
    },
  );
});
