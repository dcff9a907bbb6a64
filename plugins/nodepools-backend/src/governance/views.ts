import {
  exportRows,
  rollupCosts,
  toCsv,
  upgradePlan,
  type CostGroupBy,
  type CostsResponse,
  type ExportData,
  type GovernanceExportKind,
  type GovernanceExportFormat,
  type PoolGovernance,
  type UpgradeStep,
} from '@nodepools/plugin-nodepools-common';

/**
 * The views the routes serve over stored pool documents, through the
 * common package's functions, so the API, the exports and the frontend
 * agree.
 */
export function costsOf(documents: readonly PoolGovernance[], groupBy: CostGroupBy): Pick<CostsResponse, 'items' | 'total'> {
  return rollupCosts(documents, groupBy);
}

/**
 * The staged upgrade of these pools; `clusterPoolCounts` are the live
 * pools of each cluster in the whole inventory, so a cluster's only pool
 * is flagged even when the selection (one owner's) is smaller.
 */
export function planOf(documents: readonly PoolGovernance[], clusterPoolCounts: ReadonlyMap<string, number>): UpgradeStep[] {
  return upgradePlan(documents, { clusterPoolCounts });
}

/** An export's file: the rows as CSV (cells a spreadsheet would run as formulas neutralized), or as JSON. */
export function exportBody<K extends GovernanceExportKind>(kind: K, format: GovernanceExportFormat, data: ExportData[K]): string {
  const { columns, rows } = exportRows(kind, data);
  return format === 'csv' ? toCsv(columns, rows) : JSON.stringify(rows);
}
