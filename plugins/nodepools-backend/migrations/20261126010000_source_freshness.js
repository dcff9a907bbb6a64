// @ts-check

/**
 * What a source's pools need to age honestly:
 * - `removed_at`: when the source was first seen missing from config; its
 *   pools are tombstoned once the grace period has passed;
 * - `stale_after_ms`: how long after its scope's last complete listing a
 *   pool of the source counts as stale (a few periods of its schedule),
 *   written by each run so that reads derive staleness from the clock.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('nodepools_sources', table => {
    table.string('removed_at', 32).comment('When the source was first found missing from config');
    table
      .bigInteger('stale_after_ms')
      .comment('Age of the last complete listing beyond which its pools are stale');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('nodepools_sources', table => {
    table.dropColumn('removed_at');
    table.dropColumn('stale_after_ms');
  });
};
