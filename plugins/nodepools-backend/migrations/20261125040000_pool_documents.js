// @ts-check

/**
 * Moves each pool's JSON (normalized spec and raw provider record) out of
 * the pools table. Filters, counts and free-text search scan the pools table;
 * without the documents its rows are a tenth as wide, so those scans read a
 * tenth of the pages. The documents are read only for the rows of a page.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('nodepools_pool_documents', table => {
    table.comment('The JSON documents of each pool, read only for the rows returned');
    table.string('ref', 512).primary();
    table.text('spec').notNullable().comment('The normalized pool as JSON');
    table.text('raw').comment("The provider's record as JSON");
  });
  await knex.raw(
    'insert into nodepools_pool_documents (ref, spec, raw) select ref, spec, raw from nodepools_pools',
  );
  // Plain DROP COLUMN (SQLite 3.35+, PostgreSQL): neither column is indexed.
  await knex.raw('alter table nodepools_pools drop column spec');
  await knex.raw('alter table nodepools_pools drop column raw');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('nodepools_pools', table => {
    table.text('spec');
    table.text('raw');
  });
  await knex.raw(
    `update nodepools_pools set
       spec = (select d.spec from nodepools_pool_documents d where d.ref = nodepools_pools.ref),
       raw = (select d.raw from nodepools_pool_documents d where d.ref = nodepools_pools.ref)`,
  );
  await knex.schema.dropTable('nodepools_pool_documents');
};
