import type { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** The knex migrations of every nodepools table, shipped in the package. */
export const MIGRATIONS_DIR = resolvePackagePath(
  '@nodepools/plugin-nodepools-backend',
  'migrations',
);

export async function migrateToLatest(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: MIGRATIONS_DIR });
}
