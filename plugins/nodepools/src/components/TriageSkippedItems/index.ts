export { TriageSkippedItems } from './TriageSkippedItems';
