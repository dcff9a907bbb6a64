import { DEFAULT_OWNER_KEYS } from '@nodepools/plugin-nodepools-common';
import { FileSource, openPoolStore, syncSource, type PoolSource } from './backend';
import { openKnex, type DatabaseTarget } from './databases';
import type { GeneratedInventory } from './generator';
import { quietLogger } from './quietLogger';

/** Clusters per file source: 10,000 pools a sync, so a large fleet never sits in memory whole. */
const CLUSTERS_PER_SOURCE = 2000;

/**
 * Imports a generated inventory through the real file source and sync, in
 * sources of 2,000 clusters each (`files-0`, `files-1`, ...). PostgreSQL
 * then gets `VACUUM ANALYZE`, as autovacuum would within a minute: the
 * benchmark measures the steady state, not the first minute.
 */
export async function seedInventory(target: DatabaseTarget, inventory: GeneratedInventory): Promise<void> {
  const knex = openKnex(target);
  try {
    const store = await openPoolStore(knex);
    let created = 0;
    for (let i = 0; i * CLUSTERS_PER_SOURCE < inventory.files.length; i++) {
      const files = new FileSource(
        inventory.files.slice(i * CLUSTERS_PER_SOURCE, (i + 1) * CLUSTERS_PER_SOURCE),
        inventory.dir,
      );
      const source: PoolSource = {
        id: `files-${i}`,
        kind: files.kind,
        target: files.target,
        list: () => files.list(),
      };
      const summary = await syncSource({
        source,
        store,
        ownership: { keys: DEFAULT_OWNER_KEYS, rules: [] },
        logger: quietLogger(),
      });
      created += summary.created;
    }
    if (created !== inventory.poolCount) {
      throw new Error(`seeding created ${created} pools, expected ${inventory.poolCount}`);
    }
    if (target.client === 'pg') await knex.raw('vacuum analyze');
  } finally {
    await knex.destroy();
  }
}
