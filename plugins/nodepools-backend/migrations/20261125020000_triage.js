// @ts-check

/**
 * The latest pending-pod triage of each cluster. One row per cluster: the
 * report is recomputed from a fresh snapshot on each collection.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('nodepools_triage', table => {
    table.comment('Latest pending-pod triage per cluster');
    table.string('cluster', 255).primary();
    table.string('source', 255).notNullable();
    table.string('collected_at', 32);
    table.integer('pending_count').notNullable().defaultTo(0);
    table.text('report').comment('JSON TriageReport of the last successful collection');
    table.text('pool_summaries').comment("JSON of the report's per-pool counts, read without the whole report");
    table.text('error').comment('Why the last collection failed; the report is the previous one');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_triage');
};
