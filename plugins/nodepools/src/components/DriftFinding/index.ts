export { DriftFinding, type DriftFindingProps } from './DriftFinding';
export { CAUSE_LABEL } from './labels';
