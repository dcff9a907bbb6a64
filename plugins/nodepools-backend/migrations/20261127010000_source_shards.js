// @ts-check

/**
 * Sources whose scopes are shared out between several scheduled tasks
 * (`shards`): each shard's last run is kept on its own row, and each pool
 * remembers the shard that listed it, so its freshness follows that
 * shard's runs rather than the whole source's. The source's own row keeps
 * the roll-up of its shards for the sources page.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('nodepools_pools', table => {
    table.string('shard', 16).comment('The shard (index/count) that listed the pool; null when its source is not sharded');
  });
  await knex.schema.alterTable('nodepools_sources', table => {
    table.integer('shard_count').comment('Shards of the source at its last run; null when not sharded');
  });
  await knex.schema.createTable('nodepools_source_shards', table => {
    table.comment('The last run of each shard of a sharded source');
    table.string('source', 255).notNullable();
    table.string('shard', 16).notNullable().comment('index/count, from 1');
    table.integer('shard_count').notNullable();
    table.string('status', 16).notNullable();
    table.string('last_run_at', 32);
    table.string('last_success_at', 32);
    table.integer('duration_ms');
    table.text('error');
    table.text('issues').comment('JSON ImportIssue[] of the last run');
    table.primary(['source', 'shard']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_source_shards');
  await knex.schema.alterTable('nodepools_sources', table => {
    table.dropColumn('shard_count');
  });
  await knex.schema.alterTable('nodepools_pools', table => {
    table.dropColumn('shard');
  });
};
