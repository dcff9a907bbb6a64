import type { Knex } from 'knex';
import type {
  ClusterTriageResponse,
  PoolTriageSummary,
  TriageClusterSummary,
  TriageReport,
} from '@nodepools/plugin-nodepools-common';
import type { TriageStore } from './TriageStore';

interface TriageRow {
  cluster: string;
  source: string;
  collected_at: string | null;
  pending_count: number | string;
  report: string | null;
  pool_summaries: string | null;
  error: string | null;
}

/** The triage reports in `nodepools_triage`; built by `createStores`, which migrates the table. */
export class DatabaseTriageStore implements TriageStore {
  constructor(private readonly db: Knex) {}

  async saveReport(entry: {
    cluster: string;
    source: string;
    collectedAt: string;
    report: TriageReport;
  }): Promise<void> {
    await this.db('nodepools_triage')
      .insert({
        cluster: entry.cluster,
        source: entry.source,
        collected_at: entry.collectedAt,
        pending_count: entry.report.pods.length,
        report: JSON.stringify(entry.report),
        pool_summaries: JSON.stringify(entry.report.pools),
        error: null,
      })
      .onConflict('cluster')
      .merge();
  }

  async saveError(entry: { cluster: string; source: string; error: string }): Promise<void> {
    await this.db('nodepools_triage')
      .insert({ cluster: entry.cluster, source: entry.source, error: entry.error })
      .onConflict('cluster')
      .merge(['source', 'error']);
  }

  async getReport(cluster: string): Promise<ClusterTriageResponse | undefined> {
    const row: TriageRow | undefined = await this.db('nodepools_triage')
      .where({ cluster })
      .whereNotNull('report')
      .first();
    if (!row?.report || !row.collected_at) return undefined;
    return {
      cluster: row.cluster,
      source: row.source,
      collectedAt: row.collected_at,
      report: JSON.parse(row.report),
    };
  }

  async listClusters(): Promise<TriageClusterSummary[]> {
    const rows: TriageRow[] = await this.db('nodepools_triage')
      .select('cluster', 'source', 'collected_at', 'pending_count', 'error')
      .orderBy('cluster');
    return rows.map(row => ({
      cluster: row.cluster,
      source: row.source,
      pendingPods: Number(row.pending_count),
      ...(row.collected_at ? { collectedAt: row.collected_at } : {}),
      ...(row.error ? { error: row.error } : {}),
    }));
  }

  async poolSummaries(): Promise<PoolTriageSummary[]> {
    const rows: Array<Pick<TriageRow, 'pool_summaries'>> = await this.db('nodepools_triage')
      .whereNotNull('pool_summaries')
      .select('pool_summaries');
    return rows.flatMap(row => JSON.parse(row.pool_summaries!) as PoolTriageSummary[]);
  }
}
