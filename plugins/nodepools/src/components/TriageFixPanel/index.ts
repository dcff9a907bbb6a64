export { TriageFixPanel, fixLabel } from './TriageFixPanel';
export type { TriageFixPanelProps } from './TriageFixPanel';
