export { TriageVerdictMatrix, reasonLabel } from './TriageVerdictMatrix';
export type { TriageVerdictMatrixProps } from './TriageVerdictMatrix';
