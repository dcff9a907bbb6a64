export { AcknowledgeDialog } from './AcknowledgeDialog';
export type { AcknowledgeDialogProps } from './AcknowledgeDialog';
