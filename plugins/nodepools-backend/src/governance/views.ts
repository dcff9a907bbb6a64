import {
  exportRows,
  rollupCosts,
  toCsv,
  upgradePlan,
  type CostGroupBy,
  type CostsResponse,
  type ExportFormat,
  type ExportKind,
  type PoolGovernance,
  type UpgradeStep,
} from '@nodepools/plugin-nodepools-common';

/**
 * The views the routes serve, over stored pool documents, through the
 * common package's functions, so the API, exports and tests agree.
 */
export function costsOf(documents: readonly PoolGovernance[], groupBy: CostGroupBy): Pick<CostsResponse, 'items' | 'total'> {
  return rollupCosts(documents, groupBy);
}

export function planOf(documents: readonly PoolGovernance[]): UpgradeStep[] {
  return upgradePlan(documents).steps;
}

/** An export's file: the rows as CSV (cells that a spreadsheet would run as formulas quoted), or as JSON. */
export function exportBody(kind: ExportKind, format: ExportFormat, items: unknown[]): string {
  const rows = exportRows(kind, items as never);
  return format === 'csv' ? toCsv(rows) : JSON.stringify(rows);
}
