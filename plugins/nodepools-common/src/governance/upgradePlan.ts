import type { UpgradeStep } from './api';
import type { PoolGovernance } from './types';
import { noSurge } from './upgrade';

export interface UpgradePlanOptions {
  /**
   * Live pools per cluster ref in the whole inventory, when `pools` is a
   * selection (one owner's): a cluster's only pool is flagged even when the
   * selection holds it alone for another reason. Default: counted from `pools`.
   */
  clusterPoolCounts?: ReadonlyMap<string, number>;
  /** Also list pools already on the control plane's minor. Default: only pools behind it or mid-upgrade. */
  includeUpToDate?: boolean;
}

function rank(pool: PoolGovernance, singlePool: boolean): number {
  if (singlePool) return 2;
  return pool.mode === 'system' ? 1 : 0;
}

function flagsOf(pool: PoolGovernance, singlePool: boolean): string[] {
  const flags: string[] = [];
  if (pool.mode === 'system') flags.push('system-pool');
  if (singlePool) flags.push('single-pool-cluster');
  if (pool.upgrade.upgradeInProgress) flags.push('upgrade-in-progress');
  if (noSurge(pool.upgrade.surge)) flags.push('no-surge');
  if (pool.upgrade.nodesNewerThanControlPlane) flags.push('nodes-newer-than-control-plane');
  return flags;
}

/**
 * A staged node pool upgrade, one pool at a time. AKS and GKE (and EKS)
 * upgrade the control plane first and the node pools after it, so a plan
 * lists pools behind their control plane (`minorSkew` > 0) and pools
 * mid-upgrade. Clusters come most-skewed first (then by ref); within a
 * cluster, user pools first, most minors behind first (then by ref), so a
 * bad version shows on workloads that can move before it reaches the pools
 * the cluster's own pods need; then system pools; the only pool of a
 * cluster last of its cluster. Each step is flagged with what makes it
 * riskier (`system-pool`, `single-pool-cluster`, `upgrade-in-progress`,
 * `no-surge`, `nodes-newer-than-control-plane`).
 */
export function upgradePlan(pools: readonly PoolGovernance[], options: UpgradePlanOptions = {}): UpgradeStep[] {
  const counts = options.clusterPoolCounts ?? countByCluster(pools);
  const wanted = pools.filter(
    p => options.includeUpToDate || (p.upgrade.minorSkew ?? 0) > 0 || p.upgrade.upgradeInProgress,
  );
  const byCluster = new Map<string, PoolGovernance[]>();
  for (const pool of wanted) {
    const list = byCluster.get(pool.clusterRef) ?? [];
    list.push(pool);
    byCluster.set(pool.clusterRef, list);
  }
  const maxSkew = (list: PoolGovernance[]) => Math.max(...list.map(p => p.upgrade.minorSkew ?? 0));
  const clusters = [...byCluster.entries()].sort(
    ([aRef, a], [bRef, b]) => maxSkew(b) - maxSkew(a) || aRef.localeCompare(bRef),
  );
  const steps: UpgradeStep[] = [];
  for (const [ref, list] of clusters) {
    const single = (counts.get(ref) ?? list.length) === 1;
    const ordered = [...list].sort(
      (a, b) =>
        rank(a, single) - rank(b, single) ||
        (b.upgrade.minorSkew ?? 0) - (a.upgrade.minorSkew ?? 0) ||
        a.ref.localeCompare(b.ref),
    );
    for (const pool of ordered) steps.push({ order: steps.length + 1, pool, flags: flagsOf(pool, single) });
  }
  return steps;
}

function countByCluster(pools: readonly PoolGovernance[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pool of pools) counts.set(pool.clusterRef, (counts.get(pool.clusterRef) ?? 0) + 1);
  return counts;
}
