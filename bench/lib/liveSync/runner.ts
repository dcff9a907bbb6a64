import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { DEFAULT_OWNER_KEYS } from '@nodepools/plugin-nodepools-common';
import {
  openPoolStore,
  type PoolStore,
  syncSource,
  type OwnershipConfig,
  type PoolSource,
  type SyncSummary,
} from '../backend';
import type { ReplayProcess } from '../replay/replayProcess';
import type { RequestCounts } from '../replay/protocol';
import { createEksSources, KubernetesNodesSource } from './backend';
import { KUBERNETES_SOURCE_ID } from './config';
import { recordingLogger } from './logger';
import { RssSampler, processMaxRss } from './memory';
import type { ConfigReader } from '@backstage/config';

const OWNERSHIP: OwnershipConfig = { keys: DEFAULT_OWNER_KEYS, rules: [] };
/** Where the store keeps each pool's JSON, written with its pool row (schemas that have it). */
const DOCUMENTS_TABLE = 'nodepools_pool_documents';

/** What the store holds after a step, to check against the fleet. */
export interface StoredState {
  livePools: number;
  /** Live pools of provider `kubernetes`: node groups no cloud source listed. */
  clusterOnlyPools: number;
  /** Nodes summed over the stored roll-ups. */
  observedNodes: number;
  /** Scopes whose last listing failed: their pools are stale. */
  failingScopes: number;
}

/** One source's sync within a step. */
export interface SourceRun {
  source: 'EKS' | 'Kubernetes nodes';
  ms: number;
  summary: SyncSummary;
  /** Requests the replay server answered for this sync. */
  requests: number;
  /** Rows found changed in the tables, to check `summary.poolRowsWritten` against. */
  counted: { poolRows: number; documentRows: number; historyRows: number; observedRows: number };
}

/** A full sync (EKS, then the clusters' nodes) and the memory it took. */
export interface StepMeasurement {
  runs: SourceRun[];
  /** Highest RSS sampled during the step, in bytes. */
  peakRss: number;
  /** The process's high-water mark after the step (since it started), in bytes. */
  maxRss: number;
  /** Warnings and errors the sources logged. */
  problems: string[];
}

async function count(query: Knex.QueryBuilder): Promise<number> {
  const [row] = await query.count({ n: '*' });
  return Number(row.n);
}

/** Every pool's observed fingerprint: observed writes leave no timestamp to count by. */
async function observedFingerprints(knex: Knex): Promise<Map<string, string | null>> {
  const rows: Array<{ ref: string; observed_fingerprint: string | null }> = await knex(
    'nodepools_pools',
  ).select('ref', 'observed_fingerprint');
  return new Map(rows.map(row => [row.ref, row.observed_fingerprint]));
}

function differing(before: Map<string, string | null>, after: Map<string, string | null>): number {
  let changed = 0;
  for (const [ref, fingerprint] of after) {
    if ((before.get(ref) ?? null) !== fingerprint) changed++;
  }
  return changed;
}

/**
 * Runs the live sources, built from config as the plugin builds them, into
 * a store on `knex` the way the scheduled tasks do: EKS first, so the
 * clusters' nodes merge onto the node groups it stored.
 */
export class LiveSyncRunner {
  private constructor(
    private readonly knex: Knex,
    private readonly store: PoolStore,
    private readonly sources: Array<{ label: SourceRun['source']; source: PoolSource }>,
    private readonly replay: ReplayProcess,
    private readonly log: ReturnType<typeof recordingLogger>,
    private readonly hasDocuments: boolean,
  ) {}

  static async create(knex: Knex, config: ConfigReader, replay: ReplayProcess): Promise<LiveSyncRunner> {
    const store = await openPoolStore(knex);
    // One log for the sources' own messages (retries) and the syncs'.
    const log = recordingLogger();
    const [eks, ...others] = createEksSources(config, { logger: log.logger });
    if (!eks || others.length) throw new Error('the benchmark config must hold exactly one EKS source');
    const kubernetes = KubernetesNodesSource.fromConfig(config, { id: KUBERNETES_SOURCE_ID });
    return new LiveSyncRunner(
      knex,
      store,
      [
        { label: 'EKS', source: eks },
        { label: 'Kubernetes nodes', source: kubernetes },
      ],
      replay,
      log,
      await knex.schema.hasTable(DOCUMENTS_TABLE),
    );
  }

  async step(): Promise<StepMeasurement> {
    const sampler = new RssSampler();
    const problemsBefore = this.log.problems.length;
    const runs: SourceRun[] = [];
    let peakRss: number;
    sampler.start();
    try {
      for (const { label, source } of this.sources) {
        runs.push(await this.syncOne(label, source));
      }
    } finally {
      peakRss = sampler.stop();
    }
    return {
      runs,
      peakRss,
      maxRss: processMaxRss(),
      problems: this.log.problems.slice(problemsBefore),
    };
  }

  private async syncOne(label: SourceRun['source'], source: PoolSource): Promise<SourceRun> {
    const historyBefore = await count(this.knex('nodepools_history'));
    const observedBefore = await observedFingerprints(this.knex);
    const requestsBefore = await this.replay.counts();
    let finishedAt = new Date();
    const clock = () => {
      finishedAt = new Date();
      return finishedAt;
    };
    const start = performance.now();
    const summary = await syncSource({
      source,
      store: this.store,
      ownership: OWNERSHIP,
      logger: this.log.logger,
      now: clock,
    });
    const ms = performance.now() - start;
    const requestsAfter = await this.replay.counts();
    const at = finishedAt.toISOString();
    const poolRows = await count(this.knex('nodepools_pools').where({ changed_at: at }));
    return {
      source: label,
      ms,
      summary,
      requests: answered(requestsAfter) - answered(requestsBefore),
      counted: {
        poolRows,
        documentRows: await this.documentRowsWritten(at),
        historyRows: (await count(this.knex('nodepools_history'))) - historyBefore,
        observedRows: differing(observedBefore, await observedFingerprints(this.knex)),
      },
    };
  }

  /**
   * The documents table has no time of its own: its rows written are those
   * of the pools inserted or updated at `at`; a tombstone writes none.
   */
  private async documentRowsWritten(at: string): Promise<number> {
    if (!this.hasDocuments) return 0;
    return count(
      this.knex('nodepools_pools as p')
        .join(`${DOCUMENTS_TABLE} as d`, 'd.ref', 'p.ref')
        .where('p.changed_at', at)
        .where(q => q.whereNull('p.tombstoned_at').orWhereNot('p.tombstoned_at', at)),
    );
  }

  /** What the store holds after a step, to check against the fleet. */
  async stored(): Promise<StoredState> {
    const live = this.knex('nodepools_pools').whereNull('tombstoned_at');
    const observed: Array<{ observed: string | null }> = await live.clone().select('observed');
    let observedNodes = 0;
    for (const row of observed) {
      if (row.observed) observedNodes += (JSON.parse(row.observed) as { nodeCount: number }).nodeCount;
    }
    return {
      livePools: await count(live.clone()),
      clusterOnlyPools: await count(live.clone().where({ provider: 'kubernetes' })),
      observedNodes,
      failingScopes: await count(this.knex('nodepools_scopes').whereNotNull('error')),
    };
  }
}

function answered(counts: RequestCounts): number {
  return counts.eks + counts.kubernetes + counts.rejected;
}
