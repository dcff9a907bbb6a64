import { createHash } from 'node:crypto';
import type { PoolSource } from '../backend';

/** The group a pool belongs to: stable for its cluster and name, spread evenly. */
export function teamOf(cluster: string, name: string, teams: number): string {
  const digest = createHash('sha256').update(`${cluster}/${name}`).digest();
  return `team-${digest.readUInt32BE(0) % teams}`;
}

/**
 * The generated inventory owned by `teams` groups instead of the
 * generator's dozen: each pool that has an owner tag gets one of them, so
 * a conditional owner filter keeps a realistic share (1 / teams) of the
 * pools. Unowned pools stay unowned.
 */
export function spreadOverTeams(source: PoolSource, teams: number): PoolSource {
  return {
    id: source.id,
    kind: source.kind,
    target: source.target,
    async list(options) {
      const listings = await source.list(options);
      return listings.map(listing => ({
        ...listing,
        pools: listing.pools.map(pool =>
          pool.tags.owner
            ? { ...pool, tags: { ...pool.tags, owner: teamOf(pool.cluster, pool.name, teams) } }
            : pool,
        ),
      }));
    },
  };
}
