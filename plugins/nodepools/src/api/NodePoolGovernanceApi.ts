import type {
  AcknowledgeFindingBody,
  ConfirmReviewBody,
  ConfirmReviewResponse,
  CostQuery,
  CostsResponse,
  GovernanceExportKind,
  FindingQuery,
  FindingsPage,
  FindingsSummary,
  GovernanceExportFormat,
  GovernanceFindingRecord,
  GovernancePoolQuery,
  GovernancePoolsResponse,
  OwnerReview,
  UpgradePlan,
} from '@nodepools/plugin-nodepools-common';

/** `csv` or `json`; the common package names it apart from its parsers' cloud-export formats. */
export type ExportFormat = GovernanceExportFormat;

/** The filters an export takes: those of the listing it exports. */
export type ExportQuery = FindingQuery | CostQuery | GovernancePoolQuery;

/** The upgrade plan of one cluster, or of one owner's pools. */
export interface UpgradeQuery {
  cluster?: string;
  owner?: string;
}

/** An export as downloaded: its body and the file name the backend gave it. */
export interface ExportDownload {
  blob: Blob;
  filename: string;
}

/**
 * Governance of the fleet: findings of the pool rules, costs and idle
 * capacity, the staged upgrade plan, the owners' review and the exports.
 * Failures reject with a `ResponseError`: 400 names the field, 403 when
 * not allowed, 404 for an unknown finding or owner.
 */
export interface NodePoolGovernanceApi {
  /** One page of findings; default the open ones, most severe first. */
  listFindings(query?: FindingQuery, options?: { signal?: AbortSignal }): Promise<FindingsPage>;
  /** Open findings by rule and severity. */
  getFindingsSummary(): Promise<FindingsSummary>;
  /** Accepts a finding with a reason, until it resolves or until `expiresAt`. */
  acknowledgeFinding(id: string, body: AcknowledgeFindingBody): Promise<GovernanceFindingRecord>;
  /** Monthly cost, idle cost and capacity, grouped by owner, cluster or provider. */
  getCosts(query?: CostQuery, options?: { signal?: AbortSignal }): Promise<CostsResponse>;
  /** Every pool with its cost, capacity, suggestions, upgrade posture and IP headroom. */
  listGovernancePools(query?: GovernancePoolQuery): Promise<GovernancePoolsResponse>;
  /** The pools in the order to upgrade them, each with what to watch. */
  getUpgradePlan(query?: UpgradeQuery, options?: { signal?: AbortSignal }): Promise<UpgradePlan>;
  /** An owner's review by entity ref (`group:default/team-a`). */
  getOwnerReview(owner: string): Promise<OwnerReview>;
  /**
   * Confirms pools as the owner's, or hands them to another group. Callers
   * read the review again with `getOwnerReview` rather than trust the answer.
   */
  confirmOwnerReview(owner: string, body: ConfirmReviewBody): Promise<ConfirmReviewResponse>;
  /** Where an export is served; it needs the user's token, so open it through `downloadExport`. */
  exportUrl(kind: GovernanceExportKind, format: ExportFormat, query?: ExportQuery): Promise<string>;
  /** Downloads an export with the user's credentials. */
  downloadExport(kind: GovernanceExportKind, format: ExportFormat, query?: ExportQuery): Promise<ExportDownload>;
}
