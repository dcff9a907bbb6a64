import type { ClusterPlan } from '../plan';

/** A cluster's export file, and what its source config must add. */
export interface RenderedExport {
  fileName: string;
  text: string;
  /** The `cluster` / `region` / `account` a file source entry sets, as for the sample inventory. */
  context: { cluster?: string; region?: string; account?: string };
}

export type ExportRenderer = (plan: ClusterPlan) => RenderedExport;

/** Creation times stay fixed so a re-render of an unchanged cluster is byte-identical. */
export const CREATED_AT = '2025-01-14T09:30:00Z';
