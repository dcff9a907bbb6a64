export { TriageClusterTable } from './TriageClusterTable';
export type { TriageClusterTableProps } from './TriageClusterTable';
