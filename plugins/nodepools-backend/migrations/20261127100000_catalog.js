// @ts-check

/**
 * What the catalog says about pools, and what runs on them:
 * - `nodepools_catalog_clusters`: the catalog's own `kubernetes-cluster`
 *   Resources, with the cluster their annotation names and their owner,
 *   the last resort of a pool's owner;
 * - `nodepools_owner_refs`: whether each owner of a pool is a catalog
 *   Group or User;
 * - `nodepools_pool_workloads` and `nodepools_workload_labels`: which
 *   workloads' pods run on each pool (by namespace and workload labels),
 *   and the label values to find a workload's pools by;
 * - `nodepools_history_horizon`: the newest history id pruned, so that a
 *   reader of the change feed behind it is told to read everything again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('nodepools_catalog_clusters', table => {
    table.comment('Cluster Resources of the catalog (not those the nodepools module emits)');
    table.string('entity_ref', 512).primary();
    table.string('cluster', 512).notNullable().comment('Cluster ref its annotation names, - for unknown parts');
    table.string('owner', 512).comment('Its spec.owner as an entity ref');
    table.string('checked_at', 32).notNullable();
  });

  await knex.schema.createTable('nodepools_owner_refs', table => {
    table.comment('Whether each owner of a pool is a catalog Group or User');
    table.string('owner_ref', 512).primary();
    table.string('status', 16).notNullable().comment('known or unknown');
    table.string('kind', 64).comment('The kind of the entity found, when one was');
    table.string('checked_at', 32).notNullable();
  });

  await knex.schema.createTable('nodepools_pool_workloads', table => {
    table.comment('Which workloads run on each pool, from the observed pods');
    table.string('ref', 512).primary();
    table.string('source', 255).notNullable().comment('Id of the source whose roll-up this is');
    table.string('observed_cluster', 512).notNullable();
    table.text('workloads').notNullable().comment('JSON array of {namespace, labels, pods}');
    table.integer('other_pods').notNullable().defaultTo(0);
    table.string('fingerprint', 64).notNullable();
    table.index(['source', 'observed_cluster'], 'nodepools_pool_workloads_source_idx');
  });

  await knex.schema.createTable('nodepools_workload_labels', table => {
    table.comment('The workload label values of each pool, to find the pools of a workload');
    table.string('ref', 512).notNullable();
    table.string('label_key', 320).notNullable();
    table.string('label_value', 64).notNullable();
    table.primary(['ref', 'label_key', 'label_value']);
    table.index(['label_key', 'label_value'], 'nodepools_workload_labels_value_idx');
  });

  await knex.schema.createTable('nodepools_history_horizon', table => {
    table.comment('The newest history id pruned');
    table.integer('id').primary();
    table.bigInteger('pruned_through').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_history_horizon');
  await knex.schema.dropTable('nodepools_workload_labels');
  await knex.schema.dropTable('nodepools_pool_workloads');
  await knex.schema.dropTable('nodepools_owner_refs');
  await knex.schema.dropTable('nodepools_catalog_clusters');
};
