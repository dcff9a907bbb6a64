export { TriageReportView, GROUPS_SHOWN } from './TriageReportView';
export type { TriageReportViewProps } from './TriageReportView';
