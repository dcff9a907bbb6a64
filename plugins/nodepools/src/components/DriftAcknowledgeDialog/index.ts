export { DriftAcknowledgeDialog, type DriftAcknowledgeDialogProps } from './DriftAcknowledgeDialog';
