// @ts-check

/**
 * Which source's copy of a pool counts when two sources list it: each
 * source's priority, written by each of its runs. Sources recorded before
 * get the default of their kind: live cloud APIs 300, what clusters report
 * (Karpenter NodePools, observed nodes) 200, files and others 100.
 * History gets an index on its time, for pruning past the retention.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('nodepools_sources', table => {
    table.integer('priority').comment("Precedence of the source's copy of a pool over other sources'");
  });
  await knex('nodepools_sources').whereIn('kind', ['eks', 'gke', 'aks', 'doks']).update({ priority: 300 });
  await knex('nodepools_sources').whereIn('kind', ['karpenter', 'kubernetes']).update({ priority: 200 });
  await knex('nodepools_sources').whereNull('priority').update({ priority: 100 });
  await knex.schema.alterTable('nodepools_history', table => {
    table.index(['at'], 'nodepools_history_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('nodepools_history', table => {
    table.dropIndex(['at'], 'nodepools_history_at_idx');
  });
  await knex.schema.alterTable('nodepools_sources', table => {
    table.dropColumn('priority');
  });
};
