import { InputError, NotFoundError } from '@backstage/errors';
import {
  DEFAULT_PAGE_SIZE,
  GOVERNANCE_SEVERITIES,
  filterFindings,
  filterGovernancePools,
  rollupCosts,
  type AcknowledgeFindingBody,
  type ConfirmReviewBody,
  type CostQuery,
  type CostsResponse,
  type GovernanceExportKind,
  type FindingQuery,
  type FindingsPage,
  type FindingsSummary,
  type GovernanceFindingRecord,
  type GovernancePoolQuery,
  type GovernancePoolsResponse,
  type OwnerReview,
  type OwnershipConfirmation,
  type PoolGovernance,
  type UpgradePlan,
} from '@nodepools/plugin-nodepools-common';
import { parseEntityRef } from '@backstage/catalog-model';
import type { ExportDownload, ExportFormat, ExportQuery, UpgradeQuery } from '../api';

/** What the fake knows of governance. */
export interface FakeGovernanceData {
  findings?: GovernanceFindingRecord[];
  pools?: PoolGovernance[];
  /** Owner reviews by owner ref. */
  reviews?: OwnerReview[];
  upgrades?: UpgradePlan;
}

function isEntityRef(value: string): boolean {
  try {
    parseEntityRef(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The governance endpoints in memory, with the backend's semantics (the
 * common package's filters and roll-ups): filters are OR within a parameter
 * and AND across them, the default state is open,
 * confirmations are kept per pool and a hand-over moves the pool out of the
 * owner's review. It records acknowledgements, confirmations and exports.
 */
export class FakeGovernance {
  readonly acknowledgements: Array<{ id: string } & AcknowledgeFindingBody> = [];
  readonly confirmations: Array<{ owner: string } & ConfirmReviewBody> = [];
  readonly exports: Array<{ kind: GovernanceExportKind; format: ExportFormat; query: ExportQuery }> = [];
  readonly costQueries: CostQuery[] = [];
  readonly findingQueries: FindingQuery[] = [];

  constructor(private readonly data: FakeGovernanceData = {}) {}

  private findings(query: FindingQuery = {}): GovernanceFindingRecord[] {
    const { cursor: _cursor, limit: _limit, ...filter } = query;
    return filterFindings(this.data.findings ?? [], filter, new Date());
  }

  listFindings(query: FindingQuery = {}): FindingsPage {
    this.findingQueries.push(query);
    const items = this.findings(query);
    const offset = query.cursor ? Number(query.cursor) : 0;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const next = offset + limit;
    return {
      items: items.slice(offset, next),
      totalCount: items.length,
      ...(next < items.length ? { nextCursor: String(next) } : {}),
    };
  }

  getFindingsSummary(): FindingsSummary {
    const open = this.findings();
    const bySeverity = Object.fromEntries(GOVERNANCE_SEVERITIES.map(s => [s, 0])) as FindingsSummary['bySeverity'];
    const byRule: FindingsSummary['byRule'] = {};
    for (const f of open) {
      bySeverity[f.severity]++;
      byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    }
    return { byRule, bySeverity, open: open.length, acknowledged: this.findings({ state: 'acknowledged' }).length };
  }

  acknowledgeFinding(id: string, body: AcknowledgeFindingBody): GovernanceFindingRecord {
    if (!body.reason?.trim()) {
      throw new InputError("Invalid field 'reason' in the request body: is required: say why this finding is accepted");
    }
    const finding = this.data.findings?.find(f => f.id === id);
    if (!finding) throw new NotFoundError(`No finding with id '${id}'`);
    this.acknowledgements.push({ id, ...body });
    finding.acknowledgement = {
      by: 'user:default/guest',
      at: '2026-11-27T12:00:00.000Z',
      reason: body.reason,
      ...(body.expiresAt ? { expiresAt: body.expiresAt } : {}),
    };
    return finding;
  }

  private pools(query: GovernancePoolQuery = {}): PoolGovernance[] {
    return filterGovernancePools(this.data.pools ?? [], query);
  }

  getCosts(query: CostQuery = {}): CostsResponse {
    this.costQueries.push(query);
    const groupBy = query.groupBy ?? 'owner';
    return { groupBy, ...rollupCosts(this.pools(query), groupBy) };
  }

  listGovernancePools(query: GovernancePoolQuery = {}): GovernancePoolsResponse {
    return { items: this.pools(query) };
  }

  getUpgradePlan(query: UpgradeQuery = {}): UpgradePlan {
    const steps = (this.data.upgrades?.steps ?? []).filter(
      s => (!query.cluster || s.pool.clusterRef === query.cluster) && (!query.owner || s.pool.owner === query.owner),
    );
    return { steps };
  }

  private review(owner: string): OwnerReview {
    const review = this.data.reviews?.find(r => r.owner === owner);
    if (!review) throw new NotFoundError(`No pools owned by '${owner}'`);
    return review;
  }

  /** A copy, as a response would be. */
  getOwnerReview(owner: string): OwnerReview {
    return JSON.parse(JSON.stringify(this.review(owner)));
  }

  /** As the backend: every pool must be the owner's, a hand-over names an entity ref. */
  confirmOwnerReview(owner: string, body: ConfirmReviewBody): { items: OwnershipConfirmation[] } {
    const review = this.review(owner);
    body.pools.forEach((item, index) => {
      if (!review.pools.some(p => p.ref === item.ref)) {
        throw new InputError(`Invalid field 'pools.${index}.ref' in the request body: '${item.ref}' is not owned by ${owner}`);
      }
      if (item.action === 'hand-over' && item.handTo === owner) {
        throw new InputError(`Invalid field 'pools.${index}.handTo' in the request body: the pool is already ${owner}'s`);
      }
      if (item.action === 'hand-over' && !isEntityRef(item.handTo)) {
        throw new InputError(`Invalid field 'pools.${index}.handTo' in the request body: must be an entity ref`);
      }
    });
    this.confirmations.push({ owner, ...body });
    const at = '2026-11-27T12:00:00.000Z';
    const by = 'user:default/guest';
    // As the backend answers: the confirmations stored.
    const items = body.pools.map(item => ({
      poolRef: item.ref,
      owner,
      by,
      at,
      ...(item.action === 'hand-over' ? { handedTo: item.handTo } : {}),
    }));
    review.pools = review.pools.flatMap(pool => {
      const item = body.pools.find(p => p.ref === pool.ref);
      if (!item) return [pool];
      if (item.action === 'hand-over') return [];
      return [{ ...pool, confirmationDue: false, confirmation: items.find(c => c.poolRef === pool.ref)! }];
    });
    return { items };
  }

  downloadExport(kind: GovernanceExportKind, format: ExportFormat, query: ExportQuery = {}): ExportDownload {
    this.exports.push({ kind, format, query });
    const text = format === 'csv' ? 'ref,owner\n' : '[]';
    return { blob: new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/json' }), filename: `nodepools-${kind}.${format}` };
  }
}
