// @ts-check

/**
 * The default listing (live pools by name) walks this index instead of
 * sorting every live pool: PostgreSQL cannot order by the older
 * (tombstoned_at, name, ref) index because `IS NULL` is not an equality.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('nodepools_pools', table => {
    table.index(['name', 'ref'], 'nodepools_pools_live_by_name_idx', {
      predicate: knex.whereNull('tombstoned_at'),
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('nodepools_pools', table => {
    table.dropIndex(['name', 'ref'], 'nodepools_pools_live_by_name_idx');
  });
};
