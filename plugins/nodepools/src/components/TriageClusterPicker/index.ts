export { TriageClusterPicker, clusterDetail } from './TriageClusterPicker';
export type { TriageClusterPickerProps } from './TriageClusterPicker';
