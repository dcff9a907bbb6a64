// @ts-check

/**
 * Clusters are told apart by provider, account, region and name (a cluster
 * ref), not by name alone:
 * - each pool remembers which cluster its observed nodes were read from, so
 *   a complete read of one cluster clears only that cluster's roll-ups;
 * - triage reports are keyed by cluster ref.
 * Reports stored before are kept under the ref of a cluster known only by
 * its name (`kubernetes/-/-/<name>`), which is how a collection configured
 * with only a name is keyed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('nodepools_pools', table => {
    table
      .string('observed_cluster', 512)
      .comment('Cluster ref of the cluster the observed nodes were read from');
    table.index(['observed_cluster'], 'nodepools_pools_observed_cluster_idx');
  });

  await knex.schema.createTable('nodepools_triage_by_ref', table => {
    table.comment('Latest pending-pod triage per cluster');
    table.string('cluster_ref', 512).notNullable().comment('provider/account/region/cluster');
    table.string('provider', 32).notNullable();
    table.string('account', 128);
    table.string('region', 64);
    table.string('cluster', 255).notNullable();
    table.string('source', 255).notNullable();
    table.string('collected_at', 32);
    table.integer('pending_count').notNullable().defaultTo(0);
    table.text('report').comment('JSON TriageReport of the last successful collection');
    table.text('pool_summaries').comment("JSON of the report's per-pool counts, read without the whole report");
    table.text('error').comment('Why the last collection failed; the report is the previous one');
    table.primary(['cluster_ref']);
    table.index(['cluster'], 'nodepools_triage_cluster_idx');
  });
  const rows = await knex('nodepools_triage').select();
  for (const row of rows) {
    await knex('nodepools_triage_by_ref').insert({
      ...row,
      cluster_ref: `kubernetes/-/-/${row.cluster}`,
      provider: 'kubernetes',
      account: null,
      region: null,
    });
  }
  await knex.schema.dropTable('nodepools_triage');
  await knex.schema.renameTable('nodepools_triage_by_ref', 'nodepools_triage');
};

/**
 * Back to one report per cluster name: where two clusters share a name,
 * the most recently collected report stays.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.createTable('nodepools_triage_by_name', table => {
    table.comment('Latest pending-pod triage per cluster');
    table.string('cluster', 255).primary();
    table.string('source', 255).notNullable();
    table.string('collected_at', 32);
    table.integer('pending_count').notNullable().defaultTo(0);
    table.text('report').comment('JSON TriageReport of the last successful collection');
    table.text('pool_summaries').comment("JSON of the report's per-pool counts, read without the whole report");
    table.text('error').comment('Why the last collection failed; the report is the previous one');
  });
  const rows = await knex('nodepools_triage').select(
    'cluster',
    'source',
    'collected_at',
    'pending_count',
    'report',
    'pool_summaries',
    'error',
  );
  // Newest collection first, never-collected last (the databases disagree on where NULL sorts).
  rows.sort((a, b) => String(b.collected_at ?? '').localeCompare(String(a.collected_at ?? '')));
  const kept = new Set();
  for (const row of rows) {
    if (kept.has(row.cluster)) continue;
    kept.add(row.cluster);
    await knex('nodepools_triage_by_name').insert(row);
  }
  await knex.schema.dropTable('nodepools_triage');
  await knex.schema.renameTable('nodepools_triage_by_name', 'nodepools_triage');

  await knex.schema.alterTable('nodepools_pools', table => {
    table.dropIndex(['observed_cluster'], 'nodepools_pools_observed_cluster_idx');
    table.dropColumn('observed_cluster');
  });
};
