export { TriageSignatureGroup, PODS_SHOWN } from './TriageSignatureGroup';
export type { TriageSignatureGroupProps } from './TriageSignatureGroup';
