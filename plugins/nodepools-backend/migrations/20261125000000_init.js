// @ts-check

/**
 * Current pools, their append-only history, and the sync state of sources and
 * their scopes. Timestamps are ISO-8601 strings so that SQLite and PostgreSQL
 * sort and compare them the same way.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('nodepools_pools', table => {
    table.comment('The latest known state of every node pool');
    table.string('ref', 512).primary().comment('provider/account/region/cluster/name');
    table.string('provider', 32).notNullable();
    table.string('account', 128);
    table.string('region', 64);
    table.string('cluster', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('mode', 16).notNullable();
    table.string('capacity_type', 32).notNullable();
    table.integer('node_count');
    table.string('owner', 255);
    table.string('owner_source', 16);
    table.string('source', 255).notNullable().comment('Id of the source that last reported the pool');
    table.string('scope', 512).notNullable().comment('Unit of complete listing within the source (a file, a cluster)');
    table.text('search').notNullable().comment('Lower-cased text that free-text queries match');
    table.string('fingerprint', 64).notNullable().comment('Hash of spec and raw: unchanged pools are not rewritten');
    table.text('spec').notNullable().comment('The normalized pool as JSON');
    table.text('raw').comment("The provider's record as JSON");
    table.string('first_seen_at', 32).notNullable();
    table.string('changed_at', 32).notNullable();
    table.string('tombstoned_at', 32);
    table.index(['tombstoned_at', 'name', 'ref'], 'nodepools_pools_live_name_idx');
    table.index(['cluster'], 'nodepools_pools_cluster_idx');
    table.index(['owner'], 'nodepools_pools_owner_idx');
    table.index(['source', 'scope'], 'nodepools_pools_source_scope_idx');
  });

  await knex.schema.createTable('nodepools_history', table => {
    table.comment('Append-only field-level changes of pools');
    table.bigIncrements('id').primary();
    table.string('ref', 512).notNullable();
    table.string('event', 16).notNullable();
    table.string('source', 255).notNullable();
    table.string('at', 32).notNullable();
    table.text('changes').notNullable().comment('JSON array of {field, before, after}');
    table.index(['ref', 'id'], 'nodepools_history_ref_idx');
  });

  await knex.schema.createTable('nodepools_sources', table => {
    table.comment('The last sync of each configured source');
    table.string('id', 255).primary();
    table.string('kind', 32).notNullable();
    table.string('target', 1024).notNullable();
    table.string('status', 16).notNullable();
    table.string('last_run_at', 32);
    table.string('last_success_at', 32);
    table.integer('duration_ms');
    table.integer('pool_count').notNullable().defaultTo(0);
    table.text('error');
    table.text('issues').comment('JSON array of import issues of the last run');
  });

  await knex.schema.createTable('nodepools_scopes', table => {
    table.comment(
      'Scopes of a source whose last listing failed; a row is written only when that changes',
    );
    table.string('source', 255).notNullable();
    table.string('scope', 512).notNullable();
    table.text('error').comment('Set while the scope fails: its pools are stale');
    table.string('failing_since', 32);
    table.string('last_success_at', 32);
    table.primary(['source', 'scope']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_scopes');
  await knex.schema.dropTable('nodepools_sources');
  await knex.schema.dropTable('nodepools_history');
  await knex.schema.dropTable('nodepools_pools');
};
