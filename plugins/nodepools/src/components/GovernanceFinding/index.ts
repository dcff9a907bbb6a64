export { RULE_LABEL, SUGGESTION_LABEL, flagLabel } from './labels';
export { SeverityChip } from './SeverityChip';
export { FindingsTable } from './FindingsTable';
