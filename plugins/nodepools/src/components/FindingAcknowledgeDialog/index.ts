export { FindingAcknowledgeDialog } from './FindingAcknowledgeDialog';
