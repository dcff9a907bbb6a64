import type { Knex } from 'knex';
import type {
  DailyOwnerRollup,
  FindingQuery,
  FindingsPage,
  FindingsSummary,
  GovernanceAcknowledgement,
  GovernanceFindingRecord,
  OwnershipConfirmation,
  PoolGovernance,
  PoolRestriction,
} from '@nodepools/plugin-nodepools-common';
import type {
  ConfirmationInput,
  GovernanceApplySummary,
  GovernanceInventoryPool,
  GovernanceRun,
  GovernanceStore,
  PoolDocumentQuery,
} from './GovernanceStore';
import { acknowledgeFinding } from './governance/acknowledge';
import { applyEvaluation } from './governance/apply';
import { handedOverOwners, latestConfirmations, recordConfirmations } from './governance/confirmations';
import { ownerHistory } from './governance/daily';
import { allFindings, findingsSummary, getFinding, listFindings } from './governance/findingQuery';
import { loadGovernancePools, loadGovernancePoolsByRef } from './governance/inventory';
import { clusterPoolCounts, listPoolDocuments } from './governance/poolDocuments';
import { recordReminder, remindersSent } from './governance/reminders';

/** Governance findings, pool documents, reviews and roll-ups in knex; built by `createStores`. */
export class DatabaseGovernanceStore implements GovernanceStore {
  constructor(
    private readonly db: Knex,
    /** The clock pools age by, as in the pool store. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  loadPools(): Promise<GovernanceInventoryPool[]> {
    return loadGovernancePools(this.db, this.now());
  }

  loadPoolsByRef(refs: string[]): Promise<GovernanceInventoryPool[]> {
    return loadGovernancePoolsByRef(this.db, refs, this.now());
  }

  latestConfirmations(refs?: string[]): Promise<Map<string, OwnershipConfirmation>> {
    return latestConfirmations(this.db, refs);
  }

  applyEvaluation(run: GovernanceRun): Promise<GovernanceApplySummary> {
    return this.db.transaction(tx => applyEvaluation(tx, run));
  }

  async evaluatedAt(): Promise<string | undefined> {
    const row = await this.db('nodepools_governance_state').where({ id: 1 }).first('evaluated_at');
    return row?.evaluated_at ?? undefined;
  }

  listFindings(query: FindingQuery & { restrict?: PoolRestriction }, now: Date): Promise<FindingsPage> {
    return listFindings(this.db, query, now);
  }

  allFindings(query: FindingQuery & { restrict?: PoolRestriction }, now: Date): Promise<GovernanceFindingRecord[]> {
    return allFindings(this.db, query, now);
  }

  summary(restrict: PoolRestriction | undefined, now: Date): Promise<FindingsSummary> {
    return findingsSummary(this.db, restrict, now);
  }

  getFinding(id: string, now: Date): Promise<GovernanceFindingRecord | undefined> {
    return getFinding(this.db, id, now);
  }

  async acknowledge(
    id: string,
    ack: GovernanceAcknowledgement,
    now: Date,
  ): Promise<GovernanceFindingRecord | undefined> {
    if (!(await acknowledgeFinding(this.db, id, ack))) return undefined;
    return getFinding(this.db, id, now);
  }

  listPoolDocuments(query: PoolDocumentQuery): Promise<PoolGovernance[]> {
    return listPoolDocuments(this.db, query);
  }

  listCostDocuments(query: PoolDocumentQuery): Promise<PoolGovernance[]> {
    return listPoolDocuments(this.db, query, 'cost');
  }

  clusterPoolCounts(clusterRefs: string[]): Promise<Map<string, number>> {
    return clusterPoolCounts(this.db, clusterRefs);
  }

  confirm(entries: ConfirmationInput[]): Promise<void> {
    return recordConfirmations(this.db, entries);
  }

  handedOverOwners(): Promise<Map<string, string>> {
    return handedOverOwners(this.db);
  }

  ownerHistory(owner: string, sinceDay: string): Promise<DailyOwnerRollup[]> {
    return ownerHistory(this.db, owner, sinceDay);
  }

  remindersSent(): Promise<Map<string, string>> {
    return remindersSent(this.db);
  }

  recordReminder(owner: string, at: string, pools: number): Promise<void> {
    return recordReminder(this.db, owner, at, pools);
  }
}
