import {
  clustersAgree,
  nodepoolReadPermission,
  parseClusterRef,
  type ClusterIdentity,
  type PoolTriageSummary,
  type TriageClusterSummary,
} from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from '../store/PoolStore';
import type { StoredTriage, TriageStore } from '../store/TriageStore';
import { notAllowed } from './notAllowed';
import { restrictionOf, scopeCovers, type PoolScope } from './poolScope';

/** The triage reads of a caller whose read decision is `scope`. */
export type TriageReads = Pick<TriageStore, 'getReport' | 'listClusters' | 'poolSummaries'>;

/**
 * The stored triage as a caller may read it. A report covers a whole
 * cluster (pending pods meet every pool of it), so it is shown whole to
 * whoever may read at least one pool of that cluster; per-pool summaries
 * only for the pools the caller may read.
 */
export class VisibleTriage implements TriageReads {
  private visible?: Promise<ClusterIdentity[]>;

  constructor(
    private readonly triage: TriageReads,
    private readonly pools: Pick<PoolStore, 'listClusters' | 'getPools'>,
    private readonly scope: PoolScope,
  ) {}

  async listClusters(): Promise<TriageClusterSummary[]> {
    const clusters = await this.triage.listClusters();
    if (this.scope.kind === 'all') return clusters;
    const seen = await Promise.all(clusters.map(cluster => this.sees(cluster)));
    return clusters.filter((_, index) => seen[index]);
  }

  /** The report of a cluster the caller may not read is a 403, not a 404: the ref was exact. */
  async getReport(clusterRef: string): Promise<StoredTriage | undefined> {
    const report = await this.triage.getReport(clusterRef);
    if (report && !(await this.sees(report))) {
      throw notAllowed(nodepoolReadPermission, `read the triage of cluster '${clusterRef}'`);
    }
    return report;
  }

  async poolSummaries(): Promise<PoolTriageSummary[]> {
    const summaries = await this.triage.poolSummaries();
    if (this.scope.kind === 'all') return summaries;
    const pools = await this.pools.getPools([...new Set(summaries.map(s => s.ref))]);
    const readable = new Set(
      pools.flatMap(pool => (pool && scopeCovers(this.scope, pool) ? [pool.ref] : [])),
    );
    return summaries.filter(summary => readable.has(summary.ref));
  }

  private async sees(cluster: ClusterIdentity): Promise<boolean> {
    if (this.scope.kind === 'all') return true;
    this.visible ??= this.pools
      .listClusters(restrictionOf(this.scope))
      .then(clusters => clusters.map(summary => parseClusterRef(summary.ref)));
    return (await this.visible).some(visible => clustersAgree(visible, cluster));
  }
}
