export { TriageAnalyzeForm } from './TriageAnalyzeForm';
