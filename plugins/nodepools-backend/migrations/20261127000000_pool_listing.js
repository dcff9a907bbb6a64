// @ts-check

const { randomUUID } = require('node:crypto');

/**
 * What `GET /pools` needs to answer at little more than the cost of the
 * request itself:
 * - each pool's list item, serialized when the pool or its observed nodes
 *   change (`list_json`); the store writes it for pools stored before this
 *   migration when it opens;
 * - a change counter, bumped by every write that changes what is listed,
 *   from which the listing's ETag is made. `epoch` tells one database's
 *   counter from another's.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('nodepools_pool_documents', table => {
    table.text('list_json').comment('The pool as GET /pools lists it, less what is derived when read');
  });
  await knex.schema.createTable('nodepools_listing_version', table => {
    table.comment('Change counter of what the pool listing returns');
    table.string('id', 32).primary();
    table.string('epoch', 64).notNullable().comment('Drawn once per database');
    table.bigInteger('version').notNullable().defaultTo(0);
  });
  await knex('nodepools_listing_version').insert({ id: 'pools', epoch: randomUUID(), version: 0 });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_listing_version');
  await knex.schema.alterTable('nodepools_pool_documents', table => {
    table.dropColumn('list_json');
  });
};
