// @ts-check

/**
 * Governance: the findings of the fleet-wide rules with their life (first
 * seen, changed, resolved, acknowledged), every acknowledgement and every
 * ownership confirmation ever given, each pool's governance document (cost,
 * capacity, suggestions, upgrade posture, pod addresses) as the cost and
 * review views read it, each owner's daily roll-up, the reminders sent, and
 * when the fleet was last evaluated. An evaluation that finds the fleet as
 * it was writes no finding, pool or roll-up row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('nodepools_governance_findings', table => {
    table.comment('Governance findings: one row per finding id, written when it appears, changes, resolves or is acknowledged');
    table.string('id', 600).primary().comment('Stable across evaluations: rule and subject ref');
    table.string('rule', 64).notNullable();
    table.string('severity', 16).notNullable();
    table.integer('severity_rank').notNullable().comment('0 high, 1 medium, 2 low: the sort order');
    table.string('subject_kind', 16).notNullable().comment('pool or cluster');
    table.string('subject_ref', 512).notNullable();
    table.string('cluster_ref', 512).notNullable();
    table.string('owner', 255);
    table.string('pool_ref', 512).comment('The pool ref of a pool finding; null for a cluster finding');
    table.string('fingerprint', 64).notNullable().comment('Hash of the finding: an unchanged one writes nothing');
    table.text('document').notNullable().comment('JSON GovernanceFinding: message, details, fix');
    table.string('first_seen_at', 32).notNullable();
    table.string('last_changed_at', 32).notNullable();
    table.string('resolved_at', 32).comment('Set while the finding no longer holds');
    table.string('acknowledged_by', 255).comment('The acknowledgement in force, cleared when the finding re-opens');
    table.string('acknowledged_at', 32);
    table.text('acknowledged_reason');
    table.string('acknowledged_until', 32);
    table.index(['resolved_at', 'severity_rank', 'subject_ref', 'id'], 'nodepools_gov_findings_list_idx');
    table.index(['pool_ref'], 'nodepools_gov_findings_pool_idx');
    table.index(['cluster_ref'], 'nodepools_gov_findings_cluster_idx');
    table.index(['owner'], 'nodepools_gov_findings_owner_idx');
  });

  await knex.schema.createTable('nodepools_governance_acknowledgements', table => {
    table.comment('Every acknowledgement of a governance finding: who, when, why, until when (append-only)');
    table.bigIncrements('id').primary();
    table.string('finding_id', 600).notNullable();
    table.string('by', 255).notNullable();
    table.string('at', 32).notNullable();
    table.text('reason').notNullable();
    table.string('expires_at', 32);
    table.index(['finding_id', 'id'], 'nodepools_gov_acks_finding_idx');
  });

  await knex.schema.createTable('nodepools_governance_confirmations', table => {
    table.comment('Every ownership confirmation or hand-over of a pool in an owner review (append-only)');
    table.bigIncrements('id').primary();
    table.string('pool_ref', 512).notNullable();
    table.string('owner', 255).notNullable().comment('The owner that confirmed or handed the pool over');
    table.string('action', 16).notNullable().comment('confirm or hand-over');
    table.string('hand_to', 255).comment('The new owner of a hand-over');
    table.string('by', 255).notNullable();
    table.string('at', 32).notNullable();
    table.index(['pool_ref', 'id'], 'nodepools_gov_confirmations_pool_idx');
  });

  await knex.schema.createTable('nodepools_governance_pools', table => {
    table.comment('The governance document of each live pool, as the cost, pool, upgrade and review views read it');
    table.string('ref', 512).primary();
    table.string('owner', 255);
    table.string('cluster_ref', 512).notNullable();
    table.string('provider', 32).notNullable();
    table.string('fingerprint', 64).notNullable().comment('Hash of the document: an unchanged one writes nothing');
    table.text('document').notNullable().comment('JSON PoolGovernance');
    table
      .text('cost_document')
      .notNullable()
      .comment('JSON of the fields of the document a cost roll-up reads: what GET /costs parses for 10,000 pools');
    table
      .string('last_workload_at', 32)
      .comment('When workload pods were last seen on the pool (the evaluation that first found none); null while they run');
    table.index(['owner'], 'nodepools_gov_pools_owner_idx');
    table.index(['cluster_ref'], 'nodepools_gov_pools_cluster_idx');
  });

  await knex.schema.createTable('nodepools_governance_daily', table => {
    table.comment('The roll-up of each owner per UTC day, for the charts over time');
    table.string('day', 10).notNullable();
    table.string('owner', 255).notNullable();
    table.integer('pools').notNullable();
    table.integer('nodes').notNullable();
    table.double('monthly_cost').notNullable();
    table.double('idle_monthly').notNullable();
    table.double('requested_cpu').notNullable();
    table.double('allocatable_cpu').notNullable();
    table.double('requested_memory').notNullable();
    table.double('allocatable_memory').notNullable();
    table.primary(['day', 'owner']);
    table.index(['owner', 'day'], 'nodepools_gov_daily_owner_idx');
  });

  await knex.schema.createTable('nodepools_governance_reminders', table => {
    table.comment('The last review reminder sent to each owner, so an evaluation does not send it again');
    table.string('owner', 255).primary();
    table.string('sent_at', 32).notNullable();
    table.integer('pools').notNullable().comment('Unconfirmed pools the reminder named');
  });

  await knex.schema.createTable('nodepools_governance_state', table => {
    table.comment('When the fleet was last evaluated (one row)');
    table.integer('id').primary();
    table.string('evaluated_at', 32).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_governance_state');
  await knex.schema.dropTable('nodepools_governance_reminders');
  await knex.schema.dropTable('nodepools_governance_daily');
  await knex.schema.dropTable('nodepools_governance_pools');
  await knex.schema.dropTable('nodepools_governance_confirmations');
  await knex.schema.dropTable('nodepools_governance_acknowledgements');
  await knex.schema.dropTable('nodepools_governance_findings');
};
