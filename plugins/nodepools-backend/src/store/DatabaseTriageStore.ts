import type { Knex } from 'knex';
import {
  clusterRef,
  readTriageReport,
  TRIAGE_REPORT_FORMAT,
  type ClusterIdentity,
  type PoolTriageSummary,
  type TriageClusterSummary,
} from '@nodepools/plugin-nodepools-common';
import type { StoredReport, StoredTriage, TriageStore } from './TriageStore';

/** How a report of the compact shape begins: `JSON.stringify` writes `format` first. */
const COMPACT_PREFIX = `{"format":${TRIAGE_REPORT_FORMAT},`;

/** The stored JSON in the compact shape: reports stored in the per-pod shape are converted. */
function compactJson(json: string): string {
  if (json.startsWith(COMPACT_PREFIX)) return json;
  return JSON.stringify(readTriageReport(JSON.parse(json)));
}

interface TriageRow {
  cluster_ref: string;
  provider: ClusterIdentity['provider'];
  account: string | null;
  region: string | null;
  cluster: string;
  source: string;
  collected_at: string | null;
  pending_count: number | string;
  report: string | null;
  pool_summaries: string | null;
  error: string | null;
}

function identityColumns(cluster: ClusterIdentity) {
  return {
    cluster_ref: clusterRef(cluster),
    provider: cluster.provider,
    account: cluster.account ?? null,
    region: cluster.region ?? null,
    cluster: cluster.cluster,
  };
}

function identityFromRow(row: TriageRow): ClusterIdentity & { clusterRef: string } {
  return {
    clusterRef: row.cluster_ref,
    provider: row.provider,
    ...(row.account ? { account: row.account } : {}),
    ...(row.region ? { region: row.region } : {}),
    cluster: row.cluster,
  };
}

/** The triage reports in `nodepools_triage`; built by `createStores`, which migrates the table. */
export class DatabaseTriageStore implements TriageStore {
  constructor(private readonly db: Knex) {}

  async saveReport(entry: {
    cluster: ClusterIdentity;
    source: string;
    collectedAt: string;
    report: StoredReport;
  }): Promise<void> {
    const { json, summary } = entry.report;
    await this.db('nodepools_triage')
      .insert({
        ...identityColumns(entry.cluster),
        source: entry.source,
        collected_at: entry.collectedAt,
        pending_count: summary.pendingPods,
        report: typeof json === 'string' ? json : Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8'),
        pool_summaries: JSON.stringify(summary.pools),
        error: null,
      })
      .onConflict('cluster_ref')
      .merge();
  }

  async saveError(entry: {
    cluster: ClusterIdentity;
    source: string;
    error: string;
  }): Promise<void> {
    await this.db('nodepools_triage')
      .insert({ ...identityColumns(entry.cluster), source: entry.source, error: entry.error })
      .onConflict('cluster_ref')
      .merge(['source', 'error']);
  }

  async getReport(ref: string): Promise<StoredTriage | undefined> {
    const row: TriageRow | undefined = await this.db('nodepools_triage')
      .where({ cluster_ref: ref })
      .whereNotNull('report')
      .first();
    if (!row?.report || !row.collected_at) return undefined;
    return {
      ...identityFromRow(row),
      source: row.source,
      collectedAt: row.collected_at,
      reportJson: compactJson(row.report),
    };
  }

  async listClusters(): Promise<TriageClusterSummary[]> {
    const rows: TriageRow[] = await this.db('nodepools_triage')
      .select(
        'cluster_ref',
        'provider',
        'account',
        'region',
        'cluster',
        'source',
        'collected_at',
        'pending_count',
        'error',
      )
      .orderBy(['cluster', 'cluster_ref']);
    return rows.map(row => ({
      ...identityFromRow(row),
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
