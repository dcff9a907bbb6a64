// @ts-check

/**
 * Self-service pool requests: the request with its current spec and state,
 * a version bumped by every change (optimistic concurrency: a change names
 * the version it was made on), the audit trail of every transition, and
 * the groups that may approve each submitted request.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('nodepools_requests', table => {
    table.comment('Requests for new node pools and where each stands');
    table.string('id', 36).primary();
    table.string('kind', 32).notNullable();
    table.string('cluster_ref', 512).notNullable().comment('provider/account/region/cluster of the inventory');
    table.string('name', 255).notNullable();
    table.string('owner', 255).notNullable();
    table.string('state', 16).notNullable();
    table.string('requester', 255).notNullable();
    table.string('approver', 255);
    table.integer('version').notNullable();
    table.text('spec').notNullable().comment('The requested pool as JSON');
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.string('submitted_at', 32);
    table.string('decided_at', 32);
    table.string('provisioned_at', 32);
    table.string('pool_ref', 512).comment('The pool of the inventory the request was linked to');
    table.text('state_reason');
    table.index(['state', 'created_at'], 'nodepools_requests_state_idx');
    table.index(['cluster_ref', 'name'], 'nodepools_requests_cluster_name_idx');
    table.index(['requester', 'created_at'], 'nodepools_requests_requester_idx');
    table.index(['owner'], 'nodepools_requests_owner_idx');
  });

  await knex.schema.createTable('nodepools_request_audit', table => {
    table.comment('Append-only trail of every transition of every request');
    table.bigIncrements('id').primary();
    table.string('request_id', 36).notNullable().references('id').inTable('nodepools_requests').onDelete('CASCADE');
    table.string('at', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 32).notNullable();
    table.string('from_state', 16);
    table.string('to_state', 16).notNullable();
    table.text('comment');
    table.text('spec').notNullable().comment('The spec when the transition was made, as JSON');
    table.index(['request_id', 'id'], 'nodepools_request_audit_request_idx');
  });

  await knex.schema.createTable('nodepools_request_approvers', table => {
    table.comment('The groups that may approve a submitted request, as known when it was submitted');
    table.string('request_id', 36).notNullable().references('id').inTable('nodepools_requests').onDelete('CASCADE');
    table.string('group_ref', 255).notNullable();
    table.primary(['request_id', 'group_ref']);
    table.index(['group_ref'], 'nodepools_request_approvers_group_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_request_approvers');
  await knex.schema.dropTable('nodepools_request_audit');
  await knex.schema.dropTable('nodepools_requests');
};
