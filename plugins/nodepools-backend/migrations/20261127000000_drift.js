// @ts-check

/**
 * Drift: what desired-state sources declare, per source scope; the
 * findings of comparing it with the inventory, with their life (first
 * seen, resolved, acknowledged); every acknowledgement ever given; and
 * the counts of each day. A finding's last-seen time and staleness are
 * derived at read time from the sync state of its pool's source and its
 * desired-state source, so a comparison that finds nothing new writes
 * nothing.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('nodepools_desired_sources', table => {
    table.comment('The last run of each desired-state source');
    table.string('id', 255).primary();
    table.string('kind', 64).notNullable();
    table.string('target', 1024).notNullable();
    table.string('last_run_at', 32);
    table.string('last_success_at', 32).comment('The last run that could enumerate its scopes');
    table.text('error').comment('Why the last run could not enumerate its scopes: every scope is stale');
  });

  await knex.schema.createTable('nodepools_desired_scopes', table => {
    table.comment('What each scope of a desired-state source declared at its last complete read');
    table.string('source', 255).notNullable();
    table.string('scope', 1024).notNullable();
    table.string('location', 2048).notNullable().comment('The file path or URL, shown as the origin of desired values');
    table.string('version', 255).comment('ETag, generation, state version id or content hash of the last complete read');
    table.string('fingerprint', 64).notNullable().comment('Hash of pools, clusters and notes: an unchanged read writes nothing');
    table.integer('pool_count').notNullable().defaultTo(0);
    table.text('pools').notNullable().comment('JSON DesiredPool[]: whitelisted pool attributes only');
    table.text('clusters').notNullable().comment('JSON DesiredCluster[]');
    table.text('notes').notNullable().comment('JSON DesiredNote[]');
    table.string('read_at', 32).comment('When the declaration stored here was read');
    table.text('error').comment('Why the last read failed; the stored declaration is from the last complete one');
    table.string('failing_since', 32);
    table.primary(['source', 'scope']);
  });

  await knex.schema.createTable('nodepools_drift_findings', table => {
    table.comment('Drift findings: one row per finding id, written only when a finding appears, changes, resolves or is acknowledged');
    table.string('id', 64).primary().comment('Stable across runs: hash of pool ref, address, field and cause');
    table.string('ref', 512).notNullable().comment('The pool ref');
    table.string('cluster_ref', 512).notNullable();
    table.string('provider', 32).notNullable();
    table.string('cluster', 255).notNullable();
    table.string('pool', 255).notNullable();
    table.string('owner', 255);
    table.string('field', 64).notNullable();
    table.string('cause', 32).notNullable();
    table.string('severity', 16).notNullable();
    table.integer('severity_rank').notNullable().comment('0 high, 1 medium, 2 low: the sort order');
    table.text('finding').notNullable().comment('JSON DriftFinding: message, desired, actual, origin, revert, adopt');
    table.string('fingerprint', 64).notNullable();
    table.string('pool_source', 255).comment('The source of the pool when the finding was written');
    table.string('pool_scope', 512);
    table.string('desired_source', 255).comment('The desired-state source and scope of the declaration');
    table.string('desired_scope', 1024);
    table.string('first_seen_at', 32).notNullable();
    table.string('last_seen_at', 32).notNullable().comment('When last written; open findings are seen at every read of their inputs');
    table.string('reopened_at', 32);
    table.string('resolved_at', 32);
    table.string('acknowledged_by', 255);
    table.string('acknowledged_at', 32);
    table.text('acknowledged_reason');
    table.string('acknowledged_until', 32).comment('When the acknowledgement lapses and the finding re-opens');
    table.index(['resolved_at', 'severity_rank', 'ref', 'id'], 'nodepools_drift_findings_list_idx');
    table.index(['ref'], 'nodepools_drift_findings_ref_idx');
    table.index(['cluster_ref'], 'nodepools_drift_findings_cluster_idx');
    table.index(['owner'], 'nodepools_drift_findings_owner_idx');
  });

  await knex.schema.createTable('nodepools_drift_acknowledgements', table => {
    table.comment('Every acknowledgement of a finding: who, when, why, until when (append-only)');
    table.bigIncrements('id').primary();
    table.string('finding_id', 64).notNullable();
    table.string('by', 255).notNullable();
    table.string('at', 32).notNullable();
    table.text('reason').notNullable();
    table.string('until', 32);
    table.index(['finding_id', 'id'], 'nodepools_drift_acknowledgements_finding_idx');
  });

  await knex.schema.createTable('nodepools_drift_daily', table => {
    table.comment('Drift counts at the end of each day (UTC), for counts over time');
    table.string('day', 10).primary();
    table.integer('open').notNullable();
    table.integer('acknowledged').notNullable();
    table.integer('opened').notNullable().comment('Findings first seen or re-opened that day');
    table.integer('resolved').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_drift_daily');
  await knex.schema.dropTable('nodepools_drift_acknowledgements');
  await knex.schema.dropTable('nodepools_drift_findings');
  await knex.schema.dropTable('nodepools_desired_scopes');
  await knex.schema.dropTable('nodepools_desired_sources');
};
