import type { DesiredPool } from '../desired/types';
import type { ActualPool } from './types';

/*
 * Matching rule: a declared pool is the cloud pool with the same provider,
 * cluster and name, and the same account and region where both sides know
 * them. A part one side does not know (an AKS export has no region, a plan
 * of a new node group no ARN, a manifest no account) matches any value.
 * When several cloud pools fit, the one agreeing on more known parts wins;
 * a tie is reported and matches none.
 */

interface Located {
  provider: string;
  account?: string;
  region?: string;
  cluster: string;
  name: string;
}

const key = (p: Located) => `${p.provider}\u0000${p.cluster}\u0000${p.name}`;

/** Whether two optional parts agree: equal, or unknown on one side. */
export function compatible(a: string | undefined, b: string | undefined): boolean {
  return !a || !b || a === b;
}

/** How many known parts two locations share; -1 when they disagree on one. */
function agreement(a: Omit<Located, 'provider' | 'name'>, b: Omit<Located, 'provider' | 'name'>): number {
  if (!compatible(a.account, b.account) || !compatible(a.region, b.region)) return -1;
  return (a.account && a.account === b.account ? 1 : 0) + (a.region && a.region === b.region ? 1 : 0);
}

export interface MatchResult<A extends ActualPool> {
  pairs: Array<{ desired: DesiredPool; actual: A }>;
  unmatchedDesired: DesiredPool[];
  /** Cloud pools no declared pool matched. */
  unmatchedActual: A[];
  notes: string[];
}

/** Pairs declared pools with cloud pools; a cloud pool may be declared by several sources. */
export function matchPools<A extends ActualPool>(desired: readonly DesiredPool[], actual: readonly A[]): MatchResult<A> {
  const index = new Map<string, A[]>();
  for (const pool of actual) {
    const k = key(pool);
    const list = index.get(k);
    if (list) list.push(pool);
    else index.set(k, [pool]);
  }
  const used = new Set<A>();
  const result: MatchResult<A> = { pairs: [], unmatchedDesired: [], unmatchedActual: [], notes: [] };
  for (const pool of desired) {
    const scored = (index.get(key(pool)) ?? [])
      .map(candidate => ({ candidate, score: agreement(pool, candidate) }))
      .filter(c => c.score >= 0)
      .sort((a, b) => b.score - a.score);
    if (!scored.length) {
      result.unmatchedDesired.push(pool);
    } else if (scored.length > 1 && scored[0].score === scored[1].score) {
      result.unmatchedDesired.push(pool);
      result.notes.push(
        `${pool.source}: ${pool.address}: pool ${pool.ref} fits ${scored.filter(s => s.score === scored[0].score).length} cloud pools equally (account or region unknown); give --account/--region`,
      );
    } else {
      used.add(scored[0].candidate);
      result.pairs.push({ desired: pool, actual: scored[0].candidate });
    }
  }
  result.unmatchedActual = actual.filter(pool => !used.has(pool));
  return result;
}

/** Whether a location falls in one of the declared clusters (same name, compatible account and region). */
export function clusterScope(declared: ReadonlyArray<Omit<Located, 'provider' | 'name'>>): (pool: Omit<Located, 'provider' | 'name'>) => boolean {
  const byName = new Map<string, Array<Omit<Located, 'provider' | 'name'>>>();
  for (const c of declared) {
    const list = byName.get(c.cluster);
    if (list) list.push(c);
    else byName.set(c.cluster, [c]);
  }
  return pool => (byName.get(pool.cluster) ?? []).some(c => agreement(c, pool) >= 0);
}
