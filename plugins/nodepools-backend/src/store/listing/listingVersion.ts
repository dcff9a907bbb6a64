import type { Knex } from 'knex';

/**
 * The store's change counter for what `GET /pools` and `GET /pools/facets`
 * return. It is bumped, in the same transaction, by every write that can
 * change a listed pool: a pool created, changed, tombstoned or revived, an
 * observed roll-up written or cleared, a scope that starts failing, fails
 * differently or recovers, a source run whose status or error changes, a
 * source marked removed, restored or retired. A resync that changes none of
 * that leaves it alone. `epoch` is drawn once per database, so a counter
 * that starts again on a new database never repeats an old tag.
 */
export interface ListingVersion {
  epoch: string;
  version: number;
}

const TABLE = 'nodepools_listing_version';
const ROW = 'pools';

export async function readListingVersion(db: Knex): Promise<ListingVersion> {
  const row: { epoch: string; version: number | string } | undefined = await db(TABLE)
    .where({ id: ROW })
    .first('epoch', 'version');
  if (!row) throw new Error(`${TABLE} has no row; the nodepools migrations did not run`);
  return { epoch: row.epoch, version: Number(row.version) };
}

/**
 * Bumps the counter. Called last in a write transaction: on PostgreSQL the
 * row stays locked until the commit, so the later it is taken the less
 * concurrent writers wait for each other.
 */
export async function bumpListingVersion(tx: Knex | Knex.Transaction): Promise<void> {
  await tx(TABLE).where({ id: ROW }).increment('version', 1);
}
