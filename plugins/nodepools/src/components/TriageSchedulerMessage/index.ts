export { TriageSchedulerMessage } from './TriageSchedulerMessage';
export type { TriageSchedulerMessageProps } from './TriageSchedulerMessage';
