// @ts-check

/**
 * What the pools' own records do not say, read beside them for governance:
 * - `nodepools_pool_usage`: the latest usage of each pool's nodes
 *   (`metrics.k8s.io`, as `kubectl top nodes`), written only when it
 *   changes, so it never touches the pool rows or their list documents;
 * - `nodepools_pool_usage_daily`: per pool and UTC day, the highest
 *   requested (from the observed roll-up) and used cpu and memory;
 * - `nodepools_pool_subnets`: the free addresses of an EKS pool's subnets
 *   (`DescribeSubnets`);
 * - `nodepools_pool_node_costs`: the average hourly cost of one node of
 *   the pool from real costs (OpenCost).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('nodepools_pool_usage', table => {
    table.comment('Latest usage of the nodes of each pool, from the node metrics of its cluster');
    table.string('ref', 512).primary();
    table.string('observed_at', 32).notNullable().comment('When this value was first read');
    table.double('cpu_used').notNullable().comment('Cores');
    table.double('memory_used').notNullable().comment('Bytes');
  });

  await knex.schema.createTable('nodepools_pool_usage_daily', table => {
    table.comment('Daily peaks of the requested and used cpu and memory of each pool');
    table.string('ref', 512).notNullable();
    table.string('day', 10).notNullable().comment('UTC day, YYYY-MM-DD');
    table.double('requested_cpu');
    table.double('requested_memory');
    table.double('used_cpu');
    table.double('used_memory');
    table.primary(['ref', 'day']);
    table.index(['day'], 'nodepools_pool_usage_daily_day_idx');
  });

  await knex.schema.createTable('nodepools_pool_subnets', table => {
    table.comment('Free addresses of the subnets of each EKS pool');
    table.string('ref', 512).primary();
    table.text('subnets').notNullable().comment('JSON array of {id, availableIps, cidr}');
    table.string('observed_at', 32).notNullable().comment('When this value was first read');
  });

  await knex.schema.createTable('nodepools_pool_node_costs', table => {
    table.comment('Average hourly cost of one node of each pool, from real costs');
    table.string('ref', 512).primary();
    table.double('node_hourly').notNullable();
    table.double('node_hours').notNullable().comment('Node hours the average is over');
    table.string('cost_window', 64).notNullable().comment('The window asked for, e.g. 7d');
    table.string('origin', 512).notNullable().comment('Where the costs were read: the OpenCost URL');
    table.string('observed_at', 32).notNullable().comment('When this value was first read');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_pool_node_costs');
  await knex.schema.dropTable('nodepools_pool_subnets');
  await knex.schema.dropTable('nodepools_pool_usage_daily');
  await knex.schema.dropTable('nodepools_pool_usage');
};
