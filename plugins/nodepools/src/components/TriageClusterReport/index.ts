export { TriageClusterReport } from './TriageClusterReport';
export type { TriageClusterReportProps } from './TriageClusterReport';
