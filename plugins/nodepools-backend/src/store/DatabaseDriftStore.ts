import type { Knex } from 'knex';
import type {
  PoolRestriction,
  DesiredScopeStatus,
  DriftAcknowledgement,
  DriftFindingRecord,
  DriftPage,
  DriftQuery,
  DriftState,
  DriftSummary,
  PoolDriftCount,
} from '@nodepools/plugin-nodepools-common';
import type {
  DesiredSync,
  DesiredSyncSummary,
  DriftStore,
  FindingsRun,
  FindingsSummary,
  StoredDesiredScope,
} from './DriftStore';
import { acknowledgeFinding } from './drift/acknowledge';
import {
  applyDesiredSync,
  desiredVersions,
  forgetDesiredSources,
  listDesiredScopes,
  loadDesired,
} from './drift/desiredScopes';
import { getFinding, listFindings, poolFindings } from './drift/findingQuery';
import { applyFindingsRun } from './drift/findings';
import { loadInventory, type InventoryPool } from './drift/inventory';
import { driftSummary, poolCounts, recordDay } from './drift/summary';

/** Desired state, drift findings and their daily counts in knex; built by `createStores`. */
export class DatabaseDriftStore implements DriftStore {
  constructor(
    private readonly db: Knex,
    /** The clock pools age by, as in the pool store. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  desiredVersions(sourceId: string): Promise<Map<string, string>> {
    return desiredVersions(this.db, sourceId);
  }

  applyDesired(sync: DesiredSync): Promise<DesiredSyncSummary> {
    return this.db.transaction(tx => applyDesiredSync(tx, sync));
  }

  forgetDesiredSources(configuredIds: string[]): Promise<number> {
    return forgetDesiredSources(this.db, configuredIds);
  }

  loadDesired(): Promise<StoredDesiredScope[]> {
    return loadDesired(this.db);
  }

  listDesiredScopes(): Promise<DesiredScopeStatus[]> {
    return listDesiredScopes(this.db);
  }

  loadInventory(): Promise<InventoryPool[]> {
    return loadInventory(this.db, this.now());
  }

  applyFindings(run: FindingsRun): Promise<FindingsSummary> {
    return this.db.transaction(tx => applyFindingsRun(tx, run));
  }

  listFindings(query: DriftQuery, now: Date): Promise<DriftPage> {
    return listFindings(this.db, query, now);
  }

  poolFindings(ref: string, states: DriftState[], now: Date): Promise<DriftFindingRecord[]> {
    return poolFindings(this.db, ref, states, now);
  }

  getFinding(id: string, now: Date): Promise<DriftFindingRecord | undefined> {
    return getFinding(this.db, id, now);
  }

  async acknowledge(id: string, ack: DriftAcknowledgement, now: Date): Promise<DriftFindingRecord | undefined> {
    if (!(await acknowledgeFinding(this.db, id, ack))) return undefined;
    await recordDay(this.db, now);
    return getFinding(this.db, id, now);
  }

  summary(now: Date, days: number): Promise<DriftSummary> {
    return driftSummary(this.db, now, days);
  }

  poolCounts(now: Date, restrict?: PoolRestriction): Promise<PoolDriftCount[]> {
    return poolCounts(this.db, now, restrict);
  }

  recordDay(now: Date): Promise<number> {
    return recordDay(this.db, now);
  }
}
