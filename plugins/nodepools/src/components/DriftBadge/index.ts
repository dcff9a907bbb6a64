export { DriftBadge } from './DriftBadge';
export { SEVERITY_LABEL } from './severity';
