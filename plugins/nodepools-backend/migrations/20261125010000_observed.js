// @ts-check

/**
 * What the clusters themselves report about a pool's nodes, merged onto the
 * pool that a cloud or a Karpenter NodePool defines.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('nodepools_pools', table => {
    table.text('observed').comment('JSON roll-up of the nodes seen in the cluster');
    table.string('observed_fingerprint', 64);
    table.string('observed_source', 255).comment('Id of the source that observed the nodes');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('nodepools_pools', table => {
    table.dropColumn('observed');
    table.dropColumn('observed_fingerprint');
    table.dropColumn('observed_source');
  });
};
